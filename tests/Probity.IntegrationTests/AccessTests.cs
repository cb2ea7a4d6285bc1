using System.Net;
using System.Net.Http.Json;
using Probity.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probity.Database;

namespace Probity.IntegrationTests;

/// <summary>Authorization per role, need-to-know restriction and the oversight view, through real HTTP.</summary>
public sealed class AccessTests(Apps apps)
{
    public static TheoryData<string, string, HttpStatusCode> Matrix => new()
    {
        { "handler", "/cases", HttpStatusCode.OK },
        { "investigator", "/cases", HttpStatusCode.OK },
        { "analyst", "/cases", HttpStatusCode.OK },
        { "senior", "/cases", HttpStatusCode.OK },
        { "oversight", "/cases", HttpStatusCode.OK },
        { "admin", "/cases", HttpStatusCode.Redirect },            // to /account/denied
        { "handler", "/cases/new", HttpStatusCode.OK },
        { "analyst", "/cases/new", HttpStatusCode.Redirect },
        { "oversight", "/cases/new", HttpStatusCode.Redirect },
        { "handler", "/interchange/export", HttpStatusCode.Redirect },
        { "analyst", "/interchange/export", HttpStatusCode.OK },
        { "senior", "/interchange/import", HttpStatusCode.OK },
        { "analyst", "/interchange/import", HttpStatusCode.Redirect },
        { "admin", "/admin/trail", HttpStatusCode.OK },
        { "senior", "/admin/trail", HttpStatusCode.Redirect },
    };

