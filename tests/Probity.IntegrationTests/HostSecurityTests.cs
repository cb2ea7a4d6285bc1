using Probity.Identity.Contracts;
using System.Net;

namespace Probity.IntegrationTests;

/// <summary>The transport: outside Development only HTTPS, told to browsers with HSTS, and cookies that never travel over HTTP.</summary>
public sealed class HostSecurityTests
{
    [Fact]
    public async Task Outside_development_plain_http_is_redirected_https_answers_carry_hsts_and_cookies_are_secure()
    {
        await using var app = await Apps.CreateAsync(Provider.Sqlite, demo: false, environment: "Production",
            settings: new Dictionary<string, string?> { ["https_port"] = "443" });
        await app.AddUserAsync("secure.user", Roles.Analyst);
        var client = app.NewClient();

        var page = await client.Http.GetAsync("/account/sign-in", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("max-age=31536000", Assert.Single(page.Headers.GetValues("Strict-Transport-Security")));

        var plain = await client.Http.GetAsync("http://probity.example/cases?q=1", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.TemporaryRedirect, plain.StatusCode);
        Assert.Equal("https://probity.example/cases?q=1", plain.Headers.Location!.ToString());
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));

        var signedIn = await app.SignInFreshAsync("secure.user");
        var cookies = signedIn.Cookies.GetCookies(app.BaseAddress);
        Assert.True(cookies["probity.auth"]!.Secure);
        Assert.True(cookies["probity.csrf"]!.Secure);
        Assert.True(cookies["probity.auth"]!.HttpOnly);
    }

    [Fact]
    public async Task In_development_plain_http_works_for_the_demo_without_hsts()
    {
        await using var app = await Apps.CreateAsync(Provider.Sqlite, demo: false);
        var page = await app.NewClient().Http.GetAsync("http://localhost/account/sign-in", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.False(page.Headers.Contains("Strict-Transport-Security"));
    }
}
