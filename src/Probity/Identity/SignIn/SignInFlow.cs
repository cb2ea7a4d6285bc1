using Probity.Identity.Contracts;
using Probity.AuditTrail.Contracts;
using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Probity.Identity.TwoFactor;
using Probity.Infrastructure.Web;

namespace Probity.Identity.SignIn;

/// <summary>
/// A hash of a random password, made once at start-up with the same hasher settings as real accounts: an unknown
/// name is checked against it, so it costs the same PBKDF2 work as a real one (from the very first attempt).
/// </summary>
internal sealed class StandInPasswordHash(Microsoft.Extensions.Options.IOptions<PasswordHasherOptions> options)
{
    public string Hash { get; } = new PasswordHasher<ProbityUser>(options).HashPassword(new ProbityUser(), RandomNumberGenerator.GetHexString(32));
}

/// <summary>Where a sign-in goes next, and what to tell the person.</summary>
internal enum SignInStep { Refused, Throttled, Failed, Expired, Enrol, Code, NewPassword, Done }

internal sealed record SignInAnswer(SignInStep Step, string? Message = null, string? ReturnUrl = null);

/// <summary>A sign-in between its password and its second factor, kept in a short-lived encrypted cookie.</summary>
internal sealed record PendingSignIn(ProbityUser User, bool SecondFactorDone, bool MustSetPassword, string ReturnUrl);

