using Probity.Risk.Contracts;
using Probity.AuditTrail.Contracts;
using Probity.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;
using Probity.Database;
using Probity.Kernel;
using Probity.Risk.Thresholds;

namespace Probity.Risk.Meeting;

/// <summary>
/// The fortnightly Risk Management meeting: its agenda pack (flags new or escalated since the last meeting,
/// follow-ups now due, register reviews due) and the record of what it decided about each.
/// </summary>
internal sealed class RiskMeeting(ProbityDb db, RiskFactsCache facts, ThresholdEngine engine, Audit audit, TimeProvider time, Scores.RiskScoresCache scores)
{
    public const int DaysBetweenMeetings = 14;

    /// <summary>Flags per page of the agenda.</summary>
    public const int PageSize = 100;

    public static int Pages(int flags) => Math.Max(1, (flags + PageSize - 1) / PageSize);

    /// <param name="Position">The officer's place in the risk ranking in use (1 = first), if ranked.</param>
    /// <param name="Decided">What the meeting decided about this flag since the last meeting, if it has.</param>
    internal sealed record AgendaFlag(RiskFlag Flag, string Change, IReadOnlyList<RiskIntervention> History, int? Position, RiskIntervention? Decided);

    internal sealed record Agenda(DateOnly MeetingOn, DateOnly PreviousOn, IReadOnlyList<AgendaFlag> Flags, IReadOnlyList<RiskIntervention> FollowUpsDue,
        IReadOnlyList<PersonOfConcern> ReviewsDue, int CriticalStanding, string RankedBy);

    /// <summary>
    /// The last meeting: the latest day decisions were recorded in the four weeks before this one (a meeting is the day the
    /// unit records its decisions), or a fortnight before if none were.
    /// </summary>
    public async Task<DateOnly> PreviousMeetingAsync(DateOnly meetingOn, CancellationToken ct)
    {
        var from = meetingOn.AddDays(-2 * DaysBetweenMeetings);
        var last = await db.RiskInterventions.AsNoTracking().Where(i => i.DecidedOn < meetingOn && i.DecidedOn >= from)
            .OrderByDescending(i => i.DecidedOn).Select(i => (DateOnly?)i.DecidedOn).FirstOrDefaultAsync(ct);
        return last ?? meetingOn.AddDays(-DaysBetweenMeetings);
    }

    /// <summary>
    /// Flags new or escalated since the last meeting, ranked: critical first, escalations before new flags, then by the
    /// officer's place in the risk ranking in use (model or baseline, as the evidence chose), then by how far over the threshold.
    /// </summary>
    /// <param name="withRegister">Whether the reader may open the Persons of Concern register (ReadPersonsOfConcern): only then are its reviews on the agenda.</param>
    /// <param name="page">The page of <see cref="PageSize"/> flags the reader is shown (clamped to the agenda): the trail says which.</param>
    public async Task<Agenda> AgendaAsync(DateOnly meetingOn, bool withRegister, int page, CancellationToken ct)
    {
        var previousOn = await PreviousMeetingAsync(meetingOn, ct);
        var f = await facts.GetAsync(ct);
        var now = engine.Evaluate(f, meetingOn).Where(x => x.VisibleTo(db.Scope)).ToList();
        var before = engine.Evaluate(f, previousOn).ToDictionary(x => (x.RuleId, x.SubjectId), x => x.Level);
        var interventions = await db.RiskInterventions.AsNoTracking().ToListAsync(ct);
        var history = interventions.ToLookup(i => (i.Subject, i.SubjectId));
        var ranked = scores.Peek();
        var position = ranked?.VisibleTo(db.Scope).ToDictionary(o => o.StaffId, o => o.Rank, StringComparer.Ordinal) ?? [];
        var items = new List<AgendaFlag>();
        foreach (var flag in now)
        {
            var change = !before.TryGetValue((flag.RuleId, flag.SubjectId), out var was) ? "new"
                : was == "warning" && flag.Level == "critical" ? "escalated" : null;
            if (change is null) continue;
            var past = history[(flag.Subject, flag.SubjectId)].OrderBy(i => i.DecidedOn).ToList();
            var decided = past.LastOrDefault(i => i.DecidedOn >= previousOn && (i.RuleId is null || i.RuleId == flag.RuleId));
            items.Add(new AgendaFlag(flag, change, past, flag.Subject == "officer" && position.TryGetValue(flag.SubjectId, out var p) ? p : null, decided));
        }
        var due = await db.RiskInterventions.AsNoTracking().Where(i => i.Outcome == null && i.FollowUpOn != null && i.FollowUpOn <= meetingOn)
            .OrderBy(i => i.FollowUpOn).ToListAsync(ct);
        var reviewBy = meetingOn.AddDays(DaysBetweenMeetings);
        var reviews = !withRegister ? []
            : await db.PersonsOfConcern.AsNoTracking().Where(p => p.ClosedOn == null && p.ReviewOn <= reviewBy).OrderBy(p => p.ReviewOn).ToListAsync(ct);
        var pages = Pages(items.Count);
        await audit.RecordAsync("view", "risk_meeting", $"agenda for {meetingOn:yyyy-MM-dd} (last meeting {previousOn:yyyy-MM-dd}): {items.Count} flag(s), {due.Count} follow-up(s), {reviews.Count} review(s); page {Math.Clamp(page, 1, pages)} of {pages}", ct);
        var ordered = items.OrderBy(i => i.Flag.Level == "critical" ? 0 : 1).ThenBy(i => i.Change == "escalated" ? 0 : 1)
            .ThenBy(i => i.Position ?? int.MaxValue).ThenByDescending(i => i.Flag.Value).ThenBy(i => i.Flag.SubjectId, StringComparer.Ordinal).ToList();
        return new Agenda(meetingOn, previousOn, ordered, due, reviews, now.Count(x => x.Level == "critical"),
            ranked is null ? "the risk ranking is still being prepared; until it is, by level and how far over the threshold" : ranked.Choice.InUseTitle);
    }

