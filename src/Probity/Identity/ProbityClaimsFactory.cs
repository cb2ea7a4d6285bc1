using Probity.Identity.Contracts;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Probity.Identity;

/// <summary>Puts the user's team and display name into the sign-in cookie, for need-to-know checks and the page header.</summary>
internal sealed class ProbityClaimsFactory(UserManager<ProbityUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ProbityUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ProbityUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ProbityClaims.DisplayName, string.IsNullOrEmpty(user.DisplayName) ? user.UserName ?? "" : user.DisplayName));
        if (!string.IsNullOrEmpty(user.Team)) identity.AddClaim(new Claim(ProbityClaims.Team, user.Team));
        // Need-to-know hides cases about the reader themselves (CaseAccessScope.OwnStaffId).
        if (!string.IsNullOrEmpty(user.StaffId)) identity.AddClaim(new Claim(ProbityClaims.StaffId, user.StaffId));
        // Need-to-know keeps a borough-scoped account to its borough's cases (CaseAccessScope.Borough, ADR 0026).
        if (!string.IsNullOrEmpty(user.BoroughUnitId)) identity.AddClaim(new Claim(ProbityClaims.Borough, user.BoroughUnitId));
        return identity;
    }
}
