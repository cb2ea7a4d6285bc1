using Microsoft.EntityFrameworkCore;
using Probity.AuditTrail.Contracts;
using Probity.Database;
using Probity.Intelligence.Contracts;

namespace Probity.DemoForce;

/// <summary>
/// The demo force's control strategy (ADR control-strategy): activities of each kind under the priorities, owned by demo
/// staff, some with progress and one overdue; a full Strategic Intelligence Assessment three years ago and an interim update
/// a year later, so the next review shows as overdue and the full one falls due.
/// </summary>
internal static class DemoControlStrategy
{
    private sealed record Planned(string Priority, string Kind, string Description, int DueInDays, string State, string? Progress);

    private static readonly Planned[] Activities =
    [
        new("information_misuse", ControlActivityKinds.Intelligence, "Monthly review of the top-scoring information-misuse alerts with the Intelligence Bureau.", 30, ControlActivityStates.InProgress, "Alerts of the last quarter reviewed; three became intelligence items."),
        new("information_misuse", ControlActivityKinds.Prevention, "Briefing to every response team on lawful use of force systems, with the misuse cases of the year as examples.", 90, ControlActivityStates.Planned, null),
        new("information_misuse", ControlActivityKinds.Enforcement, "Integrity test of the PNC checks requested by the teams with the most alerts.", -20, ControlActivityStates.InProgress, "Authorised; deployment delayed by abstractions."),
        new("business_interests", ControlActivityKinds.Prevention, "Reminder to all staff of the duty to declare business interests, with the register's form.", 60, ControlActivityStates.Planned, null),
        new("business_interests", ControlActivityKinds.Enforcement, "Follow up every refused interest the holder continued.", 45, ControlActivityStates.InProgress, "Two of five reviewed."),
        new("theft_from_police_premises", ControlActivityKinds.Prevention, "Audit of the property stores' sign-out records at every borough.", 120, ControlActivityStates.Planned, null),
        new("substance_misuse", ControlActivityKinds.Prevention, "With-cause drug testing policy agreed with the staff associations.", -5, ControlActivityStates.Done, "Policy signed off by the chief officer group."),
        new("vetting", ControlActivityKinds.Intelligence, "Match vetting refusals against the intelligence log before each appointment to the Directorate.", 150, ControlActivityStates.Planned, null),
        new("internal_fraud", ControlActivityKinds.Enforcement, "Financial investigation of payroll accounts reported by partner banks.", 75, ControlActivityStates.InProgress, "Production orders served on two banks."),
        new("taylor_reforms", ControlActivityKinds.Prevention, "Reflective practice for first-line supervisors handling low-level complaints under the Taylor reforms.", 200, ControlActivityStates.Planned, null),
    ];

    public static async Task LoadAsync(ProbityDb db, Audit audit, DateOnly until, DateTimeOffset now, CancellationToken ct)
    {
        var owners = await db.Staff.AsNoTracking().Where(s => s.StaffType == "officer" && s.LeftOn == null).OrderBy(s => s.Id).Select(s => s.Id).Skip(10).Take(10).ToListAsync(ct);
        if (owners.Count == 0) return;
        foreach (var (p, index) in Activities.Select((p, i) => (p, i)))
        {
            var activity = new ControlActivity
            {
                Priority = p.Priority, Kind = p.Kind, Description = p.Description, OwnerStaffId = owners[index % owners.Count], DueOn = until.AddDays(p.DueInDays),
                State = p.State, ChangedBy = "senior", ChangedAt = now.AddDays(-14),
            };
            if (p.Progress is not null)
                activity.Progress.Add(new ControlProgressNote { ActivityId = activity.Id, Text = p.Progress, WrittenBy = "senior", WrittenAt = now.AddDays(-7) });
            db.Set<ControlActivity>().Add(activity);
            audit.Change("control_activity_add", "control_strategy:" + p.Priority, "demo force");
        }
        var full = until.AddYears(-3).AddDays(-20);
        var interim = full.AddYears(1);
        db.Set<StrategicAssessment>().Add(new StrategicAssessment
        {
            Kind = StrategicAssessmentKinds.Full, AssessedOn = full, NextDueOn = full.AddYears(StrategicAssessmentKinds.FullEveryYears),
            Note = "Seven priorities agreed by the strategic committee.", RecordedBy = "senior", RecordedAt = now.AddYears(-3),
        });
        db.Set<StrategicAssessment>().Add(new StrategicAssessment
        {
            Kind = StrategicAssessmentKinds.Interim, AssessedOn = interim, NextDueOn = interim.AddYears(StrategicAssessmentKinds.InterimEveryYears),
            Note = "Information misuse raised to the first priority after the year's alerts.", RecordedBy = "senior", RecordedAt = now.AddYears(-2),
        });
        audit.Change("strategic_assessment_record", "control_strategy", "demo force: a full assessment and an interim update");
        await db.SaveChangesAsync(ct);
    }
}
