using Microsoft.EntityFrameworkCore;
using Probity.AuditTrail.Contracts;
using Probity.Cases.Contracts;
using Probity.Database;
using Probity.Identity.Contracts;

namespace Probity.DemoForce;

/// <summary>
/// Gives the demo's people a caseload, so a new user's home page shows a working department (PIF-1, which the demo force
/// is imported as, has no investigating officer or supervisor). Deterministic: the most recent live cases, newest first,
/// none restricted and none about the person named. The investigator investigates the live investigations and the senior
/// manager supervises them; the case handler handles the rest and the investigator supervises those.
/// </summary>
internal sealed class DemoCaseloads(ProbityDb db, DirectoratePeople people, Audit audit, TimeProvider time)
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
        audit.Change("update", "cases", $"demo caseloads: {investigations.Count} live investigations to {investigator} (supervised by {senior}), {others.Count} other live cases to {handler} (supervised by {investigator})");
        await db.SaveChangesAsync(ct);
    }
}