    internal sealed record DecideCommand(string Subject, string SubjectId, string? RuleId, string Decision, string Notes, DateOnly DecidedOn, DateOnly? FollowUpOn);

    public async Task<long> DecideAsync(DecideCommand cmd, CancellationToken ct)
    {
        if (!RiskIntervention.Decisions.Contains(cmd.Decision))
            throw new ActionRefusedException($"'{cmd.Decision}' is not a decision. Choose one of: {string.Join(", ", RiskIntervention.Decisions.Select(Vocabulary.Describe))}.");
        if (string.IsNullOrWhiteSpace(cmd.Notes)) throw new ActionRefusedException("Record the reasons for the decision.");
        if (cmd.Subject is not ("officer" or "unit" or "location")) throw new ActionRefusedException("A decision is about an officer, a team or a location.");
        if (string.IsNullOrWhiteSpace(cmd.SubjectId) || cmd.SubjectId.Length > 64) throw new ActionRefusedException("Say which officer, team or location the decision is about.");
        // Nobody decides about their own flags (the officer under investigation with a seat at the meeting).
        if (cmd.Subject == "officer" && !db.Scope.MayReadAbout(cmd.SubjectId)) throw new ActionRefusedException("You cannot record a decision about yourself.");
        if (cmd.Notes.Length > 2000) throw new ActionRefusedException("The reasons are at most 2,000 characters.");
        if (cmd.RuleId is not null && engine.Rules.All(r => r.Id != cmd.RuleId)) throw new ActionRefusedException($"There is no trigger '{cmd.RuleId}'.");
        if (cmd.FollowUpOn is { } followUp) WorkingDays.RequireCovered(followUp, "the follow-up date");
        var today = time.Today();
        if (cmd.DecidedOn > today) throw new ActionRefusedException("The decision date is in the future.");
        var needsFollowUp = !cmd.Decision.StartsWith("no_action_false_positive", StringComparison.Ordinal);
        if (needsFollowUp && cmd.FollowUpOn is null) throw new ActionRefusedException("Set a follow-up date: every intervention is reviewed.");
        if (cmd.FollowUpOn is { } f && f <= cmd.DecidedOn) throw new ActionRefusedException("The follow-up date must be after the decision.");
        var intervention = new RiskIntervention
        {
            Subject = cmd.Subject, SubjectId = cmd.SubjectId, RuleId = cmd.RuleId, Decision = cmd.Decision, Notes = cmd.Notes.Trim(),
            DecidedOn = cmd.DecidedOn, DecidedBy = db.Scope.Actor, FollowUpOn = needsFollowUp ? cmd.FollowUpOn : null,
            Outcome = needsFollowUp ? null : "resolved", OutcomeOn = needsFollowUp ? null : cmd.DecidedOn,
        };
        db.RiskInterventions.Add(intervention);
        // The id is the database's, so the entry is written once it exists (in the same transaction). It is read through
        // the tracker: the entity's own property is set only when the save is accepted, after the entry is written.
        audit.Change("create", () => $"risk_intervention:{db.Entry(intervention).Property(i => i.Id).CurrentValue}", () => $"{cmd.Subject} {cmd.SubjectId}: {cmd.Decision}");
        await db.SaveChangesAsync(ct);
        return intervention.Id;
    }

    public async Task RecordOutcomeAsync(long id, string outcome, CancellationToken ct)
    {
        if (!RiskIntervention.Outcomes.Contains(outcome)) throw new ActionRefusedException($"The outcome is one of: {string.Join(", ", RiskIntervention.Outcomes)}.");
        var i = await db.RiskInterventions.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new RecordNotFoundException($"Intervention {id}");
        if (i.Outcome is not null) throw new ActionRefusedException($"Intervention {id} already has its outcome ({i.Outcome}).");
        i.Outcome = outcome;
        i.OutcomeOn = time.Today();
        audit.Change("update", $"risk_intervention:{id}", "outcome: " + outcome);
        await db.SaveChangesAsync(ct);
    }
}
