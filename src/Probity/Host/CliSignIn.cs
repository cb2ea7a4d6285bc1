using Probity.Identity.Contracts;
using Probity.Kernel;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Probity.AuditTrail;

namespace Probity.Host;

/// <summary>
/// Who a command-line verb acts as. Verbs that show case, performance, risk or monitoring data act as a named account
/// (<c>--as USER</c>): the account's password (<c>PROBITY_PASSWORD</c> or standard input) and, if it has two-factor
/// sign-in, a current code (<c>PROBITY_TOTP</c> or the next line of standard input); its policy and need-to-know apply
/// exactly as in the web application, and the trail records it by name. Operator verbs (migrate, trail, users,
/// imports without --as, ingest) act as the platform, recorded as <c>operator:&lt;os user&gt;</c>.
/// </summary>
internal static class CliSignIn
{
    /// <summary>The verbs that read what need-to-know protects, and the policy each needs. Every other verb is an operator verb.</summary>
    public static string? PolicyFor(string[] verb) => verb switch
    {
        ["export", ..] => Policies.Export,
        ["pmf", ..] => Policies.ReadPerformance,
        ["risk", "score" or "evaluate", ..] => Policies.ReadRisk,
        ["audit", "detect" or "who-accessed", ..] => Policies.ReadMonitoring,
        ["import", ..] => Policies.Import,
        ["digest", "send-all", ..] => null,
        ["digest", ..] => Policies.ReadCases,
        ["registers", "export", "dip-samples", ..] => Policies.ReadDipSamples,
        ["registers", "export", "resources", ..] => Policies.ReadBoardPack,
        ["registers", "export", ..] => Policies.ReadRegisters,
        ["registers", "import", ..] => Policies.ManageRegisters,
        ["intelligence", "export", ..] => Policies.ReadIntelligence,
        ["intelligence", "import", ..] => Policies.RecordIntelligence,
        _ => null,
    };

    /// <summary>Verbs an operator may run without --as (the platform's own work on its store).</summary>
    public static bool OperatorMayRun(string[] verb) => verb is ["import", ..] || PolicyFor(verb) is null;

    public static string OperatorName => $"operator:{Environment.UserName}";

    internal sealed class RefusedException(string message) : Exception(message);

    /// <summary>Signs in as <paramref name="userName"/> and returns the scope the verb runs in; refuses with a reason.</summary>
    public static async Task<CaseAccessScope> AuthenticateAsync(IServiceProvider services, string userName, string? policy, CancellationToken ct)
    {
        var users = services.GetRequiredService<UserManager<ProbityUser>>();
        var trail = services.GetRequiredService<AuditTrailWriter>();
        var client = "cli:" + Environment.UserName;
        var account = "account:" + userName;
        var user = await users.FindByNameAsync(userName);
        var password = Environment.GetEnvironmentVariable("PROBITY_PASSWORD") ?? await Console.In.ReadLineAsync(ct) ?? "";
        if (user is null || await users.IsLockedOutAsync(user) || !await users.CheckPasswordAsync(user, password))
        {
            // Same answer whether the account exists or not; a wrong password counts towards the account's lockout.
            if (user is not null && !await users.IsLockedOutAsync(user)) await users.AccessFailedAsync(user);
            await trail.RecordAsync(new AuditRecord(userName, "sign_in_failed", account, "command line", client), ct);
            throw new RefusedException("The user name or password is not right (or the account is locked).");
        }
        // Every role signs in with two factors (ADR 0005): an account that has not set up its authenticator does so on the
        // web first; the command line is not a way round it.
        if (!await users.GetTwoFactorEnabledAsync(user))
        {
            await trail.RecordAsync(new AuditRecord(userName, "sign_in_refused", account, "command line: two-factor sign-in not set up", client), ct);
            throw new RefusedException("This account has not set up two-factor sign-in: sign in on the web once to set it up, then try again.");
        }
        {
            var code = Environment.GetEnvironmentVariable("PROBITY_TOTP") ?? await Console.In.ReadLineAsync(ct) ?? "";
            if (!await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, code.Replace(" ", "", StringComparison.Ordinal)))
            {
                await users.AccessFailedAsync(user);
                await trail.RecordAsync(new AuditRecord(userName, "sign_in_failed", account, "command line: two-factor code refused", client), ct);
                throw new RefusedException("The two-factor code is not right: give the current code from the authenticator in PROBITY_TOTP.");
            }
        }
        await users.ResetAccessFailedCountAsync(user);
        var principal = await services.GetRequiredService<IUserClaimsPrincipalFactory<ProbityUser>>().CreateAsync(user);
        if (policy is not null && !(await services.GetRequiredService<IAuthorizationService>().AuthorizeAsync(principal, policy)).Succeeded)
        {
            await trail.RecordAsync(new AuditRecord(userName, "denied", account, $"command line: needs {policy}", client), ct);
            throw new RefusedException($"{userName} may not do this ({policy}).");
        }
        await trail.RecordAsync(new AuditRecord(userName, "sign_in", account, "command line", client), ct);
        return ReaderScope.For(principal);
    }
}
