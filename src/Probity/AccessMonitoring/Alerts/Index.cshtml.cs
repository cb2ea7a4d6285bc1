using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.AccessMonitoring.Detection;
using Probity.Identity.Contracts;
using Probity.Infrastructure.Web;

namespace Probity.AccessMonitoring.Alerts;

[Authorize(Policy = Policies.ReadMonitoring)]
[PostPolicy(Policies.ManageMonitoring)]
internal sealed class IndexModel(SearchAlerts search, MisuseRuleSet rules, ReviewCapacity capacity, IAuthorizationService authz, DirectoratePeople people, Risk.Contracts.ConcernMarkers concerns) : PageModel
{
    /// <summary>"1" shows every alert to work, not only each day's top within the review capacity.</summary>
    [BindProperty(SupportsGet = true)] public string? All { get; set; }
    public ReviewCapacity.Setting Capacity { get; private set; } = null!;
    public bool CanSetCapacity { get; private set; }

    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Rule { get; set; }
    [BindProperty(SupportsGet = true)] public string? Staff { get; set; }
    [BindProperty(SupportsGet = true)] public string? Key { get; set; }

    public SearchAlerts.Result Result { get; private set; } = null!;
    /// <summary>The Persons of Concern register's markers on the staff listed: empty unless the reader may read the register.</summary>
    public IReadOnlyDictionary<string, Risk.Contracts.ConcernMarkers.Marker> Concerns { get; private set; } = new Dictionary<string, Risk.Contracts.ConcernMarkers.Marker>();
    public IReadOnlyList<MisuseRule> Rules => rules.Rules;

    public string RuleTitle(string id) => rules.Rules.FirstOrDefault(r => r.Id == id)?.Title ?? Kernel.Vocabulary.Describe(id);

    // "page" is also Razor Pages' own route value, so the page number is read from the query string itself.
    public async Task OnGetAsync(CancellationToken ct)
    {
        Capacity = await capacity.ReadAsync(ct);
        CanSetCapacity = (await authz.AuthorizeAsync(User, Policies.ManageMonitoring)).Succeeded;
        Result = await search.HandleAsync(new SearchAlerts.Filter(Status, Rule, Staff, Key, int.TryParse(Request.Query["page"], out var page) ? page : 1, All == "1"), ct);
        Concerns = await concerns.ForStaffAsync(User, Result.Rows.Select(r => r.StaffId), "the alerts list", ct);
        foreach (var assigned in Result.Rows.Select(r => r.AssignedTo).OfType<string>().Distinct(StringComparer.Ordinal))
            _assignees[assigned] = await people.NameOfAsync(assigned);
    }

    private readonly Dictionary<string, string> _assignees = new(StringComparer.Ordinal);

    /// <summary>The name of the person an alert is assigned to (alerts store their sign-in name).</summary>
    public string AssigneeName(string userName) => _assignees.GetValueOrDefault(userName, userName);

    public async Task<IActionResult> OnPostCapacityAsync(int? perDay, Guid version, CancellationToken ct)
    {
        await capacity.SetAsync(perDay, version, ct);
        TempData["Notice"] = $"Review capacity set to {perDay} alerts a day.";
        return Redirect("/monitoring/alerts");
    }

    public string PageLink(int page) => PageLink(page, All);

    /// <summary>The same list with every alert to work, beyond the review capacity too.</summary>
    public string BeyondLink => PageLink(1, "1");

    /// <summary>The same list cut to each day's top within the review capacity.</summary>
    public string WithinLink => PageLink(1, null);

    private string PageLink(int page, string? all) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/monitoring/alerts", new Dictionary<string, string?>
        {
            ["status"] = Status, ["rule"] = Rule, ["staff"] = Staff, ["key"] = Key, ["all"] = all, ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }.Where(p => !string.IsNullOrEmpty(p.Value)));
}
