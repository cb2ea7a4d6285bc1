using Probity.Identity.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Probity.Cases.RestrictCase;

/// <summary>Both policies, as when it was a form on the case page: editing cases, and restricting them.</summary>
[Authorize(Policy = Policies.EditCases)]
[Authorize(Policy = Policies.RestrictCases)]
internal sealed class RestrictCasePage(RestrictCaseHandler restrict, DirectoratePeople people, ViewCase.ViewCaseHandler view, TimeProvider time) : CaseOperationPage(view, time)
{
    [BindProperty] public string? Principals { get; set; }
    [BindProperty] public string? Reason { get; set; }

    /// <summary>The people who read cases (but for the case's subjects, whom the handler refuses), and the teams, offered by name.</summary>
    public Probity.Infrastructure.Web.ChoiceList Choices { get; private set; } = new([]);

    protected override async Task LoadChoicesAsync(CancellationToken ct)
    {
        var about = Case.Allegations.Select(a => a.StaffId).Concat(Case.Sanctions.Select(s => s.StaffId)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var readers = await people.WithRolesAsync(DirectoratePeople.CaseReaders, u => u.StaffId is null || !about.Contains(u.StaffId));
        var teams = (await people.TeamsAsync(ct)).Order(StringComparer.Ordinal).Select(t => new Probity.Infrastructure.Web.Choice("team:" + t, "team:" + t));
        Choices = new(readers.Choices.Concat(teams));
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => PerformAsync(async () =>
    {
        await restrict.HandleAsync(new(Id, Version, (Principals ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), Reason ?? ""), ct);
        return "Case restricted.";
    }, ct);
}
