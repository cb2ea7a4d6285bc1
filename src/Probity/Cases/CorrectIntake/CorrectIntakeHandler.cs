using Probity.Cases.Contracts;
using Microsoft.EntityFrameworkCore;
using Probity.Kernel;
using Probity.Infrastructure.Time;

namespace Probity.Cases.CorrectIntake;

/// <summary>
/// Corrects what was written down when the case came in: its type, received and recorded dates, source, where it arose
/// and the summary. The way out for a case whose intake was wrong, including a date stored outside the working-day
/// calendar by an older version or an old import. The correction is on the timeline with every old and new value and
/// the reason, and in the audit trail.
/// </summary>
/// <remarks>
/// The command carries the intake as it should be (the form is filled in with the current values). What came after
/// intake constrains it: the dates must stay in order with the handling decision, findings, outcomes, appeals and
/// finalisation; the type cannot change once a handling route was decided for a matter of that type; and a received
/// date cannot move the case into another regime once anything was decided under its rulebook.
/// </remarks>
internal sealed class CorrectIntakeHandler(CaseEditing editing, RulebookCatalogue rulebooks)
{
    /// <summary>How much of an old and a new summary the timeline shows (the full text is in the case).</summary>
    public const int SummaryShown = 200;

    public const int MaxReason = 2000;

    internal sealed record Command(string CaseId, Guid Version, string? CaseType, DateOnly ReceivedOn, DateOnly? RecordedOn, string? Source,
        string? LocationUnitId, string? Summary, string? Reason);

    public async Task HandleAsync(Command cmd, CancellationToken ct)
    {
        var reason = CaseEditing.Readable(cmd.Reason) ?? throw new ActionRefusedException("Give the reason for the correction: where the right details come from and why the intake was wrong.");
        if (reason.Length > MaxReason) throw new ActionRefusedException($"Keep the reason to {MaxReason:N0} characters.");
        editing.RequireDate(cmd.ReceivedOn, "received date");
        if (cmd.RecordedOn is { } recordedGiven) editing.RequireDate(recordedGiven, "recorded date");

        var c = await editing.LoadAsync(cmd.CaseId, cmd.Version, ct);
        var changes = new List<string>();

        var type = Blank(cmd.CaseType) ?? throw new ActionRefusedException("Choose the case type.");
        if (type != c.CaseType)
        {
            if (!Vocabulary.CaseTypes.Contains(type)) throw new ActionRefusedException($"'{type}' is not a case type.");
            if (c.HandlingRoute is not null)
                throw new ActionRefusedException($"Case {c.Id} is being handled by {Vocabulary.Describe(c.HandlingRoute).ToLowerInvariant()}, decided for a {Vocabulary.Describe(c.CaseType).ToLowerInvariant()}: its type can only be corrected before the handling route is decided.");
            // The same for a claim's own lifecycle (ADR 0024): once recorded, its steps and money belong to its type.
            if (await editing.Db.CaseLitigation.AnyAsync(l => l.CaseId == c.Id, ct))
                throw new ActionRefusedException($"Case {c.Id} has its {LitigationRules.Noun(c.CaseType)} recorded: its type can only be corrected before the claim is recorded.");
            if (RecordCase.RecordCaseHandler.NeedsAllegation(type) && c.Allegations.Count == 0)
                throw new ActionRefusedException($"A {Vocabulary.Describe(type).ToLowerInvariant()} needs at least one allegation, and case {c.Id} has none.");
            changes.Add($"type: {Vocabulary.Describe(c.CaseType)} → {Vocabulary.Describe(type)}");
        }

        var source = Blank(cmd.Source);
        if (source != c.Source)
        {
            if (source is null) throw new ActionRefusedException("Choose the source: it cannot be removed, only corrected.");
            if (!Vocabulary.Sources.Contains(source)) throw new ActionRefusedException($"'{source}' is not a source.");
            changes.Add($"source: {Vocabulary.Describe(c.Source ?? "not recorded")} → {Vocabulary.Describe(source)}");
        }

        var location = Blank(cmd.LocationUnitId);
        if (location != c.LocationUnitId)
        {
            if (location is null) throw new ActionRefusedException("Choose where the matter arose: it cannot be removed, only corrected.");
            var names = await editing.Db.Units.AsNoTracking().Where(u => u.Id == location || u.Id == c.LocationUnitId).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
            if (!names.TryGetValue(location, out var newName)) throw new ActionRefusedException($"No unit has the id '{location}' (where the matter arose).");
            var oldName = c.LocationUnitId is null ? "not recorded" : names.GetValueOrDefault(c.LocationUnitId, c.LocationUnitId);
            changes.Add($"where it arose: {oldName} → {newName}");
        }

        var summary = Blank(cmd.Summary);
        if (summary != c.Summary)
        {
            if (summary is null) throw new ActionRefusedException("Describe the matter: the summary cannot be removed, only corrected.");
            if (summary.Length > 4000) throw new ActionRefusedException("Keep the summary to 4,000 characters.");
            changes.Add($"summary: \"{Shorten(c.Summary ?? "")}\" → \"{Shorten(summary)}\"");
        }

        if (cmd.ReceivedOn != c.ReceivedOn || cmd.RecordedOn != c.RecordedOn) CheckDates(c, cmd.ReceivedOn, cmd.RecordedOn);
        if (cmd.ReceivedOn != c.ReceivedOn) changes.Add($"received date: {c.ReceivedOn:d MMM yyyy} → {cmd.ReceivedOn:d MMM yyyy}");
        if (cmd.RecordedOn != c.RecordedOn) changes.Add($"recorded date: {c.RecordedOn?.ToString("d MMM yyyy") ?? "not recorded"} → {cmd.RecordedOn?.ToString("d MMM yyyy") ?? "not recorded"}");

        if (changes.Count == 0) throw new ActionRefusedException("Nothing was corrected: every detail given is the same as on the case.");
        c.CaseType = type;
        c.Source = source;
        c.LocationUnitId = location;
        c.Summary = summary;
        c.ReceivedOn = cmd.ReceivedOn;
        c.RecordedOn = cmd.RecordedOn;
        await editing.SaveAsync(c, "intake_corrected", "Intake corrected: " + string.Join("; ", changes), editing.Today, cmd.Reason, ct);
    }

