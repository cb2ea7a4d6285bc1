using Probity.Workforce.Contracts;
using Probity.Cases.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Probity.Identity.Contracts;

namespace Probity.Cases.SearchCases;

[Authorize(Policy = Policies.ReadCases)]
internal sealed class IndexModel(SearchCasesHandler search, UnitDirectory units) : PageModel
{
    [BindProperty(SupportsGet = true)] public CaseFilter Filter { get; set; } = new();
    public SearchCasesHandler.Result Result { get; private set; } = new([], 0, 1, 1);
    public IReadOnlyList<Unit> Units { get; private set; } = [];

    /// <summary>Cases on this page whose age and due date cannot be worked out from their stored dates.</summary>
    public IReadOnlyList<CaseDateWarning> DateWarnings { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        // "page" is also Razor Pages' own route value (the page's name), so binding never sees ?page=2: read it from the query.
        Filter.Page = int.TryParse(Request.Query["page"], out var page) ? page : 1;
        Result = await search.HandleAsync(Filter, ct);
        Units = await units.AllAsync(ct);
        DateWarnings = CaseDates.ForClocks(Result.Rows.Where(r => r.Clock is null).Select(r => (r.Id, r.ReceivedOn, r.FinalisedOn)));
    }

    public string PageLink(int page)
    {
        var query = Request.Query.ToDictionary(q => q.Key, q => (string?)q.Value.ToString());
        query["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return QueryHelpers.AddQueryString("/cases", query);
    }
}
