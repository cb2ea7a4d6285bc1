using Microsoft.EntityFrameworkCore;
using Probity.AuditTrail.Contracts;
using Probity.Database;
using Probity.Intelligence.Contracts;

namespace Probity.DemoForce;

/// <summary>
/// The tasking and co-ordinating group's operations for the demo force (ADR 0020): four operations about real demo staff,
/// with tactics authorised and awaiting authorisation, one action overdue, one closed, and integrity tests of every result
/// (passed, failed, inconclusive) and one still awaiting authorisation. The authorisations are recorded as made by a senior
/// manager of the Anti-Corruption Command ("superintendent"), never by the requester or planner.
/// </summary>
internal static class DemoTasking
{
    private const string Authoriser = "superintendent";

    public static async Task LoadAsync(ProbityDb db, Audit audit, DateOnly until, CancellationToken ct)
    {
        var staff = await db.Staff.AsNoTracking().Where(s => s.StaffType == "officer" || s.StaffType == "police_staff").OrderBy(s => s.Id).Select(s => s.Id).Skip(40).Take(4).ToListAsync(ct);
        if (staff.Count < 4) return;
        var items = await db.Set<IntelligenceItem>().AsNoTracking().OrderBy(i => i.Id).Select(i => i.Id).ToListAsync(ct);
        var caseId = await db.Cases.AsNoTracking().Where(c => !c.Restricted && c.ReceivedOn <= until.AddDays(-20)).OrderByDescending(c => c.ReceivedOn).ThenBy(c => c.Id).Select(c => c.Id).FirstOrDefaultAsync(ct);
        DateTimeOffset At(DateOnly d) => new(d.ToDateTime(new TimeOnly(11, 0)), TimeSpan.Zero);

        TaskingOperation Operation(string id, string name, string objective, string subject, string priority, int openedDaysAgo, string? action, int? dueInDays)
        {
            var o = new TaskingOperation
            {
                Id = id, Name = name, Objective = objective, SubjectStaffId = subject, Priority = priority, OpenedBy = "intelligence", OpenedOn = until.AddDays(-openedDaysAgo),
                NextAction = action, NextActionDueOn = dueInDays is { } d ? until.AddDays(d) : null,
            };
            o.Progress.Add(new OperationProgress { OperationId = id, Text = "Opened at the tasking and co-ordinating group.", WrittenBy = "intelligence", WrittenAt = At(o.OpenedOn) });
            return o;
        }
        void Tactic(TaskingOperation o, string option, string reason, int daysAgo, bool authorised) => o.Tactics.Add(new OperationTactic
        {
            OperationId = o.Id, Option = option, Reason = reason, RequestedBy = "investigator", RequestedOn = until.AddDays(-daysAgo),
            AuthorisedBy = authorised ? Authoriser : null, AuthorisedAt = authorised ? At(until.AddDays(-daysAgo + 1)) : null,
        });
        void Test(TaskingOperation o, string scenario, int plannedDaysAgo, string? result, string? followUp, string? followUpCase, string? note)
        {
            var planned = until.AddDays(-plannedDaysAgo);
            o.Tests.Add(new IntegrityTest
            {
                OperationId = o.Id, Scenario = scenario, PlannedFor = planned, PlannedBy = "investigator",
                AuthorisedBy = result is null && plannedDaysAgo < 0 ? null : Authoriser, AuthorisedAt = result is null && plannedDaysAgo < 0 ? null : At(planned.AddDays(-7)),
                ConductedOn = result is null ? null : planned, ConductedBy = result is null ? null : "investigator",
                Result = result, FollowUp = followUp, FollowUpCaseId = followUpCase, FollowUpNote = note,
            });
        }

        var kestrel = Operation("OP-DEMOKESTRL", "Operation Kestrel", "Establish whether property is being removed from the borough property store.", staff[0], "theft_from_police_premises", 120, "Review the store's audit trail with the property officer", 14);
        Tactic(kestrel, "integrity_test", "Intelligence graded B2 of removals; a test is the least intrusive way to confirm or eliminate.", 100, true);
        Tactic(kestrel, "systems_audit", "The property system shows who signed items in and out.", 100, true);
        Test(kestrel, "A marked bag of cash is booked into the store as found property; its handling is observed.", 60, IntegrityTestResults.Failed, IntegrityTestFollowUps.CaseOpened, caseId, "The bag was not recorded on the system; referred for investigation.");
        Test(kestrel, "A second found-property item is booked in on a different shift.", 20, IntegrityTestResults.Inconclusive, IntegrityTestFollowUps.Development, null, "The item was recorded late; the shift was short-staffed.");

        var heron = Operation("OP-DEMOHERON0", "Operation Heron", "Establish whether a response officer discloses police information to a private investigator.", staff[1], "information_misuse", 90, "Obtain the officer's PNC transaction history for the last year", -10);
        Tactic(heron, "communications_data", "The source names the private investigator's telephone; contact with the officer would corroborate.", 80, true);
        Tactic(heron, "integrity_test", "A planted PNC entry would show whether it is searched and passed on.", 15, false);
        Test(heron, "A fictitious vehicle is placed on the PNC with a marker; any search of it is reported.", -10, null, null, null, null);

        var wren = Operation("OP-DEMOWREN00", "Operation Wren", "Test the intelligence that a constable takes goods from shops without paying.", staff[2], "taylor_reforms", 200, null, null);
        Tactic(wren, "integrity_test", "Two shopkeepers' accounts; a test would confirm or clear the officer.", 190, true);
        Test(wren, "A test purchaser's shop is staffed by an undercover officer; the constable's visits are recorded.", 150, IntegrityTestResults.Passed, IntegrityTestFollowUps.NoFurtherAction, null, "The constable paid on each of three visits.");
        wren.ClosedOn = until.AddDays(-140);
        wren.ClosedBy = "intelligence";
        wren.Result = "The intelligence was not borne out: the officer passed the test; no further action.";

        var linnet = Operation("OP-DEMOLINNET", "Operation Linnet", "Develop the bank's report of payroll transfers to a gambling operator.", staff[3], "internal_fraud", 10, "Meet the bank's fraud team", 5);
        Tactic(linnet, "financial_investigation", "The transfers suggest debt that makes the member of staff vulnerable to corruption.", 8, false);

        foreach (var (o, index) in new[] { kestrel, heron, wren, linnet }.Select((o, i) => (o, i)))
        {
            if (items.Count > 0)
                o.Links.Add(new TaskingLink { OperationId = o.Id, Kind = TaskingLinkKinds.Item, Value = items[(index * 2) % items.Count] });
            if (o == kestrel && caseId is not null) o.Links.Add(new TaskingLink { OperationId = o.Id, Kind = TaskingLinkKinds.Case, Value = caseId });
            db.Set<TaskingOperation>().Add(o);
            audit.Change("tasking_open", "operation:" + o.Id, "demo force");
        }
        await db.SaveChangesAsync(ct);
    }
}
