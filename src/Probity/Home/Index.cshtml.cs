using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.AuditTrail;
using Probity.Cases.SearchCases;
using Probity.Identity;
using Probity.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Probity.Home;

public sealed class IndexModel(IAuthorizationService authz, ProbityDb db, SearchCases search, Audit audit, TimeProvider time) : PageModel
{
    public bool CanReadCases { get; private set; }
    public int Live { get; private set; }
    public int Overdue { get; private set; }
    public int AwaitingDecision { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        CanReadCases = (await authz.AuthorizeAsync(User, Policies.ReadCases)).Succeeded;
        if (!CanReadCases) return;
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        var cases = db.Cases.AsNoTracking();
        Live = await search.Apply(cases, new SearchCases.Filter { Status = "live" }, today).CountAsync(ct);
        Overdue = await search.Apply(cases, new SearchCases.Filter { Status = "live", Overdue = true }, today).CountAsync(ct);
        AwaitingDecision = await search.Apply(cases, new SearchCases.Filter { Status = Cases.CaseStatus.Recorded }, today).CountAsync(ct);
        await audit.RecordAsync("view", "dashboard", $"live={Live} overdue={Overdue} awaiting={AwaitingDecision}", ct);
    }
}
