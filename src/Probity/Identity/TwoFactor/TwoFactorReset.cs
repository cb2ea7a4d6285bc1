using Probity.Identity.Contracts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Probity.Database;

namespace Probity.Identity.TwoFactor;

/// <summary>
/// Takes an account back to "not enrolled": a new (unshown) authenticator key, no recovery codes, two-factor off, a
/// new security stamp (sessions end). The next sign-in enrols again. Used by administrators and by
/// `probity users reset-two-factor` (for the last administrator, or after the key folder was lost). Works without
/// decrypting anything, so it also clears secrets that can no longer be read.
/// </summary>
internal static class TwoFactorReset
{
    public static async Task ApplyAsync(UserManager<ProbityUser> users, ProbityDb db, ProbityUser user, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.UserTokens.Where(t => t.UserId == user.Id
                && ((t.LoginProvider == "[AspNetUserStore]" && t.Name == "RecoveryCodes") || (t.LoginProvider == AuthenticatorCodes.LoginProvider && t.Name == AuthenticatorCodes.LastStepToken)))
            .ExecuteDeleteAsync(ct);
        Check(await users.SetTwoFactorEnabledAsync(user, false));
        Check(await users.ResetAuthenticatorKeyAsync(user));
        await tx.CommitAsync(ct);
    }

    private static void Check(IdentityResult result)
    {
        if (result.Succeeded) return;
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
            throw new Kernel.EditConflictException("The account changed while resetting its two-factor sign-in. Do it again.");
        throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
