using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Probity.IntegrationTests.NeedToKnow;

namespace Probity.IntegrationTests;

/// <summary>
/// An independent review of the refusal trail (ADR 0027, addendum): a role opening or posting to a page it may not use is
/// on the trail as the API's refusals are; a prober cannot tell a hidden case from a missing one by the answer's status,
/// headers or body, nor bury a probe under a flood of other refusals (every refusal is its own entry, the trail page
/// filters by action and reaches back past the newest 200); nothing the caller sent in a query or body is recorded; and
/// the command line's refusal before anyone signs in (a verb that needs --as, run without it) is on the trail under the
/// operating-system account that ran it.
/// </summary>
public sealed class AdversarialRefusalTrailReviewTests(Apps apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_page_a_role_may_not_open_or_post_to_leaves_a_denied_entry_naming_the_page_and_the_policy(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var before = (await app.TrailAsync()).Select(e => e.Sequence).DefaultIfEmpty().Max();
        var secret = "Q-" + Guid.NewGuid().ToString("N");

        // A case handler opens the administrators' trail page (the page policy's forbid), with a query that must not be kept.
        var handler = await app.SignInAsync("handler");
        var opened = await handler.Http.GetAsync($"/admin/trail?actor={secret}", Ct);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal("/account/denied", opened.Headers.Location!.AbsolutePath);

        // An investigator may read the interests register but not record in it (the page's PostPolicy forbid on a post).
        var investigator = await app.SignInAsync("investigator");
        var posted = await investigator.PostFormAsync("/registers/interests?handler=Record",
            new() { ["staff"] = "s000001", ["interestType"] = "second_job", ["description"] = secret }, tokenFrom: "/registers/interests");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal("/account/denied", posted.Headers.Location!.AbsolutePath);

        // Nobody signed in: sent to sign in, and nothing written (no one to name; an outsider cannot fill the trail).
        var outsider = app.NewClient("198.51.100." + Random.Shared.Next(2, 250));
        for (var i = 0; i < 3; i++)
        {
            var anonymous = await outsider.Http.GetAsync("/admin/trail", Ct);
            Assert.Equal("/account/sign-in", anonymous.Headers.Location!.AbsolutePath);
        }

        var trail = (await app.TrailAsync()).Where(e => e.Sequence > before).ToList();
        // Each client has an address of its own: other tests' entries on the shared host are not counted.
        var page = Assert.Single(trail, e => e.Client == handler.Address && e.Action == "denied");
        Assert.Equal("handler", page.Actor);
        Assert.Equal(("page:/admin/trail", "GET /admin/trail answered 403: needs Administer"), (page.Target, page.Detail));
        var post = Assert.Single(trail, e => e.Client == investigator.Address && e.Action == "denied");
        Assert.Equal("investigator", post.Actor);
        Assert.Equal(("page:/registers/interests", "POST /registers/interests answered 403: needs ManageRegisters"), (post.Target, post.Detail));
        Assert.DoesNotContain(trail, e => e.Client == outsider.Address);
        Assert.DoesNotContain(trail, e => e.Target.Contains(secret, StringComparison.Ordinal) || e.Detail?.Contains(secret, StringComparison.Ordinal) == true);
        // The page the refused are sent to records nothing of its own (the forbid was the entry), so following it adds none.
        Assert.Equal(HttpStatusCode.OK, (await handler.Http.GetAsync("/account/denied", Ct)).StatusCode);
        Assert.Single((await app.TrailAsync()).Where(e => e.Sequence > before), e => e.Client == handler.Address && e.Action == "denied");
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_prober_can_neither_tell_a_hidden_case_from_a_missing_one_nor_bury_the_probe_under_noise(Provider provider)
    {
        // A restricted case: an app of its own, so no other test meets it.
        await using var app = await Apps.CreateAsync(provider);
        var investigator = await app.SignInAsync("investigator");
        var id = await CanaryForce.RecordByApiAsync(investigator, new
        {
            caseType = "public_complaint", receivedOn = "2010-12-01", recordedOn = "2010-12-01", source = "public", locationUnitId = "bor-camden",
            summary = "Officer said to tip off a relative", allegations = new[] { new { category = "corrupt_practice" } },
        });
        await CanaryForce.EditAsync(investigator, id, "restrict", new() { ["principals"] = "team:dps-acu", ["reason"] = "Anti-corruption: need to know only" });
        var ghost = "C2010-" + Guid.NewGuid().ToString("N")[..8];
        var secret = "T-" + Guid.NewGuid().ToString("N");

        // The officer (a case handler outside the team) asks for the case and for one that does not exist, with a query
        // carrying a token that must not reach the trail. Status, headers and body differ only by the id typed.
        var prober = await app.SignInAsync("handler");
        var hidden = await prober.Http.GetAsync($"/api/cases/{id}?token={secret}", Ct);
        var missing = await prober.Http.GetAsync($"/api/cases/{ghost}?token={secret}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(Headers(missing), Headers(hidden));
        Assert.Equal(await BodyAsync(missing, ghost), await BodyAsync(hidden, id));

        // Then buries the probe under refusals of the same kind: made-up ids, more than a page of the trail's worth.
        const int noise = 205;
        for (var i = 0; i < noise; i++)
            Assert.Equal(HttpStatusCode.NotFound, (await prober.Http.GetAsync($"/api/cases/C2010-N{i:D6}", Ct)).StatusCode);

        // Every attempt is its own entry (none collapsed), and no query was kept.
        var trail = await app.TrailAsync();
        var attempts = trail.Where(e => e.Actor == "handler" && e.Action == "not_found").ToList();
        Assert.Equal(noise + 2, attempts.Count);
        Assert.Single(attempts, e => e.Target == "case:" + id);
        Assert.DoesNotContain(trail, e => e.Target.Contains(secret, StringComparison.Ordinal) || e.Detail?.Contains(secret, StringComparison.Ordinal) == true);

        // The administrator filters the prober's not-found reads: the newest page is all noise, says there are more, and
        // the older page shows the probe (withheld: the administrator is not in the team) and the made-up id beside it.
        var admin = await app.SignInAsync("admin");
        var newest = await admin.Http.GetStringAsync("/admin/trail?actor=handler&act=not_found", Ct);
        Assert.Contains($"The newest 200 of {noise + 2} matching entries.", newest, StringComparison.Ordinal);
        Assert.DoesNotContain("case:(withheld)", newest, StringComparison.Ordinal);
        var older = System.Text.RegularExpressions.Regex.Match(newest, "data-testid=\"trail-older\" href=\"([^\"]+)\"");
        Assert.True(older.Success, "no link to older entries");
        var back = await admin.Http.GetStringAsync(WebUtility.HtmlDecode(older.Groups[1].Value), Ct);
        Assert.Contains("<td>handler</td><td>not_found</td><td>case:(withheld)</td><td></td>", back, StringComparison.Ordinal);
        Assert.Contains($"<td>handler</td><td>not_found</td><td>case:{ghost}</td>", back, StringComparison.Ordinal);
        Assert.DoesNotContain(id, back, StringComparison.Ordinal);
        Assert.DoesNotContain("<td>view</td>", back, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_command_line_verb_refused_before_anyone_signs_in_is_on_the_trail_under_the_operating_system_account(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var before = (await app.TrailAsync()).Select(e => e.Sequence).DefaultIfEmpty().Max();
        var output = Path.Combine(Path.GetTempPath(), "probity-unsigned-" + Guid.NewGuid().ToString("N"));

        // No --as for a verb that shows protected data: refused (exit 2), nothing written, and on the trail as refused.
        var (missing, missingOutput) = await app.RunCliAsync(null, "export", "--out", output);
        Assert.True(missing == 2, missingOutput);
        Assert.Contains("say who you are with --as USER", missingOutput, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output) || File.Exists(output));

        // An --as naming no account: a failed sign-in under the name typed, from the command line (exit 5).
        var nobody = "nobody-" + Guid.NewGuid().ToString("N")[..8];
        var (unknown, unknownOutput) = await app.RunCliAsync(null, "export", "--out", output, "--as", nobody);
        Assert.True(unknown == 5, unknownOutput);

        var trail = (await app.TrailAsync()).Where(e => e.Sequence > before).ToList();
        var refused = Assert.Single(trail, e => e.Actor == "operator:" + Environment.UserName && e.Action == "refused" && e.Target == "cli:export");
        Assert.StartsWith("probity export shows protected data: say who you are with --as USER", refused.Detail, StringComparison.Ordinal);
        Assert.Equal("cli:" + Environment.UserName, refused.Client);
        var failed = Assert.Single(trail, e => e.Action == "sign_in_failed" && e.Target == "account:" + nobody);
        Assert.Equal((nobody, "cli:" + Environment.UserName), (failed.Actor, failed.Client));
    }

    /// <summary>The problem's members with the id asked for written as ID, without the trace id (the request's own).</summary>
    private static async Task<List<string>> BodyAsync(HttpResponseMessage response, string asked) =>
        [.. (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).EnumerateObject().Where(p => p.Name != "traceId")
            .Select(p => $"{p.Name}={p.Value.GetRawText().Replace(asked, "ID", StringComparison.Ordinal)}")];

    /// <summary>The answer's headers, except the moment it was sent and the length of a body that names a different id.</summary>
    private static List<string> Headers(HttpResponseMessage response) =>
        [.. response.Headers.Concat(response.Content.Headers).Where(h => h.Key is not ("Date" or "Content-Length"))
            .Select(h => $"{h.Key}: {string.Join(",", h.Value)}").Order(StringComparer.Ordinal)];
}
