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
    public async Task Outside_development_with_no_https_address_to_redirect_to_plain_http_is_refused_saying_how_to_configure_the_host_not_a_500()
    {
        await using var app = await Apps.CreateAsync(Provider.Sqlite, demo: false, environment: "Production");
        var client = app.NewClient();
        var ct = TestContext.Current.CancellationToken;

        var page = await client.Http.GetAsync("http://probity.example/account/sign-in", ct);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("Probity:Web:KnownProxies", await page.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);

        // An ingest key must not travel in clear either.
        using var batch = new StringContent("event_time,staff_id\n", System.Text.Encoding.UTF8, "text/csv");
        batch.Headers.Add("X-Probity-Ingest-Key", "not-sent-in-clear");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.Http.PostAsync("http://probity.example/api/access-events", batch, ct)).StatusCode);

        // Over HTTPS the same host answers.
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("https://probity.example/account/sign-in", ct)).StatusCode);
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
