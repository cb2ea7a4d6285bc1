using Probity.Identity.Contracts;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using OtpNet;

namespace Probity.Identity.TwoFactor;

/// <summary>
/// Authenticator-app codes (TOTP, RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), replacing Identity's own provider
/// for two reasons: a code is accepted once only (RFC 6238 section 5.2; Identity's accepts the same code again for
/// minutes, so a code read over a shoulder or phished could be replayed), and the clock is the injected TimeProvider.
/// One step either side of now is accepted, for clock drift and typing time.
/// </summary>
internal sealed class AuthenticatorCodes(TimeProvider time) : IUserTwoFactorTokenProvider<ProbityUser>
{
    public const string LoginProvider = "[Probity]";
    public const string LastStepToken = "AuthenticatorLastStep";
    public const int Digits = 6;
    public const int StepSeconds = 30;

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<ProbityUser> manager, ProbityUser user)
        => !string.IsNullOrEmpty(await manager.GetAuthenticatorKeyAsync(user));

    /// <summary>The person's authenticator app makes the codes; the server never sends one.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<ProbityUser> manager, ProbityUser user) => Task.FromResult("");

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<ProbityUser> manager, ProbityUser user)
    {
        var code = Clean(token);
        if (code is null) return false;
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key)) return false;
        var totp = new Totp(Base32Encoding.ToBytes(key), StepSeconds, OtpHashMode.Sha1, Digits);
        if (!totp.VerifyTotp(time.GetUtcNow().UtcDateTime, code, out var step, new VerificationWindow(previous: 1, future: 1))) return false;
        var last = await manager.GetAuthenticationTokenAsync(user, LoginProvider, LastStepToken);
        if (long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var lastStep) && step <= lastStep) return false;
        // Saved under the user's concurrency stamp: of two requests racing with the same code, only one succeeds.
        var saved = await manager.SetAuthenticationTokenAsync(user, LoginProvider, LastStepToken, step.ToString(CultureInfo.InvariantCulture));
        return saved.Succeeded;
    }

    /// <summary>The code as typed, without spaces; null unless it is six digits.</summary>
    public static string? Clean(string? typed)
    {
        var code = (typed ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        return code.Length == Digits && code.All(char.IsAsciiDigit) ? code : null;
    }

    /// <summary>The otpauth:// address an authenticator app reads from the QR code (Key Uri Format).</summary>
    public static string OtpAuthUri(string userName, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString("Probity:" + userName)}?secret={key}&issuer=Probity&algorithm=SHA1&digits={Digits}&period={StepSeconds}";
}
