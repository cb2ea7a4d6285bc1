using Probity.Identity.Contracts;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Probity.Database;

namespace Probity.Identity;

/// <summary>
/// The Identity store, with one change: user tokens (the authenticator key, the recovery codes, the last code used,
/// a pending one-time password's expiry) are encrypted with data protection before they reach the database, whose
/// key ring is itself sealed by the master key outside it. A copy of the database alone gives nobody a second factor.
/// </summary>
internal sealed class ProbityUserStore(ProbityDb db, IDataProtectionProvider protection, IdentityErrorDescriber? describer = null)
    : UserStore<ProbityUser, IdentityRole, ProbityDb>(db, describer)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Probity.Identity.UserTokens.v1");

    public override Task SetTokenAsync(ProbityUser user, string loginProvider, string name, string? value, CancellationToken cancellationToken)
        => base.SetTokenAsync(user, loginProvider, name, value is null ? null : _protector.Protect(value), cancellationToken);

    public override async Task<string?> GetTokenAsync(ProbityUser user, string loginProvider, string name, CancellationToken cancellationToken)
    {
        var stored = await base.GetTokenAsync(user, loginProvider, name, cancellationToken);
        if (stored is null) return null;
        try
        {
            return _protector.Unprotect(stored);
        }
        catch (CryptographicException ex)
        {
            throw new UnreadableSecretException(
                $"The {name} of '{user.UserName}' cannot be decrypted: the data-protection key ring or the key folder it was sealed with has changed. " +
                $"Restore the key folder, or reset the account's two-factor sign-in (administrators' user page, or `probity users reset-two-factor {user.UserName}`).", ex);
        }
    }
}

/// <summary>A stored secret that can no longer be decrypted (wrong or lost key folder): the account needs its two-factor reset.</summary>
internal sealed class UnreadableSecretException(string message, Exception inner) : Exception(message, inner);
