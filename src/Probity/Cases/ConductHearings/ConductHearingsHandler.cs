using Microsoft.EntityFrameworkCore;
using Probity.Cases.AssessSeverity;
using Probity.Cases.Contracts;
using Probity.Infrastructure.Time;
using Probity.Kernel;
using Probity.Workforce.Contracts;

namespace Probity.Cases.ConductHearings;

/// <summary>
/// Misconduct meetings and gross misconduct (and accelerated) hearings (ADR 0023): arranged for one subject officer, of
/// the kind their assessed severity calls for, with a panel chosen by name; then held, with the officer's attendance and
/// the panel's outcome, which becomes the officer's sanction through <see cref="RecordSanction.RecordSanctionHandler.Apply"/>.
/// </summary>
internal sealed class ConductHearingsHandler(CaseEditing editing, RulebookCatalogue rulebooks)
{
    public const string NotProven = HearingOutcome.NotProven;

    /// <param name="Members">The other panel members' names, one a line (or separated by semicolons).</param>
    internal sealed record ArrangeCommand(string CaseId, Guid Version, string? StaffId, string? Kind, DateOnly HeldOn, string? Chair, string? Members);

    internal sealed record OutcomeCommand(string CaseId, Guid Version, string? HearingId, string? Attendance, string? Outcome, DateOnly DecidedOn, string? Reason);

