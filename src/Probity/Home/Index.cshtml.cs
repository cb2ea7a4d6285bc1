using Probity.Cases.Contracts;
using Probity.AuditTrail.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.Identity.Contracts;

namespace Probity.Home;

internal sealed class IndexModel(IAuthorizationService authz, ICaseSearch search, ICaseloads caseloads, Audit audit) : PageModel
{
    public bool CanReadCases { get; private set; }

    /// <summary>
    /// Oversight members read finalised cases only: live, overdue and awaiting-decision tiles would always say 0 and
    /// link to empty lists, so they get what they can use instead (finalised cases, the performance figures).
    /// </summary>
    public bool OnlyFinalised { get; private set; }
    public bool CanReadPerformance { get; private set; }
    public int Live { get; private set; }
    public int Overdue { get; private set; }
    public int AwaitingDecision { get; private set; }
    public int Finalised { get; private set; }

    /// <summary>The reader's own cases and their team's (null for those who work no cases: analysts, oversight).</summary>
    public Caseload? Mine { get; private set; }

    /// <summary>Handlers and investigators live in their cases: "My cases" leads their home page even while it is empty.</summary>
    public bool WorksCases { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        CanReadCases = (await authz.AuthorizeAsync(User, Policies.ReadCases)).Succeeded;
        CanReadPerformance = (await authz.AuthorizeAsync(User, Policies.ReadPerformance)).Succeeded;
        if (!CanReadCases) return;
        OnlyFinalised = ReaderScope.For(User).OnlyFinalised;
        if (OnlyFinalised)
        {
            Finalised = await search.CountAsync(new CaseFilter { Status = CaseStatus.Finalised }, ct);
            await audit.RecordAsync("view", "dashboard", $"finalised={Finalised}", ct);
            return;
        }
        Live = await search.CountAsync(new CaseFilter { Status = "live" }, ct);
        Overdue = await search.CountAsync(new CaseFilter { Status = "live", Overdue = true }, ct);
        AwaitingDecision = await search.CountAsync(new CaseFilter { Status = Cases.Contracts.CaseStatus.Recorded }, ct);
        await audit.RecordAsync("view", "dashboard", $"live={Live} overdue={Overdue} awaiting={AwaitingDecision}", ct);
        WorksCases = User.IsInRole(Roles.CaseHandler) || User.IsInRole(Roles.Investigator) || User.IsInRole(Roles.BoroughChampion);
        if (WorksCases || User.IsInRole(Roles.SeniorManager)) Mine = await caseloads.ForReaderAsync("view", ct);
    }
}
