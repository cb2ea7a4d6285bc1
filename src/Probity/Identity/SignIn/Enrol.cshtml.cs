using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.Identity.TwoFactor;
using QRCoder;

namespace Probity.Identity.SignIn;

/// <summary>
/// First sign-in (or after an administrator reset it): set up an authenticator app with the key shown (as text, as an
/// otpauth:// address and as a QR code), confirm one code, and receive the recovery codes, shown this once. No other
/// page is reachable before this: the person is not signed in until it is done.
/// </summary>
internal sealed class EnrolModel(SignInFlow flow) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Type the six-digit code the app shows.")] public string Code { get; set; } = "";

    public string UserName { get; private set; } = "";
    public string Key { get; private set; } = "";
    public string OtpAuthUri { get; private set; } = "";
    public string QrCodePng { get; private set; } = "";
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];
    public string ContinueTo { get; private set; } = "/";

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : Redirect("/account/sign-in");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return await LoadAsync() ? Page() : Redirect("/account/sign-in");
        var (answer, codes) = await flow.EnrolAsync(Code, ct);
        if (codes.Count > 0 && answer.Step is SignInStep.Done or SignInStep.NewPassword)
        {
            RecoveryCodes = codes;
            ContinueTo = answer.Step == SignInStep.NewPassword ? "/account/new-password" : answer.ReturnUrl ?? "/";
            return Page();
        }
        var next = TwoFactorModel.Next(this, answer);
        if (next is PageResult && !await LoadAsync()) return Redirect("/account/sign-in");
        return next;
    }

    private async Task<bool> LoadAsync()
    {
        if (await flow.EnrolmentKeyAsync() is not { } enrolment) return false;
        (UserName, Key) = enrolment;
        OtpAuthUri = AuthenticatorCodes.OtpAuthUri(UserName, Key);
        using var data = QRCodeGenerator.GenerateQrCode(OtpAuthUri, QRCodeGenerator.ECCLevel.M);
        QrCodePng = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
        return true;
    }

    /// <summary>The key in groups of four, as authenticator apps show it and as it is easiest to type.</summary>
    public string KeyInGroups => string.Join(' ', Key.Chunk(4).Select(c => new string(c)));
}