    public async Task<string> ArrangeAsync(ArrangeCommand cmd, CancellationToken ct)
    {
        // A meeting is arranged ahead: its date may be in the future, but inside the calendar.
        WorkingDays.RequireCovered(cmd.HeldOn, "the date of the meeting or hearing");
        var c = await editing.LoadAsync(cmd.CaseId, cmd.Version, ct);
        CaseEditing.RequireStanding(c, "have a meeting or hearing arranged");
        CaseEditing.RequireUnderRegulations(c, "have a misconduct meeting or hearing arranged");
        var book = rulebooks.For(c);
        var kind = book.HearingKind(cmd.Kind) ?? throw new ActionRefusedException(
            $"kind: '{Vocabulary.Describe(cmd.Kind)}' is not a kind of meeting or hearing under the {book.Regime} regime. Allowed: {string.Join(", ", book.HearingKinds.Select(k => Vocabulary.Describe(k.Code)))}.");
        var staffId = AssessSeverityHandler.RequireSubject(c, cmd.StaffId);
        var severity = await AssessSeverityHandler.CurrentAsync(editing, c.Id, staffId, ct) ?? throw new ActionRefusedException(
            $"The severity of the matter against {staffId} has not been assessed: assess it first, so the right meeting or hearing is held.");
        if (severity.Severity != kind.Severity)
        {
            var right = book.HearingKinds.Where(k => k.Severity == severity.Severity).Select(k => Vocabulary.Describe(k.Code).ToLowerInvariant()).ToList();
            throw new ActionRefusedException($"kind: a {Vocabulary.Describe(kind.Code).ToLowerInvariant()} hears {Vocabulary.Describe(kind.Severity).ToLowerInvariant()}, but the matter against {staffId} is assessed as {Vocabulary.Describe(severity.Severity).ToLowerInvariant()}" +
                (right.Count == 0 ? $", which is not heard at a meeting or hearing under the {book.Regime} regime{(book.ReflectivePracticeSeverity == severity.Severity ? " (it goes to the reflective practice review process)" : "")}." : $", which is heard at a {string.Join(" or ", right)}."));
        }
        CaseEditing.RequireNotBefore(cmd.HeldOn, severity.AssessedOn, "date of the meeting or hearing", "severity assessment");
        var hearings = await editing.Db.ConductHearings.Where(h => h.CaseId == c.Id).ToListAsync(ct);
        if (hearings.FirstOrDefault(h => h.StaffId == staffId && h.Outcome is null) is { } pending)
            throw new ActionRefusedException($"A {Vocabulary.Describe(pending.Kind).ToLowerInvariant()} ({pending.Id}) is already arranged for {staffId} on {pending.HeldOn:d MMM yyyy} and awaits its outcome.");

        var panel = new List<HearingPanelMember> { new() { Seat = 1, StaffId = await StaffChoice.ChooseAsync(editing.Db, cmd.Chair, "chair", ct), Role = "chair" } };
        foreach (var name in (cmd.Members ?? "").Split(['\n', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            panel.Add(new() { Seat = panel.Count + 1, StaffId = await StaffChoice.ChooseAsync(editing.Db, name, "panel member", ct), Role = "member" });
        if (panel.Any(p => p.StaffId == staffId)) throw new ActionRefusedException("panel: the officer whose conduct is heard cannot sit on the panel.");
        if (panel.Select(p => p.StaffId).Distinct(StringComparer.Ordinal).Count() != panel.Count) throw new ActionRefusedException("panel: a member of staff is named twice.");
        // A panel sits on the day: nobody who has left the force by then (a typed staff id would otherwise name them).
        var seated = panel.Select(p => p.StaffId).ToList();
        if (await editing.Db.Staff.AsNoTracking().Where(s => seated.Contains(s.Id) && s.LeftOn != null && s.LeftOn <= cmd.HeldOn)
                .OrderBy(s => s.Id).Select(s => new { s.Id, s.DisplayName, s.LeftOn }).FirstOrDefaultAsync(ct) is { } gone)
            throw new ActionRefusedException($"panel: {gone.DisplayName} ({gone.Id}) left the force on {gone.LeftOn:d MMM yyyy}, by the date of the meeting or hearing ({cmd.HeldOn:d MMM yyyy}), and cannot sit on its panel.");
        var subjects = c.Allegations.Select(a => a.StaffId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (panel.FirstOrDefault(p => subjects.Contains(p.StaffId)) is { } conflicted)
            throw new ActionRefusedException($"panel: {conflicted.StaffId} is a subject of this case and cannot sit on its panel.");

        var n = hearings.Count;
        string id;
        do id = $"{c.Id}-H{++n}";
        while (hearings.Any(h => h.Id == id));
        editing.Db.ConductHearings.Add(new ConductHearing { Id = id, CaseId = c.Id, StaffId = staffId, Kind = kind.Code, HeldOn = cmd.HeldOn, ArrangedBy = editing.Db.Scope.Actor, Panel = panel });
        await editing.SaveAsync(c, "hearing_arranged",
            $"{Vocabulary.Describe(kind.Code)} {id} arranged for {staffId} on {cmd.HeldOn:d MMM yyyy}; panel: {string.Join(", ", panel.Select(p => p.StaffId))}", editing.Today < cmd.HeldOn ? editing.Today : cmd.HeldOn, null, ct);
        return id;
    }

    public async Task RecordOutcomeAsync(OutcomeCommand cmd, CancellationToken ct)
    {
        editing.RequireDate(cmd.DecidedOn, "outcome date");
        var c = await editing.LoadAsync(cmd.CaseId, cmd.Version, ct);
        CaseEditing.RequireStanding(c, "record a meeting's or hearing's outcome");
        var hearing = await editing.Db.ConductHearings.FirstOrDefaultAsync(h => h.CaseId == c.Id && h.Id == cmd.HearingId, ct)
            ?? throw new ActionRefusedException($"hearing: case {c.Id} has no meeting or hearing '{cmd.HearingId}'.");
        if (hearing.Outcome is not null) throw new ActionRefusedException($"The outcome of {hearing.Id} was already recorded on {hearing.OutcomeOn:d MMM yyyy}.");
        if (cmd.Attendance is null || !HearingAttendance.All.Contains(cmd.Attendance))
            throw new ActionRefusedException($"attendance: '{cmd.Attendance}' is not an attendance. Possible: {string.Join(", ", HearingAttendance.All.Select(HearingAttendance.Describe))}.");
        CaseEditing.RequireNotBefore(cmd.DecidedOn, hearing.HeldOn, "outcome date", $"date of {hearing.Id}");
        var book = rulebooks.For(c);
        var kind = book.HearingKind(hearing.Kind)!;
        var outcome = cmd.Outcome ?? "";
        if (outcome != NotProven)
        {
            if (!kind.Outcomes.Contains(outcome))
                throw new ActionRefusedException($"outcome: a {Vocabulary.Describe(kind.Code).ToLowerInvariant()} cannot give '{Vocabulary.Describe(outcome).ToLowerInvariant()}'. Possible: {string.Join(", ", kind.Outcomes.Select(Vocabulary.Describe).Append("Not proven"))}.");
            RecordSanction.RecordSanctionHandler.Apply(c, book, hearing.StaffId, outcome, cmd.DecidedOn);
        }
        hearing.Attendance = cmd.Attendance;
        hearing.Outcome = outcome;
        hearing.OutcomeOn = cmd.DecidedOn;
        await editing.SaveAsync(c, "hearing_outcome",
            $"{Vocabulary.Describe(hearing.Kind)} {hearing.Id} for {hearing.StaffId}: {HearingAttendance.Describe(cmd.Attendance).ToLowerInvariant()}; {(outcome == NotProven ? "not proven" : Vocabulary.Describe(outcome).ToLowerInvariant())}",
            cmd.DecidedOn, cmd.Reason, ct);
    }
}