    [Theory, MemberData(nameof(Matrix))]
    public async Task Each_role_reaches_only_what_its_policy_allows(string user, string url, HttpStatusCode expected)
    {
        var app = await apps.GetAsync(Provider.Sqlite);
        var client = await app.SignInAsync(user);
        var response = await client.Http.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Redirect) Assert.StartsWith("/account/denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in_and_the_api_answers_401()
    {
        var app = await apps.GetAsync(Provider.Sqlite);
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await client.GetAsync("/cases", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/account/sign-in", page.Headers.Location!.ToString(), StringComparison.Ordinal);
        var api = await client.GetAsync("/api/cases", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_restricted_case_does_not_exist_for_people_without_a_grant(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider);
        string caseId, officer;
        await using (var scope = app.SystemScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            var pick = await db.Allegations.Where(a => a.Case!.FinalisedOn == null && a.StaffId != null).OrderBy(a => a.Id)
                .Select(a => new { a.CaseId, a.StaffId }).FirstAsync(TestContext.Current.CancellationToken);
            (caseId, officer) = (pick.CaseId, pick.StaffId!);
        }
        var investigator = await app.SignInAsync("investigator");
        var analyst = await app.SignInAsync("analyst");
        var before = await analyst.Http.GetStringAsync($"/cases?q={caseId}", TestContext.Current.CancellationToken);
        Assert.Contains("1 found", before, StringComparison.Ordinal);

        var version = await CaseLifecycleTests.VersionAsync(app, $"/cases/{caseId}");
        var restricted = await investigator.PostFormAsync($"/cases/{caseId}/restrict", new() { ["version"] = version, ["principals"] = "senior", ["reason"] = "Allegation concerns a DPS officer" }, $"/cases/{caseId}");
        Assert.Equal(HttpStatusCode.Redirect, restricted.StatusCode);

        var list = await analyst.Http.GetStringAsync($"/cases?q={caseId}", TestContext.Current.CancellationToken);
        Assert.Contains("0 found", list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await analyst.Http.GetAsync($"/cases/{caseId}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await analyst.Http.GetAsync($"/api/cases/{caseId}", TestContext.Current.CancellationToken)).StatusCode);
        // Not even through the officer's history (the filter applies to allegations too).
        Assert.DoesNotContain(caseId, await analyst.Http.GetStringAsync($"/officers/{officer}", TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains(caseId, await investigator.Http.GetStringAsync($"/officers/{officer}", TestContext.Current.CancellationToken), StringComparison.Ordinal);

        var senior = await app.SignInAsync("senior");
        Assert.Equal(HttpStatusCode.OK, (await senior.Http.GetAsync($"/cases/{caseId}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await investigator.Http.GetAsync($"/cases/{caseId}", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_script_restricts_a_case_through_the_api_as_the_page_does_and_only_those_who_may_restrict_can(Provider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var app = await apps.GetAsync(provider);
        var handler = await app.SignInAsync("handler");
        var created = await handler.PostApiAsync("/api/cases", new
        {
            caseType = "conduct_matter", receivedOn = app.Time.Today(), source = "internal", locationUnitId = "bor-lambeth", summary = "Restricted through the API",
            allegations = new[] { new { category = "improper_use_of_it_systems" } },
        }, ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(ct)).GetProperty("id").GetString()!;
        async Task<Guid> VersionAsync(SignedInClient c) => (await c.Http.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/cases/{id}", ct)).GetProperty("version").GetGuid();

        // A case handler edits cases but may not restrict them: refused before anything is read or changed.
        var refused = await handler.PostApiAsync($"/api/cases/{id}/restriction", new { version = await VersionAsync(handler), principals = new[] { "handler" }, reason = "try" }, ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var investigator = await app.SignInAsync("investigator");
        var version = await VersionAsync(investigator);
        // The page's refusals, as problem details: no reason, a name nobody has, a stale version.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await investigator.PostApiAsync($"/api/cases/{id}/restriction", new { version, principals = new[] { "senior" }, reason = "\u200B" }, ct)).StatusCode);
        var nobody = await investigator.PostApiAsync($"/api/cases/{id}/restriction", new { version, principals = new[] { "no.such.person" }, reason = "Concerns a DPS officer" }, ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, nobody.StatusCode);
        Assert.StartsWith("Who may see it:", (await nobody.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(ct)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await investigator.PostApiAsync($"/api/cases/{id}/restriction", new { version = Guid.NewGuid(), principals = new[] { "senior" }, reason = "Concerns a DPS officer" }, ct)).StatusCode);

        var done = await investigator.PostApiAsync($"/api/cases/{id}/restriction", new { version, principals = new[] { "senior" }, reason = "Concerns a DPS officer" }, ct);
        Assert.Equal(HttpStatusCode.NoContent, done.StatusCode);
        // The handler who recorded it no longer has it; the investigator (always kept) and the named senior manager do.
        Assert.Equal(HttpStatusCode.NotFound, (await handler.Http.GetAsync($"/api/cases/{id}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await investigator.Http.GetAsync($"/api/cases/{id}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignInAsync("senior")).Http.GetAsync($"/api/cases/{id}", ct)).StatusCode);
        var timeline = (await investigator.Http.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/cases/{id}", ct)).GetProperty("timeline").EnumerateArray().Last();
        Assert.Equal("Concerns a DPS officer", timeline.GetProperty("reason").GetString());
        Assert.Contains(await app.TrailAsync(), e => e.Actor == "investigator" && e.Target == "case:" + id && e.Detail?.StartsWith("restricted: Restricted to ", StringComparison.Ordinal) == true);

        // Another investigator, outside the grant, is told the case does not exist, exactly as for a missing one.
        var outsider = $"investigator.outside.{provider}".ToLowerInvariant();
        await app.AddUserAsync(outsider, Probity.Identity.Contracts.Roles.Investigator);
        var other = await app.SignInAsync(outsider);
        var hidden = await other.PostApiAsync($"/api/cases/{id}/restriction", new { version = Guid.NewGuid(), principals = new[] { outsider }, reason = "Let me in" }, ct);
        var missing = await other.PostApiAsync("/api/cases/PRB-1999-99999/restriction", new { version = Guid.NewGuid(), principals = new[] { outsider }, reason = "Let me in" }, ct);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (hidden.StatusCode, missing.StatusCode));
        Assert.Equal((await missing.Content.ReadAsStringAsync(ct)).Replace("PRB-1999-99999", id, StringComparison.Ordinal).Split("traceId")[0],
            (await hidden.Content.ReadAsStringAsync(ct)).Split("traceId")[0]);
    }

    [Fact]
    public async Task A_case_handler_may_edit_a_case_but_not_restrict_it()
    {
        var app = await apps.GetAsync(Provider.Sqlite);
        string caseId;
        await using (var scope = app.SystemScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            caseId = await db.Cases.Where(c => c.FinalisedOn == null && !c.Restricted).OrderByDescending(c => c.Id).Select(c => c.Id).FirstAsync(TestContext.Current.CancellationToken);
        }
        var handler = await app.SignInAsync("handler");
        var version = await CaseLifecycleTests.VersionAsync(app, $"/cases/{caseId}");
        var response = await handler.PostFormAsync($"/cases/{caseId}/restrict", new() { ["version"] = version, ["principals"] = "handler", ["reason"] = "try" }, $"/cases/{caseId}");
        Assert.StartsWith("/account/denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(version, await CaseLifecycleTests.VersionAsync(app, $"/cases/{caseId}"));
        Assert.DoesNotContain("data-testid=\"restrict\"", await handler.Http.GetStringAsync($"/cases/{caseId}", TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oversight_members_see_finalised_cases_only_and_cannot_change_them()
    {
        var app = await apps.GetAsync(Provider.Sqlite);
        string live, closed;
        await using (var scope = app.SystemScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            live = await db.Cases.Where(c => c.FinalisedOn == null && !c.Restricted).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync(TestContext.Current.CancellationToken);
            closed = await db.Cases.Where(c => c.FinalisedOn != null && !c.Restricted).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync(TestContext.Current.CancellationToken);
        }
        var oversight = await app.SignInAsync("oversight");
        Assert.Equal(HttpStatusCode.NotFound, (await oversight.Http.GetAsync($"/cases/{live}", TestContext.Current.CancellationToken)).StatusCode);
        var page = await oversight.Http.GetStringAsync($"/cases/{closed}", TestContext.Current.CancellationToken);
        Assert.DoesNotContain("data-testid=\"finalise\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"decide-route\"", page, StringComparison.Ordinal);

        var version = await CaseLifecycleTests.VersionAsync(app, $"/cases/{closed}");
        var token = await oversight.GetFormTokenAsync("/account/sign-in");
        var post = await oversight.Http.PostAsync($"/cases/{closed}/lodge-appeal", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["version"] = version, ["appealType"] = "investigation", ["date"] = "2010-12-01", ["__RequestVerificationToken"] = token,
        }), TestContext.Current.CancellationToken);
        Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal(version, await CaseLifecycleTests.VersionAsync(app, $"/cases/{closed}")); // unchanged
    }

    [Fact]
    public async Task Posting_without_the_antiforgery_token_is_rejected()
    {
        var app = await apps.GetAsync(Provider.Sqlite);
        var handler = await app.SignInAsync("handler");
        var response = await handler.Http.PostAsync("/cases/new", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.CaseType"] = "public_complaint" }), TestContext.Current.CancellationToken);
        // Rejected before any handler runs (400 from the antiforgery check, 422 from its .NET 10 endpoint form).
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, response.StatusCode.ToString());
        Assert.DoesNotContain("PRB-", response.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
        var api = await handler.Http.PostAsync("/api/cases", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.True(api.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, api.StatusCode.ToString());
    }
}
