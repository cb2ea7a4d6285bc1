using Microsoft.EntityFrameworkCore;
using Probity.AuditTrail.Contracts;
using Probity.Cases.Contracts;
using Probity.Database;
using Probity.Identity.Contracts;
using Probity.Infrastructure.Time;

namespace Probity.DemoForce;

/// <summary>
/// Gives the demo's people a caseload, so a new user's home page shows a working department (PIF-1, which the demo force
/// is imported as, has no investigating officer or supervisor). Deterministic: the most recent live cases, newest first,
/// none restricted and none about the person named. The investigator investigates the live investigations and the senior
/// manager supervises them; the case handler handles the rest and the investigator supervises those.
/// </summary>
internal sealed class DemoCaseloads(ProbityDb db, DirectoratePeople people, Audit audit, TimeProvider time, ICaseCorrespondence correspondence)
{
    /// <summary>How many live cases each demo investigating officer is given: a full but believable caseload.</summary>
    public const int PerOfficer = 24;

    private static readonly string[] InvestigationRoutes =
        ["local_investigation", "supervised_investigation", "managed_investigation", "independent_investigation"];

    public async Task AssignAsync(string investigator, string handler, string senior, CancellationToken ct)
    {
        var live = db.Cases.Where(c => c.FinalisedOn == null && !c.Restricted && c.InvestigatingOfficer == null)
            .OrderByDescending(c => c.ReceivedOn).ThenByDescending(c => c.Id);
        var investigations = await live.Where(c => c.HandlingRoute != null && InvestigationRoutes.Contains(c.HandlingRoute)).Take(PerOfficer).ToListAsync(ct);
        var others = await live.Where(c => c.HandlingRoute == null || !InvestigationRoutes.Contains(c.HandlingRoute)).Take(PerOfficer).ToListAsync(ct);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var u in new[] { investigator, handler, senior }) names[u] = await people.NameOfAsync(u);
        var now = time.GetUtcNow();
        void Name(Case c, string officer, string supervisor)
        {
            c.InvestigatingOfficer = officer;
            c.Supervisor = supervisor;
            c.Version = Guid.NewGuid();
            db.CaseEvents.Add(new CaseEvent
            {
                CaseId = c.Id, Kind = "assigned", Detail = $"Investigating officer: {names[officer]}; Supervisor: {names[supervisor]}",
                // Named when the case was last decided on: the demo's timeline reads as if it happened then.
                OccurredOn = c.RouteDecidedOn ?? c.RecordedOn ?? c.ReceivedOn,
                RecordedAt = now, Actor = "demo force",
            });
        }
        foreach (var c in investigations) Name(c, investigator, senior);
        foreach (var c in others) Name(c, handler, investigator);
        Report(investigations, investigator, senior, names, now);
        audit.Change("update", "cases", $"demo caseloads: {investigations.Count} live investigations to {investigator} (supervised by {senior}), {others.Count} other live cases to {handler} (supervised by {investigator}); "
            + $"investigation reports on {Math.Min(ReportStates.Length, investigations.Count)} of the investigations");
        await db.SaveChangesAsync(ct);
        await CorrespondAsync(investigations.Concat(others).Take(Correspondents.Length).ToList(), ct);
    }

    /// <summary>The sign-off states the demo's first investigations' reports are in (ADR 0022): one each.</summary>
    private static readonly string[] ReportStates = [CaseReportStates.Submitted, CaseReportStates.Returned, CaseReportStates.Approved];

    /// <summary>
    /// Investigation reports on the first few investigations, one in each state of the supervisor's sign-off, so the senior
    /// manager has a report awaiting their sign-off and the investigator one returned to them, with the timeline each would have.
    /// </summary>
    private void Report(IReadOnlyList<Case> investigations, string investigator, string senior, Dictionary<string, string> names, DateTimeOffset now)
    {
        var today = time.Today();
        for (var i = 0; i < Math.Min(ReportStates.Length, investigations.Count); i++)
        {
            var c = investigations[i];
            var state = ReportStates[i];
            var summary = $"Enquiries into {c.Id} are complete: the complainant, the officers and two witnesses were interviewed and the body-worn video reviewed. "
                + "The evidence is set out allegation by allegation with a finding proposed on each.";
            var decided = state == CaseReportStates.Submitted ? null : (DateTimeOffset?)now;
            db.CaseReports.Add(new CaseReport
            {
                CaseId = c.Id, State = state, Summary = summary, SubmittedBy = investigator, SubmittedAt = now, Submissions = 1,
                DecidedBy = decided is null ? null : senior, DecidedAt = decided,
                Comments = state == CaseReportStates.Returned ? "Please add the custody record's timings and deal with the second allegation separately." : null,
            });
            db.CaseEvents.Add(new CaseEvent
            {
                CaseId = c.Id, Kind = "report_submitted", Detail = $"Investigation report submitted to {names[senior]} for sign-off", Reason = summary,
                OccurredOn = today, RecordedAt = now, Actor = investigator,
            });
            if (decided is not null)
                db.CaseEvents.Add(new CaseEvent
                {
                    CaseId = c.Id, Kind = "report_" + state,
                    Detail = state == CaseReportStates.Approved ? $"Investigation report by {names[investigator]} approved" : $"Investigation report returned to {names[investigator]} with comments",
                    Reason = state == CaseReportStates.Returned ? "Please add the custody record's timings and deal with the second allegation separately." : null,
                    OccurredOn = today, RecordedAt = now, Actor = senior,
                });
        }
    }

    /// <summary>Complainants the demo names (PIF-1 carries none), so its letters are addressed to someone.</summary>
    private static readonly (string Name, string Address)[] Correspondents =
    [
        ("Mrs Amina Okafor", "14 Larch Grove, London N19 4QS"), ("Mr Daniel Whitcombe", "Flat 3, 88 Holloway Road, London N7 8JG"),
        ("Ms Priya Raman", "22 Tollington Park, London N4 3QY"), ("Mr Tomasz Nowak", "5 Camden Mews, London NW1 9BX"),
    ];

    /// <summary>
    /// A few of the named cases get what a working case file holds: the complainant's statement and an evidence list,
    /// the acknowledgement, and the handling decision once the route is decided. Through the Cases module, so each is
    /// checked, stored, audited and on the timeline exactly as one attached on the case page.
    /// </summary>
    private async Task CorrespondAsync(IReadOnlyList<Case> cases, CancellationToken ct)
    {
        for (var i = 0; i < cases.Count; i++)
        {
            var c = cases[i];
            var complainant = await db.Complainants.FirstOrDefaultAsync(p => p.CaseId == c.Id, ct);
            if (complainant is null) continue;
            var (name, address) = Correspondents[i];
            complainant.Name = name;
            complainant.Contact = address;
            audit.Change("update", "case:" + c.Id, "demo force: complainant named for its letters");
            await db.SaveChangesAsync(ct);
            await correspondence.AttachAsync(c.Id, "statement", $"Statement of {name}", "complainant statement.txt",
                System.Text.Encoding.UTF8.GetBytes($"Statement of {name}, {address}.\n\nI make this statement about the matter recorded as {c.Id}. {c.Summary}\n"), ct);
            await correspondence.AttachAsync(c.Id, "evidence_list", "Evidence list", "evidence list.csv",
                System.Text.Encoding.UTF8.GetBytes("item,description,held by\n1,Body-worn video of the incident,Evidence store\n2,Custody record,Custody suite\n3,Complainant's photographs,Investigating officer\n"), ct);
            await correspondence.SendLetterAsync(c.Id, "acknowledgement", ct);
            if (c.HandlingRoute is not null) await correspondence.SendLetterAsync(c.Id, "handling_decision", ct);
        }
    }
}
