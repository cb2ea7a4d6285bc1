using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Probity.Infrastructure.Web;
using Probity.Kernel;

namespace Probity.Identity.Contracts;

/// <summary>
/// The directorate's people as someone choosing a colleague sees them (to assign an alert, to let them see a restricted
/// case): their name, chosen by name, sign-in name or warrant number (their staff record's id), and stored by
/// sign-in name. Only the accounts the action may go to are offered or accepted, so a form never lists (nor a
/// refusal suggests) anyone else: the choice is made on the page of the action, by those allowed to perform it,
/// with no separate lookup to ask who else has an account.
/// </summary>
internal sealed class DirectoratePeople(UserManager<ProbityUser> users)
{
    /// <summary>The roles that read cases: who a restricted case can be opened to.</summary>
    public static readonly IReadOnlyList<string> CaseReaders = [Roles.CaseHandler, Roles.Investigator, Roles.Analyst, Roles.SeniorManager, Roles.Oversight];

    /// <summary>The roles that work alerts: who an alert can be assigned to.</summary>
    public static readonly IReadOnlyList<string> AlertWorkers = [Roles.Investigator, Roles.SeniorManager];

    /// <summary>
    /// The accounts holding any of <paramref name="roles"/>, as choices; without the one whose staff record is
    /// <paramref name="notAbout"/> (nobody is given the alert or case about themselves).
    /// </summary>
    public Task<ChoiceList> WithRolesAsync(IEnumerable<string> roles, string? notAbout = null) =>
        WithRolesAsync(roles, u => notAbout is null || u.StaffId != notAbout);

    /// <summary>The accounts holding any of <paramref name="roles"/> that <paramref name="eligible"/> accepts, as choices.</summary>
    public async Task<ChoiceList> WithRolesAsync(IEnumerable<string> roles, Func<ProbityUser, bool> eligible)
    {
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(eligible);
        var people = new Dictionary<string, ProbityUser>(StringComparer.Ordinal);
        foreach (var role in roles)
            foreach (var u in await users.GetUsersInRoleAsync(role))
                if (u.UserName is { Length: > 0 } name && eligible(u)) people.TryAdd(name, u);
        return new ChoiceList(people.Values
            .Select(u => new Choice(u.UserName!, string.IsNullOrWhiteSpace(u.DisplayName) ? u.UserName! : u.DisplayName, u.StaffId))
            .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The sign-in name of the person typed into <paramref name="field"/>, among <paramref name="choices"/>, or a
    /// refusal naming the field and saying why (<paramref name="who"/>: "can be assigned the alert").
    /// </summary>
    public static string Choose(ChoiceList choices, string? typed, string field, string who)
    {
        if (string.IsNullOrWhiteSpace(typed)) throw new ActionRefusedException($"{field}: name the person.");
        return choices.Find(typed, out var alike)?.Id
            ?? throw new ActionRefusedException($"{field}: no one called '{typed.Trim()}' {who}.{choices.Suggest(alike)}");
    }

    /// <summary>The teams people belong to (a restricted case may be opened to a team).</summary>
    public async Task<IReadOnlySet<string>> TeamsAsync(CancellationToken ct) =>
        (await users.Users.Where(u => u.Team != null).Select(u => u.Team!).Distinct().ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);

    /// <summary>The borough a stored sign-in name's account is kept to (ADR 0026), or null (no such account, or kept to none).</summary>
    public async Task<string?> BoroughOfAsync(string userName) => (await users.FindByNameAsync(userName))?.BoroughUnitId;

    /// <summary>The name people read for a stored sign-in name (the sign-in name itself if there is no such account now).</summary>
    public async Task<string> NameOfAsync(string userName) =>
        await users.FindByNameAsync(userName) is { DisplayName: { Length: > 0 } name } ? name : userName;
}
