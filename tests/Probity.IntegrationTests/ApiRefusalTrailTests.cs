using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Probity.IntegrationTests.NeedToKnow;

namespace Probity.IntegrationTests;

/// <summary>
/// The JSON API's refusals are on the audit trail as the pages' are (ADR 0027): an officer under investigation probing
/// for their own case by id, a refused action, a role's refusal, a missing antiforgery token. The answer to the caller
/// does not change (a hidden case answers as a missing one), the request's body is never recorded, callers who are not
/// signed in cannot write to the trail, and a refused command-line verb is recorded too.
/// </summary>
public sealed class ApiRefusalTrailTests(Apps apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Asking_the_api_for_a_case_one_may_not_see_is_on_the_trail_and_answers_as_a_missing_case(Provider provider)
    {
        // A restricted case: an app of its own, so no other test meets it.
        await using var app = await Apps.CreateAsync(provider);
        var investigator = await app.SignInAsync("investigator");
        var id = await CanaryForce.RecordByApiAsync(investigator, new
        {
            caseType = "public_complaint", receivedOn = "2010-12-01", recordedOn = "2010-12-01", source = "public", locationUnitId = "bor-camden",
            summary = "Officer said to pass force intelligence to a relative", allegations = new[] { new { category = "corrupt_practice" } },
        });
        await CanaryForce.EditAsync(investigator, id, "restrict", new() { ["principals"] = "team:dps-acu", ["reason"] = "Anti-corruption: need to know only" });
        var ghost = "C2010-" + Guid.NewGuid().ToString("N")[..8];

        // The case handler (not in the team) probes for it by id, and for a case that does not exist: the same answer.
        var handler = await app.SignInAsync("handler");
        var hidden = await ProblemAsync(await handler.Http.GetAsync($"/api/cases/{id}", Ct));
        var missing = await ProblemAsync(await handler.Http.GetAsync($"/api/cases/{ghost}", Ct));
        Assert.Equal((404, "Not found", $"Case {ghost} was not found."), missing);
        Assert.Equal((404, "Not found", $"Case {id} was not found."), hidden);

        // And tries to change it, with a reason that must not reach the trail (a body can carry anything).
        var secret = "BODY-" + Guid.NewGuid().ToString("N");
        var post = new HttpRequestMessage(HttpMethod.Post, $"/api/cases/{id}/route")
        {
            Content = JsonContent.Create(new { version = Guid.NewGuid(), route = "local_resolution", decidedOn = "2010-12-20", reason = secret }),
        };
        post.Headers.Add("X-CSRF-TOKEN", await CanaryForce.ApiTokenAsync(handler));
        Assert.Equal((404, "Not found", $"Case {id} was not found."), await ProblemAsync(await handler.Http.SendAsync(post, Ct)));

        // The trail names the case asked for, once per attempt: the read (recorded by the case page's own handler) and the change.
        var trail = await app.TrailAsync();
        var attempts = trail.Where(e => e.Actor == "handler" && e.Target == "case:" + id).ToList();
        Assert.Equal(["not_found", "not_found"], attempts.Select(e => e.Action));
        Assert.Null(attempts[0].Detail);
        Assert.Equal($"POST /api/cases/{id}/route answered 404: Case {id} was not found.", attempts[1].Detail);
        Assert.Contains(trail, e => e.Actor == "handler" && e.Action == "not_found" && e.Target == "case:" + ghost);
        Assert.DoesNotContain(trail, e => e.Target.Contains(secret, StringComparison.Ordinal) || e.Detail?.Contains(secret, StringComparison.Ordinal) == true);

        // The administrator reads the attempts on the trail page, without learning which case it was.
        var admin = await app.SignInAsync("admin");
        var page = await admin.Http.GetStringAsync("/admin/trail?actor=handler", Ct);
        Assert.Contains("<td>handler</td><td>not_found</td><td>case:(withheld)</td><td></td>", page, StringComparison.Ordinal);
        Assert.Contains($"<td>handler</td><td>not_found</td><td>case:{ghost}</td>", page, StringComparison.Ordinal);
        Assert.DoesNotContain(id, page, StringComparison.Ordinal);

        // The refused caller cannot read the trail (the page is the administrators'; the API has no trail).
        var own = await handler.Http.GetAsync("/admin/trail?actor=handler", Ct);
        Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
        Assert.Equal("/account/denied", own.Headers.Location!.AbsolutePath);
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_refused_action_a_role_refusal_and_a_missing_token_through_the_api_are_on_the_trail_with_their_reasons(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var handler = await app.SignInAsync("handler");
        var token = await CanaryForce.ApiTokenAsync(handler);
        var nowhere = "bor-nowhere-" + Guid.NewGuid().ToString("N")[..8];
        var secret = "BODY-" + Guid.NewGuid().ToString("N");

        // 422: a refused action, in the handler's words, with the values it names; nothing else of the body.
        var bad = new HttpRequestMessage(HttpMethod.Post, "/api/cases")
        {
            Content = JsonContent.Create(new { caseType = "public_complaint", receivedOn = "2010-12-01", source = "public", locationUnitId = nowhere, summary = secret, allegations = new[] { new { category = "incivility" } } }),
        };
        bad.Headers.Add("X-CSRF-TOKEN", token);
        var refused = await ProblemAsync(await handler.Http.SendAsync(bad, Ct));
        Assert.Equal(422, refused.Status);
        Assert.Contains(nowhere, refused.Detail, StringComparison.Ordinal);

        // 400: a value the API does not accept (a validation problem), naming the case the call was about.
        var caseId = "C2010-" + Guid.NewGuid().ToString("N")[..8];
        var route = new HttpRequestMessage(HttpMethod.Post, $"/api/cases/{caseId}/route")
        {
            Content = JsonContent.Create(new { version = Guid.NewGuid(), route = "teleport", decidedOn = "2010-12-20", reason = secret }),
        };
        route.Headers.Add("X-CSRF-TOKEN", token);
        Assert.Equal(HttpStatusCode.BadRequest, (await handler.Http.SendAsync(route, Ct)).StatusCode);

        // 400: a change without the antiforgery token.
        var tokenless = "C2010-" + Guid.NewGuid().ToString("N")[..8];
        var forged = await handler.Http.PostAsync($"/api/cases/{tokenless}/finalise", JsonContent.Create(new { version = Guid.NewGuid(), finalisedOn = "2010-12-20", reason = secret }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        // 403: oversight may read finalised cases but not change one.
        var oversight = await app.SignInAsync("oversight");
        var finalise = new HttpRequestMessage(HttpMethod.Post, $"/api/cases/{caseId}/finalise") { Content = JsonContent.Create(new { version = Guid.NewGuid(), finalisedOn = "2010-12-20", reason = secret }) };
        finalise.Headers.Add("X-CSRF-TOKEN", await CanaryForce.ApiTokenAsync(oversight));
        Assert.Equal(HttpStatusCode.Forbidden, (await oversight.Http.SendAsync(finalise, Ct)).StatusCode);

        // 401: nobody signed in writes nothing to the trail, however often they try.
        var outsiderTarget = "C2010-" + Guid.NewGuid().ToString("N")[..8];
        var anonymous = app.NewClient();
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.Http.GetAsync($"/api/cases/{outsiderTarget}", Ct)).StatusCode);

        var trail = await app.TrailAsync();
        var entry = Assert.Single(trail, e => e.Actor == "handler" && e.Detail?.Contains(nowhere, StringComparison.Ordinal) == true);
        Assert.Equal(("refused", "api:/api/cases"), (entry.Action, entry.Target));
        Assert.StartsWith("POST /api/cases answered 422: ", entry.Detail, StringComparison.Ordinal);
        var invalid = Assert.Single(trail, e => e.Actor == "handler" && e.Target == "case:" + caseId);
        Assert.Equal(("refused", $"POST /api/cases/{caseId}/route answered 400: route: 'teleport' is not a handling route."), (invalid.Action, invalid.Detail));
        var noToken = Assert.Single(trail, e => e.Actor == "handler" && e.Target == "case:" + tokenless);
        Assert.Equal("refused", noToken.Action);
        Assert.Contains("X-CSRF-TOKEN", noToken.Detail, StringComparison.Ordinal);
        var denied = Assert.Single(trail, e => e.Actor == "oversight" && e.Target == "case:" + caseId);
        Assert.Equal(("denied", $"POST /api/cases/{caseId}/finalise answered 403: needs ReadCases, EditCases"), (denied.Action, denied.Detail));
        Assert.DoesNotContain(trail, e => e.Target.Contains(outsiderTarget, StringComparison.Ordinal) || e.Detail?.Contains(outsiderTarget, StringComparison.Ordinal) == true);
        Assert.DoesNotContain(trail, e => e.Target.Contains(secret, StringComparison.Ordinal) || e.Detail?.Contains(secret, StringComparison.Ordinal) == true);
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_refused_command_line_verb_is_on_the_trail(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        await app.SignInAsync("handler"); // enrols the authenticator the command line's code comes from
        var before = (await app.TrailAsync()).Select(e => e.Sequence).DefaultIfEmpty().Max();

        // A policy the account lacks (exit 5), and a refused action (exit 2): each on the trail under the account's name.
        var (denied, deniedOutput) = await app.RunCliAsync("handler", "export", "--out", Path.Combine(Path.GetTempPath(), "probity-refused-" + Guid.NewGuid().ToString("N")));
        Assert.True(denied == 5, deniedOutput);
        var (refused, refusedOutput) = await app.RunCliAsync("handler", "digest", "--send");
        Assert.True(refused == 2, refusedOutput);
        Assert.Contains("No mail relay is configured", refusedOutput, StringComparison.Ordinal);
        // A record that is not there: said plainly (exit 2, no stack trace) and on the trail.
        await app.SignInAsync("analyst");
        var (missing, missingOutput) = await app.RunCliAsync("analyst", "pmf", "--unit", "no-such-unit");
        Assert.True(missing == 2, missingOutput);
        Assert.Contains("Unit no-such-unit was not found.", missingOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", missingOutput, StringComparison.Ordinal);

        var trail = (await app.TrailAsync()).Where(e => e.Sequence > before && e.Actor == "handler").ToList();
        Assert.Contains(trail, e => e.Action == "denied" && e.Target == "account:handler" && e.Detail == "command line: needs Export");
        // Other tests share this app and refuse things as handler at the same time, so the entry is found by its verb.
        var entry = Assert.Single(trail, e => e.Action == "refused" && e.Target == "cli:digest");
        Assert.Equal("No mail relay is configured (Probity:Mail:Host): nothing was sent.", entry.Detail);
        Assert.StartsWith("cli:", entry.Client, StringComparison.Ordinal);
        Assert.Contains(await app.TrailAsync(), e => e.Sequence > before && e.Actor == "analyst" && e.Action == "not_found" && e.Target == "cli:pmf"
            && e.Detail == "Unit no-such-unit was not found.");
    }

    private static async Task<(int Status, string? Title, string? Detail)> ProblemAsync(HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return ((int)response.StatusCode, problem.GetProperty("title").GetString(), problem.GetProperty("detail").GetString());
    }
}
