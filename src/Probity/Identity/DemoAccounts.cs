using Probity.Identity.Contracts;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Probity.Identity;

/// <summary>
/// One demo account per role, so the demo force can be explored straight away, and the Anti-Corruption Command's
/// superintendent, who holds two (a senior manager who is also an investigator: the only demo account that may authorise
/// tactics and integrity tests, ADR 0020). The password comes from configuration (Probity:Demo:Password) or is generated
/// on first run and shown once: none is in the repository.
/// </summary>
internal sealed class DemoAccounts(UserManager<ProbityUser> users, RoleManager<IdentityRole> roles, IConfiguration configuration, ILogger<DemoAccounts> log)
{
    public static readonly IReadOnlyList<DemoAccount> Accounts =
    [
        new("handler", "Chris Handler (case handler, CST)", Roles.CaseHandler, "cst"),
        new("investigator", "Sam Okafor (DPS investigator)", Roles.Investigator, "dps-acu"),
        new("analyst", "Priya Shah (analyst)", Roles.Analyst, "dps-intel"),
        new("senior", "Helen Marsh (DPS senior manager)", Roles.SeniorManager, "dps-smt"),
        new("oversight", "Cllr Alan Reid (police authority)", Roles.Oversight, null),
        new("admin", "Jo Patel (system administrator)", Roles.Administrator, "it"),
        new("intelligence", "Dev Rahman (Intelligence Bureau)", Roles.IntelligenceBureau, "dps-intel-bureau"),
        // Named in the demo force's operations as the authoriser of their tactics and integrity tests (DemoTasking).
        new("superintendent", "Det Supt Ruth Kemble (Anti-Corruption Command)", Roles.SeniorManager, "dps-acu", Roles.Investigator),
        // Kept to Camden (a borough of the demo force: DemoForceReference.Boroughs), as an administrator keeps a champion
        // (ADR 0026): reads and handles only the cases Camden handles, and sends Camden's monthly returns.
        new("camden-champion", "Aisha Bello (Camden's professional standards champion)", Roles.BoroughChampion, null) { Borough = DemoChampionBorough },
    ];

    /// <summary>The demo force's borough the demo champion is kept to (a unit id the demo generator always writes).</summary>
    public const string DemoChampionBorough = "bor-camden";

    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role)) Check(await roles.CreateAsync(new IdentityRole(role)), role);
    }

    /// <summary>Creates the demo accounts if none exist. Returns the password used, or null if they already existed.</summary>
    public async Task<string?> EnsureAsync()
    {
        await EnsureRolesAsync();
        if (await users.FindByNameAsync(Accounts[0].UserName) is not null) return null;
        var password = configuration["Probity:Demo:Password"];
        if (string.IsNullOrEmpty(password)) password = "Demo-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6));
        foreach (var account in Accounts)
        {
            var user = new ProbityUser { UserName = account.UserName, DisplayName = account.DisplayName, Team = account.Team, BoroughUnitId = account.Borough };
            Check(await users.CreateAsync(user, password), account.UserName);
            Check(await users.AddToRolesAsync(user, [account.Role, .. account.AlsoHolds]), account.UserName);
        }
        log.LogInformation("Created {Count} demo accounts", Accounts.Count);
        return password;
    }

    public async Task<ProbityUser> CreateAsync(string userName, string displayName, string role, string? team, string password)
    {
        await EnsureRolesAsync();
        if (!Roles.All.Contains(role)) throw new ArgumentException($"Unknown role '{role}'. Roles: {string.Join(", ", Roles.All)}", nameof(role));
        var user = new ProbityUser { UserName = userName, DisplayName = displayName, Team = team };
        Check(await users.CreateAsync(user, password), userName);
        Check(await users.AddToRoleAsync(user, role), userName);
        return user;
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded) throw new InvalidOperationException($"Could not create {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
    }
}

/// <summary>A demo account: its main role (the one it is introduced by) and any others it also holds.</summary>
internal sealed record DemoAccount(string UserName, string DisplayName, string Role, string? Team, params string[] AlsoHolds)
{
    /// <summary>The borough (unit id) the account is kept to, for a borough champion (ADR 0026).</summary>
    public string? Borough { get; init; }
}