/// <summary>
/// Signing in: password, then an authenticator code (or enrolment of an authenticator at the first sign-in, or a
/// recovery code), then a new password if an administrator issued a one-time password. Every account needs the second
/// factor (ADR 0005). Nothing here tells a name that exists from one that does not: both run the password hash,
/// both are slowed by the same counts (SignInThrottle), both get the same answer. Identity's lockout is never used,
/// because it let anyone lock any account by failing five times.
/// </summary>
internal sealed class SignInFlow(
    UserManager<ProbityUser> users, SignInManager<ProbityUser> signIn, SignInThrottle throttle, Audit audit, StandInPasswordHash standIn,
    TimeProvider time, IDataProtectionProvider protection, IHttpContextAccessor http, ILogger<SignInFlow> log)
{
    public const int MaxUserName = 256;
    public const int MaxPassword = 1024;
    public const int RecoveryCodeCount = 10;
    public const string OneTimePasswordProvider = "[Probity]";
    public const string OneTimePasswordExpires = "OneTimePasswordExpires";
    public const string DeviceCookie = "probity.device";
    public const string WrongPassword = "The user name or password is not right.";

    private const string StampClaim = "probity:pending_stamp";
    private const string SecondFactorClaim = "probity:second_factor_done";
    private const string SetPasswordClaim = "probity:must_set_password";
    private const string ReturnClaim = "probity:return";

    private HttpContext Http => http.HttpContext ?? throw new InvalidOperationException("Signing in needs a request.");
    private string Address => ClientAddress.Of(Http);
    private IDataProtector DeviceProtector => protection.CreateProtector("Probity.SignIn.KnownDevice.v1");

    public async Task<SignInAnswer> PasswordAsync(string userName, string password, string? returnUrl, CancellationToken ct)
    {
        userName = userName.Trim();
        if (!IsPlausibleName(userName) || password.Length > MaxPassword)
        {
            await audit.RecordAsync("sign_in_refused", "account:" + ForTrail(userName), $"user name of {userName.Length} characters, password of {password.Length}", ct);
            return new(SignInStep.Refused, $"A user name has at most {MaxUserName} characters and no control characters; a password at most {MaxPassword}.");
        }
        var keys = SignInThrottle.PasswordKeys(userName, Address, IsKnownDevice(userName)).ToList();
        if (throttle.WaitFor(keys) is { } wait)
        {
            await audit.RecordAsync("sign_in_throttled", "account:" + userName, $"wait {Seconds(wait)} s", ct);
            return Throttled(wait);
        }

        var user = await users.FindByNameAsync(userName);
        bool matches;
        if (user?.PasswordHash is not null)
        {
            matches = await users.CheckPasswordAsync(user, password);
        }
        else
        {
            users.PasswordHasher.VerifyHashedPassword(new ProbityUser(), standIn.Hash, password);
            matches = false;
        }
        if (!matches)
        {
            throttle.Failed(keys);
            await audit.RecordAsync("sign_in_failed", "account:" + userName, null, ct);
            return new(SignInStep.Failed, WrongPassword);
        }
        if (IsDisabled(user!))
        {
            await audit.RecordAsync("sign_in_refused", "account:" + userName, "account disabled", ct);
            return new(SignInStep.Failed, "This account is disabled. Ask an administrator if you need it.");
        }
        var mustSetPassword = false;
        if (await users.GetAuthenticationTokenAsync(user!, OneTimePasswordProvider, OneTimePasswordExpires) is { } expires)
        {
            if (DateTimeOffset.Parse(expires, CultureInfo.InvariantCulture) <= time.GetUtcNow())
            {
                await audit.RecordAsync("sign_in_refused", "account:" + userName, "one-time password expired", ct);
                return new(SignInStep.Failed, "This one-time password has expired. Ask an administrator for a new one.");
            }
            mustSetPassword = true;
        }
        var back = SafeReturn(returnUrl);
        if (!user!.TwoFactorEnabled)
        {
            // A fresh authenticator key for every enrolment: a key shown to an earlier, abandoned sign-in is never the one enrolled.
            Check(await users.ResetAuthenticatorKeyAsync(user));
            await StartPendingAsync(user, secondFactorDone: false, mustSetPassword, back);
            await audit.RecordAsync("sign_in_password", "account:" + userName, "authenticator enrolment next", ct);
            return new(SignInStep.Enrol);
        }
        await StartPendingAsync(user, secondFactorDone: false, mustSetPassword, back);
        await audit.RecordAsync("sign_in_password", "account:" + userName, "authenticator code next", ct);
        return new(SignInStep.Code);
    }

    /// <summary>An authenticator code (six digits) or a recovery code, for an enrolled account.</summary>
    public async Task<SignInAnswer> CodeAsync(string typed, CancellationToken ct)
    {
        if (await PendingAsync() is not { } pending) return StartAgain();
        var user = pending.User;
        if (!user.TwoFactorEnabled) return new(SignInStep.Enrol);
        if (pending.SecondFactorDone) return pending.MustSetPassword ? new(SignInStep.NewPassword) : StartAgain();
        var keys = CodeKeys(user);
        if (throttle.WaitFor(keys) is { } wait)
        {
            await audit.RecordAsync("two_factor_throttled", "account:" + user.UserName, $"wait {Seconds(wait)} s", ct);
            return Throttled(wait);
        }
        bool accepted;
        var recovery = false;
        try
        {
            if (AuthenticatorCodes.Clean(typed) is { } code)
            {
                accepted = await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, code);
            }
            else
            {
                recovery = true;
                var cleaned = (typed ?? "").Trim().Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
                accepted = cleaned.Length is > 0 and <= 64 && (await users.RedeemTwoFactorRecoveryCodeAsync(user, cleaned)).Succeeded;
            }
        }
        catch (UnreadableSecretException ex)
        {
            log.LogError(ex, "Two-factor secret of {User} cannot be decrypted", user.UserName);
            await audit.RecordAsync("two_factor_failed", "account:" + user.UserName, "stored secret unreadable (key folder changed)", ct);
            return new(SignInStep.Failed, "Your two-factor sign-in cannot be checked. Ask an administrator to reset it.");
        }
        if (!accepted)
        {
            throttle.Failed(keys);
            await audit.RecordAsync("two_factor_failed", "account:" + user.UserName, recovery ? "recovery code" : "authenticator code", ct);
            return new(SignInStep.Failed, "That code is not right. Type the six digits your authenticator app shows now, or one of your recovery codes.");
        }
        throttle.Forget(keys);
        if (recovery)
            await audit.RecordAsync("recovery_code_used", "account:" + user.UserName, $"{await users.CountRecoveryCodesAsync(user)} left", ct);
        return await AfterSecondFactorAsync(pending, ct);
    }

    /// <summary>The key (and its otpauth:// address) to show while enrolling; null when there is no sign-in waiting for it.</summary>
    public async Task<(string UserName, string Key)?> EnrolmentKeyAsync()
    {
        if (await PendingAsync() is not { } pending || pending.User.TwoFactorEnabled) return null;
        var key = await users.GetAuthenticatorKeyAsync(pending.User);
        return key is null ? null : (pending.User.UserName!, key);
    }

    /// <summary>Confirms the first code from a newly set-up authenticator; returns the recovery codes to show once.</summary>
    public async Task<(SignInAnswer Answer, IReadOnlyList<string> RecoveryCodes)> EnrolAsync(string typed, CancellationToken ct)
    {
        if (await PendingAsync() is not { } pending) return (StartAgain(), []);
        var user = pending.User;
        if (user.TwoFactorEnabled) return (new(SignInStep.Code), []);
        var keys = CodeKeys(user);
        if (throttle.WaitFor(keys) is { } wait)
        {
            await audit.RecordAsync("two_factor_throttled", "account:" + user.UserName, $"enrolment, wait {Seconds(wait)} s", ct);
            return (Throttled(wait), []);
        }
        if (AuthenticatorCodes.Clean(typed) is not { } code || !await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, code))
        {
            throttle.Failed(keys);
            await audit.RecordAsync("two_factor_failed", "account:" + user.UserName, "enrolment code", ct);
            return (new(SignInStep.Failed, "That code does not match the key. Check the app was set up with this key, then type the six digits it shows now."), []);
        }
        throttle.Forget(keys);
        Check(await users.SetTwoFactorEnabledAsync(user, true));
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList() ?? [];
        await audit.RecordAsync("two_factor_enrolled", "account:" + user.UserName, $"{codes.Count} recovery codes issued", ct);
        return (await AfterSecondFactorAsync(pending with { User = user }, ct), codes);
    }

    public async Task<bool> IsPendingAsync() => await PendingAsync() is not null;

    /// <summary>Whether the person in a pending sign-in must now choose a password (after a one-time password).</summary>
    public async Task<bool> AwaitsNewPasswordAsync() => await PendingAsync() is { SecondFactorDone: true, MustSetPassword: true };

    public async Task<SignInAnswer> SetPasswordAsync(string password, string confirm, CancellationToken ct)
    {
        if (await PendingAsync() is not { SecondFactorDone: true, MustSetPassword: true } pending) return StartAgain();
        var user = pending.User;
        if (password != confirm) return new(SignInStep.Failed, "The two passwords are not the same.");
        if (password.Length > MaxUserName) return new(SignInStep.Failed, $"A password has at most {MaxUserName} characters.");
        if (await users.CheckPasswordAsync(user, password)) return new(SignInStep.Failed, "Choose a password of your own, not the one-time password.");
        var result = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), password);
        if (!result.Succeeded) return new(SignInStep.Failed, string.Join(" ", result.Errors.Select(e => e.Description)));
        Check(await users.RemoveAuthenticationTokenAsync(user, OneTimePasswordProvider, OneTimePasswordExpires));
        await audit.RecordAsync("password_set", "account:" + user.UserName, "after a one-time password", ct);
        return await CompleteAsync(user, pending.ReturnUrl, ct);
    }

    /// <summary>A signed-in person changes their password; every other session of theirs ends.</summary>
    public async Task<SignInAnswer> ChangePasswordAsync(string current, string password, string confirm, CancellationToken ct)
    {
        var user = await users.GetUserAsync(Http.User) ?? throw new InvalidOperationException("Not signed in.");
        var keys = SignInThrottle.PasswordKeys(user.UserName!, Address, knownDevice: true).ToList();
        if (throttle.WaitFor(keys) is { } wait) return Throttled(wait);
        if (password != confirm) return new(SignInStep.Failed, "The two new passwords are not the same.");
        if (password.Length > MaxUserName || current.Length > MaxPassword) return new(SignInStep.Failed, $"A password has at most {MaxUserName} characters.");
        var result = await users.ChangePasswordAsync(user, current, password);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
            {
                throttle.Failed(keys);
                await audit.RecordAsync("password_change_failed", "account:" + user.UserName, "current password not right", ct);
                return new(SignInStep.Failed, "Your current password is not right.");
            }
            return new(SignInStep.Failed, string.Join(" ", result.Errors.Select(e => e.Description)));
        }
        // The security stamp changed: this session is re-issued, every other one is refused from its next request.
        await signIn.RefreshSignInAsync(user);
        await audit.RecordAsync("password_changed", "account:" + user.UserName, "other sessions ended", ct);
        return new(SignInStep.Done);
    }

    /// <summary>Signing out ends every session of the person, not only this browser's (a copied cookie dies too).</summary>
    public async Task SignOutAsync(CancellationToken ct)
    {
        if (await users.GetUserAsync(Http.User) is { } user)
        {
            Check(await users.UpdateSecurityStampAsync(user));
            await audit.RecordAsync("sign_out", "account:" + user.UserName, null, ct);
        }
        await signIn.SignOutAsync();
    }

    private async Task<SignInAnswer> AfterSecondFactorAsync(PendingSignIn pending, CancellationToken ct)
    {
        if (!pending.MustSetPassword) return await CompleteAsync(pending.User, pending.ReturnUrl, ct);
        await StartPendingAsync(pending.User, secondFactorDone: true, mustSetPassword: true, pending.ReturnUrl);
        return new(SignInStep.NewPassword);
    }

    private async Task<SignInAnswer> CompleteAsync(ProbityUser user, string returnUrl, CancellationToken ct)
    {
        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: SessionCheck.MultiFactor);
        await Http.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        Http.Response.Cookies.Append(DeviceCookie, DeviceProtector.Protect(SignInThrottle.Normalise(user.UserName!)), new CookieOptions
        {
            HttpOnly = true, Secure = Http.Request.IsHttps, SameSite = SameSiteMode.Strict, Path = "/account", IsEssential = true,
            Expires = time.GetUtcNow().AddDays(180),
        });
        var name = user.UserName!;
        throttle.Forget([(SignInThrottle.NameFromAddress, SignInThrottle.Normalise(name) + "\n" + Address), (SignInThrottle.Name, SignInThrottle.Normalise(name))]);
        // The rest of this request (and its audit entry) is the person who just signed in.
        Http.User = await signIn.CreateUserPrincipalAsync(user);
        await audit.RecordAsync("sign_in", "account:" + name, "password and authenticator", ct);
        return new(SignInStep.Done, ReturnUrl: returnUrl);
    }

    private async Task StartPendingAsync(ProbityUser user, bool secondFactorDone, bool mustSetPassword, string returnUrl)
    {
        var identity = new ClaimsIdentity(IdentityConstants.TwoFactorUserIdScheme);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, user.Id));
        identity.AddClaim(new Claim(StampClaim, user.SecurityStamp ?? ""));
        if (secondFactorDone) identity.AddClaim(new Claim(SecondFactorClaim, "1"));
        if (mustSetPassword) identity.AddClaim(new Claim(SetPasswordClaim, "1"));
        identity.AddClaim(new Claim(ReturnClaim, returnUrl));
        await Http.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new ClaimsPrincipal(identity));
    }

    /// <summary>The sign-in waiting for its next step, if its cookie is valid and the account has not changed since.</summary>
    private async Task<PendingSignIn?> PendingAsync()
    {
        var result = await Http.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
        if (!result.Succeeded || result.Principal.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id) return null;
        var user = await users.FindByIdAsync(id);
        if (user is null || user.SecurityStamp != result.Principal.FindFirstValue(StampClaim) || IsDisabled(user)) return null;
        return new PendingSignIn(user, result.Principal.HasClaim(SecondFactorClaim, "1"), result.Principal.HasClaim(SetPasswordClaim, "1"),
            SafeReturn(result.Principal.FindFirstValue(ReturnClaim)));
    }

    private bool IsKnownDevice(string userName)
    {
        if (!Http.Request.Cookies.TryGetValue(DeviceCookie, out var value) || string.IsNullOrEmpty(value)) return false;
        try
        {
            return DeviceProtector.Unprotect(value) == SignInThrottle.Normalise(userName);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private bool IsDisabled(ProbityUser user) => user.LockoutEnd is { } end && end > time.GetUtcNow();

    private static IEnumerable<(SignInThrottle.Tier, string)> CodeKeys(ProbityUser user) => [(SignInThrottle.Codes, user.Id)];

    private static SignInAnswer Throttled(TimeSpan wait) =>
        new(SignInStep.Throttled, $"Too many failed attempts. Wait {Seconds(wait)} seconds, then try again.");

    private static SignInAnswer StartAgain() => new(SignInStep.Expired, "Your sign-in has expired or changed. Start again with your user name and password.");

    private static int Seconds(TimeSpan wait) => (int)Math.Ceiling(wait.TotalSeconds);

    private static string SafeReturn(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) && url.Length <= 2000 ? url : "/";

    public static bool IsPlausibleName(string userName) => userName.Length is > 0 and <= MaxUserName && !userName.Any(char.IsControl);

    /// <summary>
    /// A typed name as the trail may hold it: a plausible name as typed; anything else cut to 48 characters with its
    /// length and a hash, so a 100,000-character name (or one with line breaks) never reaches the trail whole.
    /// </summary>
    public static string ForTrail(string typed)
    {
        if (IsPlausibleName(typed)) return typed;
        var head = new string(typed.Take(48).Select(c => char.IsControl(c) ? '?' : c).ToArray());
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(typed)))[..16];
        return $"{head}…[{typed.Length} characters, sha256 {hash}]";
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
                throw new Kernel.EditConflictException("The account changed while signing in. Start again.");
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
