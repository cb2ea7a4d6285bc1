using Microsoft.EntityFrameworkCore;
using Probity.AuditTrail.Contracts;
using Probity.Cases.Contracts;
using Probity.Database;

namespace Probity.DemoForce;

/// <summary>
/// The conduct side of a working department (ADR 0023), on the demo's decided cases: the severity assessed for the
/// officers whose outcome the imported history records (one reassessed), the misconduct meeting or gross misconduct
/// hearing (with its panel) that gave that outcome, appeals to the Police Appeals Tribunal against two dismissals (one
/// decided), and reflective practice reviews under the 2020 regulations. Deterministic: the latest sanctions first, none
/// on a restricted case. The outcomes are the imported ones: nothing here adds a sanction.
/// </summary>
internal static class DemoConduct
{
    private const string Actor = "demo force";

    /// <summary>How many officers of each kind of proceeding the demo shows.</summary>
    private const int PerKind = 6;

    public static async Task LoadAsync(ProbityDb db, Audit audit, DateOnly until, DateTimeOffset now, CancellationToken ct)
    {
        var rulebooks = RulebookCatalogue.LoadBuiltIn();
        var sanctions = await db.Sanctions.AsNoTracking().Where(s => s.DecidedOn != null && s.DecidedOn <= until && !s.Case!.Restricted)
            .OrderByDescending(s => s.DecidedOn).ThenBy(s => s.CaseId).ThenBy(s => s.StaffId).Take(400).ToListAsync(ct);
        var caseIds = sanctions.Select(s => s.CaseId).Distinct().ToList();
        var cases = await db.Cases.Include(c => c.Allegations).Include(c => c.Appeals).Where(c => caseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        // Panels drawn from serving officers (chair first), never a subject of the case they sit on.
        var panelPool = await db.Staff.AsNoTracking().Where(s => s.StaffType == "officer" && s.LeftOn == null).OrderBy(s => s.Id).Select(s => s.Id).Take(60).ToListAsync(ct);
        var done = new HashSet<(string, string)>();
        var perCase = new Dictionary<string, int>(StringComparer.Ordinal);
        string Next(string caseId, string letter) => $"{caseId}-{letter}{perCase[caseId + letter] = perCase.GetValueOrDefault(caseId + letter) + 1}";
        int hearings = 0, meetings = 0, reviews = 0, appeals = 0, seat = 0;
        foreach (var s in sanctions)
        {
            if (!cases.TryGetValue(s.CaseId, out var c) || !done.Add((s.CaseId, s.StaffId)) || c.Allegations.All(a => a.StaffId != s.StaffId)) continue;
            var book = rulebooks.For(c);
            var decided = s.DecidedOn!.Value;
            var hearing = s.Outcome.StartsWith("dismissal", StringComparison.Ordinal) ? book.HearingKind("gross_misconduct_hearing") : book.HearingKind("misconduct_meeting");
            var reflective = book.ReflectivePracticeSeverity is { } pri && s.Outcome == pri;
            if (reflective ? reviews >= PerKind : hearing is null || !hearing.Outcomes.Contains(s.Outcome) || (hearing.Severity == "gross_misconduct" ? hearings >= PerKind : meetings >= PerKind)) continue;
            var severity = reflective ? book.ReflectivePracticeSeverity! : hearing!.Severity;
            var assessedOn = decided.AddDays(-42);
            if (assessedOn < c.ReceivedOn) assessedOn = c.ReceivedOn;
            // The first gross misconduct case was first thought misconduct: its reassessment shows the history.
            if (!reflective && severity == "gross_misconduct" && hearings == 0)
                Assess(db, c, s.StaffId, "misconduct", assessedOn, "On the first account the searches looked like curiosity about a neighbour.", null, now);
            Assess(db, c, s.StaffId, severity, assessedOn, reflective ? "A first lapse in judgement, learnt from best by reflection." : severity == "gross_misconduct"
                ? "The conduct, if proven, would justify dismissal: honesty and integrity."
                : "A breach of the standards of professional behaviour short of justifying dismissal.", hearings == 0 && !reflective && severity == "gross_misconduct" ? "misconduct" : null, now);
            if (reflective)
            {
                var id = Next(c.Id, "R");
                db.ReflectivePracticeReviews.Add(new ReflectivePracticeReview
                {
                    Id = id, CaseId = c.Id, StaffId = s.StaffId, StartedOn = decided, StartedBy = Actor,
                    Reflection = reviews % 2 == 0 ? "I should have checked the log before closing the call; I now do so on every shift." : null,
                    ReflectionOn = reviews % 2 == 0 ? decided.AddDays(14) : null, CompletedOn = reviews % 3 == 0 ? decided.AddDays(28) : null,
                });
                Event(db, c.Id, "rprp_started", $"Reflective practice review {id} started for {s.StaffId}", decided, now);
                reviews++;
                continue;
            }
            var panel = panelPool.Where(p => c.Allegations.All(a => a.StaffId != p)).Skip(seat++ % 20).Take(hearing!.Severity == "gross_misconduct" ? 3 : 1).ToList();
            var hearingId = Next(c.Id, "H");
            var heldOn = decided.AddDays(-7) < assessedOn ? assessedOn : decided.AddDays(-7);
            db.ConductHearings.Add(new ConductHearing
            {
                Id = hearingId, CaseId = c.Id, StaffId = s.StaffId, Kind = hearing.Code, HeldOn = heldOn, ArrangedBy = Actor,
                Panel = [.. panel.Select((p, i) => new HearingPanelMember { Seat = i + 1, StaffId = p, Role = i == 0 ? "chair" : "member" })],
                Attendance = (hearings + meetings) % 3 == 2 ? "did_not_attend" : "attended_represented", Outcome = s.Outcome, OutcomeOn = decided,
            });
            Event(db, c.Id, "hearing_arranged", $"{Kernel.Vocabulary.Describe(hearing.Code)} {hearingId} arranged for {s.StaffId} on {heldOn:d MMM yyyy}; panel: {string.Join(", ", panel)}", assessedOn, now);
            Event(db, c.Id, "hearing_outcome", $"{Kernel.Vocabulary.Describe(hearing.Code)} {hearingId} for {s.StaffId}: {Kernel.Vocabulary.Describe(s.Outcome).ToLowerInvariant()}", decided, now);
            if (hearing.AppealType is { } appealType && appeals < 2 && decided.AddDays(21) <= until && c.Appeals.All(a => a.Id != $"{c.Id}-PAT1") && c.Appeals.All(a => a.HearingId == null))
            {
                var appeal = new Appeal { Id = $"{c.Id}-PAT1", CaseId = c.Id, AppealType = appealType, LodgedOn = decided.AddDays(21), HearingId = hearingId, StaffId = s.StaffId };
                if (appeals == 1 && decided.AddDays(120) <= until) { appeal.DecidedOn = decided.AddDays(120); appeal.Upheld = false; }
                db.Appeals.Add(appeal);
                Event(db, c.Id, "appeal_lodged", $"Police Appeals Tribunal appeal {appeal.Id} lodged by {s.StaffId} against the outcome of {hearingId}", appeal.LodgedOn, now);
                if (appeal.DecidedOn is { } d) Event(db, c.Id, "appeal_decided", $"Appeal {appeal.Id} not upheld (against the outcome of {hearingId} for {s.StaffId})", d, now);
                appeals++;
            }
            if (hearing.Severity == "gross_misconduct") hearings++; else meetings++;
            c.Version = Guid.NewGuid();
        }
        audit.Change("update", "cases", $"demo conduct: {hearings} gross misconduct hearings, {meetings} misconduct meetings, {reviews} reflective practice reviews, {appeals} Police Appeals Tribunal appeals");
        await db.SaveChangesAsync(ct);
    }

    private static void Assess(ProbityDb db, Case c, string staffId, string severity, DateOnly on, string rationale, string? was, DateTimeOffset now)
    {
        var first = was is null && db.ChangeTracker.Entries<SeverityAssessment>().All(e => e.Entity.CaseId != c.Id || e.Entity.StaffId != staffId);
        db.SeverityAssessments.Add(new SeverityAssessment { CaseId = c.Id, StaffId = staffId, Severity = severity, AssessedOn = on, AssessedBy = Actor, RecordedAt = now, Rationale = rationale });
        var words = Kernel.Vocabulary.Describe(severity).ToLowerInvariant();
        db.CaseEvents.Add(new CaseEvent
        {
            CaseId = c.Id, Kind = first ? "severity_assessed" : "severity_reassessed", OccurredOn = on, RecordedAt = now, Actor = Actor, Reason = rationale,
            Detail = first ? $"Severity assessed for {staffId}: {words}" : $"Severity reassessed for {staffId}: {words}",
        });
    }

    private static void Event(ProbityDb db, string caseId, string kind, string detail, DateOnly on, DateTimeOffset now) =>
        db.CaseEvents.Add(new CaseEvent { CaseId = caseId, Kind = kind, Detail = detail, OccurredOn = on, RecordedAt = now, Actor = Actor });
}
