using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Probity.Database;

namespace Probity.Identity.SignIn;

/// <summary>
/// Every request's sign-in cookie is checked against the account as it is now: the security stamp in the cookie must
/// still be the account's (it changes on sign-out, password change, role or team change, two-factor reset and
/// disabling), the account must not be disabled, and the cookie must come from a sign-in with both factors. One
/// primary-key read per request (measured in bench/README.md), instead of Identity's default of re-checking every
/// 30 minutes, which left a signed-out or disabled person's cookie working for up to half an hour.
/// </summary>
internal static class SessionCheck
{
    /// <summary>The authentication method a cookie carries once both password and authenticator were checked.</summary>
    public const string MultiFactor = "mfa";

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var services = context.HttpContext.RequestServices;
        var stampType = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var id = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = principal?.FindFirstValue(stampType);
        var valid = false;
        if (id is not null && stamp is not null && principal!.HasClaim(ClaimTypes.AuthenticationMethod, MultiFactor))
        {
            var db = services.GetRequiredService<ProbityDb>();
            var account = await db.Users.AsNoTracking().Where(u => u.Id == id)
                .Select(u => new { u.SecurityStamp, u.LockoutEnd, u.BoroughUnitId }).FirstOrDefaultAsync(context.HttpContext.RequestAborted);
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            // The borough in the cookie must be the account's now (ADR 0026): need-to-know reads it from the cookie, and a
            // change that did not renew the stamp (made in the database, or by any path but the administrator's page) must
            // not leave a champion reading their old borough's cases until they sign out.
            var borough = principal.FindFirstValue(Contracts.ProbityClaims.Borough);
            valid = account is not null && account.SecurityStamp == stamp && !(account.LockoutEnd > now)
                && string.Equals(string.IsNullOrEmpty(account.BoroughUnitId) ? null : account.BoroughUnitId, string.IsNullOrEmpty(borough) ? null : borough, StringComparison.Ordinal);
        }
        if (!valid)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }
}
