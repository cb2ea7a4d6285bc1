using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Probity.Identity;
using Probity.Infrastructure.Database;
using Probity.Workforce;

namespace Probity.Cases.SearchCases;

[Authorize(Policy = Policies.ReadCases)]
public sealed class IndexModel(SearchCases search, ProbityDb db) : PageModel
{
    [BindProperty(SupportsGet = true)] public SearchCases.Filter Filter { get; set; } = new();
    public SearchCases.Result Result { get; private set; } = new([], 0, 1, 1);
    public IReadOnlyList<Unit> Units { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await search.HandleAsync(Filter, ct);
        Units = await HandlingUnits(db, ct);
    }

    internal static async Task<IReadOnlyList<Unit>> HandlingUnits(ProbityDb db, CancellationToken ct) =>
        await db.Units.AsNoTracking().Where(u => u.Kind == "cst" || u.Kind == "bsu" || u.Kind == "borough" || u.Kind == "business_group")
            .OrderBy(u => u.Kind == "cst" ? 0 : u.Kind == "bsu" ? 1 : u.Kind == "borough" ? 2 : 3).ThenBy(u => u.Name).ToListAsync(ct);

    public string PageLink(int page)
    {
        var query = Request.Query.ToDictionary(q => q.Key, q => (string?)q.Value.ToString());
        query["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return QueryHelpers.AddQueryString("/cases", query);
    }
}