    /// <summary>
    /// The new dates against everything that followed intake. Later dates that are themselves outside the calendar are
    /// left out: they are wrong too, and must not stop the intake being put right.
    /// </summary>
    private void CheckDates(Case c, DateOnly received, DateOnly? recorded)
    {
        if (recorded is { } rec)
            CaseEditing.RequireNotBefore(rec, received, "recorded date", "received date");
        else if (c.HandlingRoute is not null)
            throw new ActionRefusedException($"Case {c.Id} has a handling route, so it was recorded: give the recorded date.");

        void NotAfter(DateOnly? later, string laterWhat)
        {
            if (later is not { } l || !WorkingDays.Covers(l)) return;
            if (received > l) throw new ActionRefusedException($"The received date ({received:d MMM yyyy}) cannot be after the {laterWhat} ({l:d MMM yyyy}).");
            if (recorded is { } r && r > l)
                throw new ActionRefusedException($"The recorded date ({r:d MMM yyyy}) cannot be after the {laterWhat} ({l:d MMM yyyy}).");
        }
        NotAfter(c.RouteDecidedOn, "handling decision");
        NotAfter(c.FinalisedOn, "finalised date");
        foreach (var a in c.Allegations) NotAfter(a.FinalisedOn, $"finding on allegation {a.Id}");
        foreach (var s in c.Sanctions) NotAfter(s.DecidedOn, $"outcome for {s.StaffId}");
        foreach (var a in c.Appeals) NotAfter(a.LodgedOn, $"lodging of appeal {a.Id}");

        // The rulebook follows the received date unless the case names its regime; what was decided under one
        // rulebook (routes, findings, appeals, outcomes) may not exist under the other.
        // The same rule as a PIF-1 import: a regime named on the case must be the one in force on the received date.
        var before = rulebooks.For(c);
        var after = rulebooks.For(c.Regime, received);
        var byDate = rulebooks.For(null, received);
        if (c.Regime is not null && byDate.Regime != c.Regime)
            throw new ActionRefusedException($"Case {c.Id} is under the {c.Regime} regime, but a matter received on {received:d MMM yyyy} falls under the {byDate.Regime} regime.");
        var decided = c.HandlingRoute is not null || c.Appeals.Count > 0 || c.Sanctions.Count > 0 || c.Allegations.Any(a => a.Finding is not null);
        if (before.Regime != after.Regime && decided)
            throw new ActionRefusedException($"A received date of {received:d MMM yyyy} would move case {c.Id} from the {before.Regime} to the {after.Regime} regime, but its handling, findings, outcomes or appeals were decided under the {before.Regime} rules.");
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string Shorten(string s) => s.Length <= SummaryShown ? s : s[..(SummaryShown - 1)] + "…";
}
