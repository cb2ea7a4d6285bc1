using Probity.Identity.Contracts;
using System.Net;
using System.Text.RegularExpressions;

namespace Probity.IntegrationTests;

/// <summary>The second factor: required of every account, set up at first sign-in, each code good once, recovery codes for a lost phone.</summary>
public sealed partial class TwoFactorTests
{
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_password_alone_reaches_nothing_and_the_first_sign_in_sets_up_the_authenticator(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider, demo: false);
        await app.AddUserAsync("first.timer", Roles.Oversight);
        var client = app.NewClient();
        var password = await client.PostFormAsync("/account/sign-in", new() { ["UserName"] = "first.timer", ["Password"] = ProbityApp.Password });
        Assert.Equal("/account/enrol", password.Headers.Location!.OriginalString);
        Assert.Null(client.Cookies.GetCookies(app.BaseAddress)["probity.auth"]);

        // Between the password and the authenticator, every other page is still the sign-in page's business.
        foreach (var url in new[] { "/", "/cases", "/account/password", "/performance" })
        {
            var response = await client.Http.GetAsync(url, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/sign-in", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        var page = await client.Http.GetStringAsync("/account/enrol", TestContext.Current.CancellationToken);
        var key = SignedInClient.TestId(page, "authenticator-key")!.Replace(" ", "", StringComparison.Ordinal);
        Assert.Matches("^[A-Z2-7]{32}$", key);
        Assert.Equal($"otpauth://totp/Probity%3Afirst.timer?secret={key}&issuer=Probity&algorithm=SHA1&digits=6&period=30", SignedInClient.TestId(page, "otpauth-uri"));
        Assert.Contains("src=\"data:image/png;base64,", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", page, StringComparison.Ordinal);

        var wrong = await client.PostFormAsync("/account/enrol", new() { ["Code"] = "000000" });
        Assert.Contains("does not match", SignedInClient.Alert(await wrong.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        app.RememberAuthenticator("first.timer", key);
        var enrolled = await client.PostFormAsync("/account/enrol", new() { ["Code"] = await app.NextCodeAsync("first.timer") });
        Assert.Equal(HttpStatusCode.OK, enrolled.StatusCode);
        var codes = RecoveryCodes(await enrolled.Content.ReadAsStringAsync());
        Assert.Equal(10, codes.Count);
        Assert.True(await SessionTests.IsSignedInAsync(client));

        var trail = await app.TrailAsync();
        Assert.Contains(trail, e => e.Action == "two_factor_failed" && e.Target == "account:first.timer");
        Assert.Contains(trail, e => e.Action == "two_factor_enrolled" && e.Target == "account:first.timer");
        Assert.Contains(trail, e => e.Action == "sign_in" && e.Actor == "first.timer");
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_code_is_accepted_once_and_a_recovery_code_once(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider, demo: false);
        await app.AddUserAsync("careful", Roles.Investigator);
        var enrolment = app.NewClient();
        var afterPassword = await enrolment.PostFormAsync("/account/sign-in", new() { ["UserName"] = "careful", ["Password"] = ProbityApp.Password });
        var codes = RecoveryCodes(await (await enrolment.SecondFactorAsync(app, "careful", afterPassword)).Content.ReadAsStringAsync());

        // Someone watching over the shoulder types the same code a moment later: refused.
        var first = app.NewClient();
        var second = app.NewClient();
        await first.PostFormAsync("/account/sign-in", new() { ["UserName"] = "careful", ["Password"] = ProbityApp.Password });
        await second.PostFormAsync("/account/sign-in", new() { ["UserName"] = "careful", ["Password"] = ProbityApp.Password });
        var code = await app.NextCodeAsync("careful");
        Assert.Equal(HttpStatusCode.Redirect, (await first.PostFormAsync("/account/two-factor", new() { ["Code"] = code })).StatusCode);
        var replay = await second.PostFormAsync("/account/two-factor", new() { ["Code"] = code });
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.StartsWith("That code is not right.", SignedInClient.Alert(await replay.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Null(second.Cookies.GetCookies(app.BaseAddress)["probity.auth"]);

        // A recovery code signs in once (typed in lower case, as people do), then never again.
        Assert.Equal(HttpStatusCode.Redirect, (await second.PostFormAsync("/account/two-factor", new() { ["Code"] = codes[0].ToLowerInvariant() })).StatusCode);
        Assert.True(await SessionTests.IsSignedInAsync(second));
        var third = app.NewClient();
        await third.PostFormAsync("/account/sign-in", new() { ["UserName"] = "careful", ["Password"] = ProbityApp.Password });
        var reused = await third.PostFormAsync("/account/two-factor", new() { ["Code"] = codes[0] });
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Null(third.Cookies.GetCookies(app.BaseAddress)["probity.auth"]);

        var trail = await app.TrailAsync();
        Assert.Contains(trail, e => e.Action == "recovery_code_used" && e.Target == "account:careful" && e.Detail == "9 left");
        Assert.Equal(2, trail.Count(e => e.Action == "two_factor_failed" && e.Target == "account:careful"));
    }

    [Fact]
    public async Task Guessing_codes_is_slowed_like_guessing_passwords()
    {
        await using var app = await Apps.CreateAsync(Provider.Sqlite, demo: false);
        await app.AddUserAsync("phished", Roles.SeniorManager);
        await app.SignInFreshAsync("phished");
        // Whoever has the password tries codes.
        var guesser = app.NewClient();
        await guesser.PostFormAsync("/account/sign-in", new() { ["UserName"] = "phished", ["Password"] = ProbityApp.Password });
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await guesser.PostFormAsync("/account/two-factor", new() { ["Code"] = $"00000{i}" })).StatusCode);
        var slowed = await guesser.PostFormAsync("/account/two-factor", new() { ["Code"] = await app.NextCodeAsync("phished") });
        Assert.Equal(HttpStatusCode.TooManyRequests, slowed.StatusCode);
        Assert.Null(guesser.Cookies.GetCookies(app.BaseAddress)["probity.auth"]);
        Assert.Contains(await app.TrailAsync(), e => e.Action == "two_factor_throttled" && e.Target == "account:phished");
    }

    internal static List<string> RecoveryCodes(string html)
    {
        var list = Regex.Match(html, "data-testid=\"recovery-codes\"[^>]*>(.*?)</ul>", RegexOptions.Singleline);
        Assert.True(list.Success, "no recovery codes on the page");
        return [.. CodePattern().Matches(list.Groups[1].Value).Select(m => m.Groups[1].Value)];
    }

    [GeneratedRegex("<code>([^<]+)</code>")]
    private static partial Regex CodePattern();
}
