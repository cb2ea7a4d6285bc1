using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.AccessMonitoring.Detection;
using Probity.Identity.Contracts;

namespace Probity.AccessMonitoring.Alerts;

[Authorize(Policy = Policies.ReadMonitoring)]
internal sealed class IndexModel(SearchAlerts search, MisuseRuleSet rules, DirectoratePeople people) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Rule { get; set; }
    [BindProperty(SupportsGet = true)] public string? Staff { get; set; }
    [BindProperty(SupportsGet = true)] public string? Key { get; set; }

    public SearchAlerts.Result Result { get; private set; } = null!;
    public IReadOnlyList<MisuseRule> Rules => rules.Rules;

    public string RuleTitle(string id) => rules.Rules.FirstOrDefault(r => r.Id == id)?.Title ?? Kernel.Vocabulary.Describe(id);

    // "page" is also Razor Pages' own route value, so the page number is read from the query string itself.
    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await search.HandleAsync(new SearchAlerts.Filter(Status, Rule, Staff, Key, int.TryParse(Request.Query["page"], out var page) ? page : 1), ct);
        foreach (var assigned in Result.Rows.Select(r => r.AssignedTo).OfType<string>().Distinct(StringComparer.Ordinal))
            _assignees[assigned] = await people.NameOfAsync(assigned);
    }

    private readonly Dictionary<string, string> _assignees = new(StringComparer.Ordinal);

    /// <summary>The name of the person an alert is assigned to (alerts store their sign-in name).</summary>
    public string AssigneeName(string userName) => _assignees.GetValueOrDefault(userName, userName);

    public string PageLink(int page) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/monitoring/alerts", new Dictionary<string, string?>
        {
            ["status"] = Status, ["rule"] = Rule, ["staff"] = Staff, ["key"] = Key, ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }.Where(p => !string.IsNullOrEmpty(p.Value)));
}
