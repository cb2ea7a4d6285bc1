using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probity.Database;
using Probity.Identity;
using Probity.Identity.Contracts;
using Probity.Infrastructure.Time;
using Probity.IntegrationTests.NeedToKnow;

namespace Probity.IntegrationTests;

/// <summary>
/// An adversarial review of <c>POST /api/cases/{id}/restriction</c> (ADR 0005 addendum "restricting through the API"),
/// tried as a script with a malformed body, an investigator outside the grant probing for a hidden case, an investigator
/// who names the case's own subject on its need-to-know list, and one who adds to a restriction someone else made. Each
/// compares the API with the page's restriction: the same answer, the same trail, the same record.
/// </summary>
public sealed class AdversarialRestrictionApiReviewTests(Apps apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<string> RecordAsync(ProbityApp app, SignedInClient client, string summary, string? staffId = null) =>
        CanaryForce.RecordByApiAsync(client, new
        {
            caseType = "conduct_matter", receivedOn = CanaryForce.Iso(app.Time.Today()), source = "internal", locationUnitId = "bor-lambeth", summary,
            allegations = new[] { new { category = "improper_use_of_it_systems", staffId } },
        });

    private static async Task<Guid> VersionAsync(SignedInClient client, string id) =>
        (await client.Http.GetFromJsonAsync<JsonElement>($"/api/cases/{id}", Ct)).GetProperty("version").GetGuid();

    private static async Task<List<string>> GrantsAsync(ProbityApp app, string id)
    {
        await using var scope = app.SystemScope();
        return await scope.ServiceProvider.GetRequiredService<ProbityDb>().CaseAccessGrants.AsNoTracking().Where(g => g.CaseId == id)
            .Select(g => g.Principal).OrderBy(p => p).ToListAsync(Ct);
    }

    private static async Task<string> OutsiderAsync(ProbityApp app, string what)
    {
        var name = $"inv.{what}.{Guid.NewGuid():N}"[..28];
        await app.AddUserAsync(name, Roles.Investigator);
        return name;
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_name_list_holding_a_null_or_a_blank_is_refused_naming_the_field_on_the_trail_and_changes_nothing(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var investigator = await app.SignInAsync("investigator");
        var id = await RecordAsync(app, investigator, "A script's list of names with a hole in it");
        var version = await VersionAsync(investigator, id);
        var after = await app.TrailSequenceAsync();

        // A script whose look-up of a name failed sends null (or ""): never a 500, never a restriction to fewer people than it meant.
        foreach (var hole in new string?[] { null, "", "  " })
        {
            var answer = await investigator.PostApiAsync($"/api/cases/{id}/restriction", new { version, principals = new[] { "senior", hole }, reason = "Concerns a DPS officer" }, Ct);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.StatusCode);
            Assert.StartsWith("Who may see it:", (await answer.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        Assert.Empty(await GrantsAsync(app, id));
        Assert.Equal(version, await VersionAsync(investigator, id));
        var trail = await app.TrailSinceAsync(after, "investigator");
        Assert.Equal(3, trail.Count(e => e.Action == "refused" && e.Target == "case:" + id
            && e.Detail?.StartsWith($"POST /api/cases/{id}/restriction answered 422: Who may see it:", StringComparison.Ordinal) == true));
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_restriction_without_a_reason_posted_to_a_hidden_case_answers_and_is_recorded_as_for_a_missing_case_as_the_page_does(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var senior = await app.SignInAsync("senior");
        var id = await RecordAsync(app, senior, "Restricted before the probe");
        Assert.Equal(HttpStatusCode.NoContent, (await senior.PostApiAsync($"/api/cases/{id}/restriction",
            new { version = await VersionAsync(senior, id), principals = Array.Empty<string>(), reason = "Concerns a DPS officer" }, Ct)).StatusCode);

        // An investigator outside the grant, probing by id with an empty reason (the cheapest probe: no version to guess).
        var outsider = await OutsiderAsync(app, "noreason");
        var other = await app.SignInAsync(outsider);
        var ghost = "PRB-1999-" + Random.Shared.Next(10000, 99999);
        var after = await app.TrailSequenceAsync();
        var hidden = await other.PostApiAsync($"/api/cases/{id}/restriction", new { version = Guid.NewGuid(), principals = new[] { outsider }, reason = "\u200B" }, Ct);
        var missing = await other.PostApiAsync($"/api/cases/{ghost}/restriction", new { version = Guid.NewGuid(), principals = new[] { outsider }, reason = "\u200B" }, Ct);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (hidden.StatusCode, missing.StatusCode));
        Assert.Equal((await missing.Content.ReadAsStringAsync(Ct)).Replace(ghost, id, StringComparison.Ordinal).Split("traceId")[0],
            (await hidden.Content.ReadAsStringAsync(Ct)).Split("traceId")[0]);

        // The page, tried the same way, answers 404 too; both attempts are on the trail as not_found, the probe the trail filters for.
        var page = await other.PostFormAsync($"/cases/{id}/restrict", new() { ["Version"] = Guid.NewGuid().ToString(), ["Principals"] = outsider, ["Reason"] = "" }, "/cases");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        var attempts = (await app.TrailSinceAsync(after, outsider)).Where(e => e.Target == "case:" + id).ToList();
        Assert.Equal(["not_found", "not_found"], attempts.Select(e => e.Action));
        Assert.Equal($"POST /api/cases/{id}/restriction answered 404: Case {id} was not found.", attempts[0].Detail);
        Assert.Contains(await app.TrailSinceAsync(after, outsider), e => e.Action == "not_found" && e.Target == "case:" + ghost);
        Assert.Equal(["senior"], await GrantsAsync(app, id));
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task The_subject_of_the_case_cannot_be_named_on_its_need_to_know_list(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        // An investigator who is also an officer on the force's books: the subject of the case recorded below.
        var subjectUser = $"inv.subject.{Guid.NewGuid():N}"[..28];
        string officer;
        await using (var scope = app.SystemScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            var taken = await db.Users.Where(u => u.StaffId != null).Select(u => u.StaffId!).ToListAsync(Ct);
            officer = (await db.Staff.Where(s => s.StaffType == "officer" && s.LeftOn == null).OrderByDescending(s => s.Id).Select(s => s.Id).Take(50).ToListAsync(Ct))
                .First(s => !taken.Contains(s));
            var user = await scope.ServiceProvider.GetRequiredService<DemoAccounts>().CreateAsync(subjectUser, "Subject " + subjectUser, Roles.Investigator, null, ProbityApp.Password);
            user.StaffId = officer;
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<ProbityUser>>().UpdateAsync(user)).Succeeded);
        }
        var investigator = await app.SignInAsync("investigator");
        var id = await RecordAsync(app, investigator, "An investigator's own misuse of the systems", officer);
        var after = await app.TrailSequenceAsync();

        // Named on the list, the subject would hold a grant that opens the case to them the day the allegation is re-attributed,
        // and the timeline would say the case is restricted to them.
        var answer = await investigator.PostApiAsync($"/api/cases/{id}/restriction",
            new { version = await VersionAsync(investigator, id), principals = new[] { "senior", subjectUser }, reason = "Concerns a DPS officer" }, Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.StatusCode);
        var detail = (await answer.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString()!;
        Assert.StartsWith("Who may see it:", detail, StringComparison.Ordinal);
        Assert.Contains("subject", detail, StringComparison.Ordinal);
        Assert.Empty(await GrantsAsync(app, id));
        Assert.Contains(await app.TrailSinceAsync(after, "investigator"), e => e.Action == "refused" && e.Target == "case:" + id);

        // The page does not offer them, and refuses them in the same words when typed.
        var form = await investigator.Http.GetStringAsync($"/cases/{id}/restrict", Ct);
        Assert.Contains("<datalist id=\"Principals-choices\">", form, StringComparison.Ordinal);
        Assert.DoesNotContain("Subject " + subjectUser, form, StringComparison.Ordinal);
        var page = await investigator.PostFormAsync($"/cases/{id}/restrict",
            new() { ["Version"] = (await VersionAsync(investigator, id)).ToString(), ["Principals"] = subjectUser, ["Reason"] = "Concerns a DPS officer" }, $"/cases/{id}/restrict");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.StatusCode);
        var alert = SignedInClient.Alert(await page.Content.ReadAsStringAsync(Ct));
        Assert.StartsWith("Who may see it:", alert, StringComparison.Ordinal);
        Assert.Contains("subject", alert, StringComparison.Ordinal);
        Assert.Empty(await GrantsAsync(app, id));
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Adding_to_a_restriction_records_everyone_the_case_is_open_to_not_only_those_named_this_time(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var investigator = await app.SignInAsync("investigator");
        var id = await RecordAsync(app, investigator, "Restricted, then opened to one more");
        Assert.Equal(HttpStatusCode.NoContent, (await investigator.PostApiAsync($"/api/cases/{id}/restriction",
            new { version = await VersionAsync(investigator, id), principals = new[] { "senior" }, reason = "Concerns a DPS officer" }, Ct)).StatusCode);
        var after = await app.TrailSequenceAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await investigator.PostApiAsync($"/api/cases/{id}/restriction",
            new { version = await VersionAsync(investigator, id), principals = new[] { "analyst" }, reason = "The analyst maps the network" }, Ct)).StatusCode);

        // Nothing is lifted: the senior manager keeps the case, and the record of the change says so.
        Assert.Equal(["analyst", "investigator", "senior"], await GrantsAsync(app, id));
        var change = Assert.Single(await app.TrailSinceAsync(after, "investigator"), e => e.Action == "update" && e.Target == "case:" + id);
        Assert.Equal("restricted: Restricted to analyst, investigator, senior (added analyst)", change.Detail);
        var timeline = (await investigator.Http.GetFromJsonAsync<JsonElement>($"/api/cases/{id}", Ct)).GetProperty("timeline").EnumerateArray().Last();
        Assert.Contains("senior", timeline.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Without_the_antiforgery_header_or_on_a_version_used_at_the_same_moment_nothing_is_restricted_and_each_refusal_is_on_the_trail(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var investigator = await app.SignInAsync("investigator");
        var id = await RecordAsync(app, investigator, "Posted from another site, then twice at once");
        var version = await VersionAsync(investigator, id);
        var after = await app.TrailSequenceAsync();

        // A cross-site form or fetch carries the cookie but not the header.
        var forged = await investigator.Http.PostAsJsonAsync($"/api/cases/{id}/restriction", new { version, principals = Array.Empty<string>(), reason = "Concerns a DPS officer" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Empty(await GrantsAsync(app, id));

        // Restrictions sent at once on the same version: one is made, the others are refused as stale (never a 500, never
        // two). Each grants the caller, so the losers' grant of the caller collides with the winner's before their stale
        // version is compared (PostgreSQL answered 500 for it).
        var sent = new[] { "analyst", "senior", "handler", "superintendent" }.Select(name =>
            investigator.PostApiAsync($"/api/cases/{id}/restriction", new { version, principals = new[] { name }, reason = "At once: " + name }, Ct));
        var answers = (await Task.WhenAll(sent)).Select(a => a.StatusCode).Order().ToList();
        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.Conflict, HttpStatusCode.Conflict, HttpStatusCode.Conflict], answers);
        var grants = await GrantsAsync(app, id);
        Assert.Equal(2, grants.Count);
        Assert.Contains("investigator", grants);

        var trail = (await app.TrailSinceAsync(after, "investigator")).Where(e => e.Target == "case:" + id).ToList();
        Assert.Contains(trail, e => e.Action == "refused" && e.Detail?.StartsWith($"POST /api/cases/{id}/restriction answered 400", StringComparison.Ordinal) == true);
        Assert.Equal(3, trail.Count(e => e.Action == "refused" && e.Detail?.StartsWith($"POST /api/cases/{id}/restriction answered 409", StringComparison.Ordinal) == true));
        Assert.Single(trail, e => e.Action == "update");
    }
}
