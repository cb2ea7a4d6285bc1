using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Probity.AuditTrail.Contracts;
using Probity.Cases.Contracts;
using Probity.Database;
using Probity.Identity.Contracts;
using Probity.Infrastructure.Time;
using Probity.Workforce.Contracts;

namespace Probity.IntegrationTests.Intelligence;

/// <summary>
/// Tasking end to end through HTTP (ADR tasking): an operation opened, its tactic and integrity test authorised only by a
/// senior manager of the Anti-Corruption Command who did not ask for them, a stale edit refused with 409, bad input
/// refused with 422 naming the field, the officer it is about never finding it, and everything on the trail.
/// </summary>
public sealed partial class TaskingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<Provider> Providers => Apps.Providers;

    private const string Meeting = "/intelligence/tasking";
    private const string Subject = "TK0001";

    /// <summary>
    /// An empty force: the Bureau (b1), an investigator (i), two senior managers of the Anti-Corruption Command (sm1, sm2:
    /// senior managers who also hold the investigator's role), the other roles, and "subj", an investigator who is the
    /// officer TK0001 the operation is about. One open case and one restricted case.
    /// </summary>
    private static async Task<ProbityApp> ForceAsync(Provider provider)
    {
        var app = await Apps.CreateAsync(provider, demo: false);
        foreach (var (user, role) in new[] { ("b1", Roles.IntelligenceBureau), ("i", Roles.Investigator), ("sm1", Roles.SeniorManager), ("sm2", Roles.SeniorManager), ("subj", Roles.Investigator),
                     ("h", Roles.CaseHandler), ("a", Roles.Analyst), ("o", Roles.Oversight), ("s", Roles.SeniorManager), ("ad", Roles.Administrator) })
            await app.AddUserAsync(user, role);
        await using var scope = app.SystemScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ProbityUser>>();
        foreach (var senior in new[] { "sm1", "sm2" })
            Assert.True((await users.AddToRoleAsync((await users.FindByNameAsync(senior))!, Roles.Investigator)).Succeeded);
        var subject = (await users.FindByNameAsync("subj"))!;
        subject.StaffId = Subject;
        Assert.True((await users.UpdateAsync(subject)).Succeeded);
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        db.Staff.Add(new StaffMember { Id = Subject, DisplayName = "PC Ravi Dunn", StaffType = "officer" });
        db.Staff.Add(new StaffMember { Id = "TK0002", DisplayName = "Sgt Lena Holt", StaffType = "officer" });
        var today = app.Time.Today();
        db.Cases.Add(new Case { Id = "TK-CASE-1", CaseType = "conduct_matter", ReceivedOn = today.AddDays(-30), RecordedOn = today.AddDays(-30) });
        db.Cases.Add(new Case { Id = "TK-SECRET", CaseType = "conduct_matter", ReceivedOn = today.AddDays(-30), RecordedOn = today.AddDays(-30), Restricted = true });
        scope.ServiceProvider.GetRequiredService<Audit>().Change("test_arrange", "tasking", "two officers, two cases");
        await db.SaveChangesAsync(Ct);
        return app;
    }

    private static async Task<string> OpenAsync(SignedInClient client, Dictionary<string, string> fields)
    {
        var response = await client.PostFormAsync($"{Meeting}/new", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task An_operation_runs_from_opening_to_an_integrity_test_result_and_nobody_authorises_their_own_request(Provider provider)
    {
        await using var app = await ForceAsync(provider);
        var today = app.Time.Today();
        var i = await app.SignInAsync("i");

        // Bad input is refused with the field named, and the form keeps what was typed.
        var refused = await i.PostFormAsync($"{Meeting}/new", Opening("Operation Osprey", "TK-SECRET"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var body = await refused.Content.ReadAsStringAsync(Ct);
        Assert.Equal("Cases: there is no case 'TK-SECRET' that you can see.", SignedInClient.TestId(body, "error"));
        Assert.Contains("Operation Osprey", body, StringComparison.Ordinal);
        refused = await i.PostFormAsync($"{Meeting}/new", new(Opening("Operation Osprey", "TK-CASE-1")) { ["Priority"] = "witchcraft" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.StartsWith("Control-strategy priority: 'witchcraft' is not a control-strategy priority", SignedInClient.TestId(await refused.Content.ReadAsStringAsync(Ct), "error"), StringComparison.Ordinal);

        var url = await OpenAsync(i, Opening("Operation Osprey", "TK-CASE-1"));
        Assert.StartsWith($"{Meeting}/operations/OP-", url, StringComparison.Ordinal);
        var id = url[(url.LastIndexOf('/') + 1)..];
        var quiet = await OpenAsync(i, new() { ["Name"] = "Operation Quiet", ["Objective"] = "Nothing pending yet." });
        var page = await i.Http.GetStringAsync(url, Ct);
        Assert.Equal("PC Ravi Dunn (TK0001)", SignedInClient.TestId(page, "subject"));
        Assert.Equal("TK-CASE-1", SignedInClient.TestId(page, "cases"));

        // A tactic from the menu; anything else is refused, naming the field.
        var sm1 = await app.SignInAsync("sm1");
        var response = await PostAsync(sm1, url, "RequestTactic", new() { ["version"] = Version(page), ["option"] = "teleportation", ["reason"] = "Because." });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.StartsWith("Tactical option: 'teleportation' is not on the force's menu", SignedInClient.TestId(await response.Content.ReadAsStringAsync(Ct), "error"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(sm1, url, "RequestTactic", new() { ["version"] = Version(await sm1.Http.GetStringAsync(url, Ct)), ["option"] = "integrity_test", ["reason"] = "Graded B2 intelligence of thefts." })).StatusCode);

        // The requester may not authorise it (even posting the form the page does not offer them), nor may an investigator
        // without seniority; another senior manager may.
        page = await sm1.Http.GetStringAsync(url, Ct);
        Assert.Equal("awaiting authorisation", SignedInClient.TestId(page, "tactic-authorised"));
        var tactic = (await app.SystemScopeTacticAsync(id)).ToString();
        response = await PostAsync(sm1, url, "AuthoriseTactic", new() { ["version"] = Version(page), ["tactic"] = tactic });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("You requested Integrity testing: another senior manager authorises it.", SignedInClient.TestId(await response.Content.ReadAsStringAsync(Ct), "error"));
        response = await i.PostFormAsync($"{url}?handler=AuthoriseTactic", new() { ["version"] = Version(page), ["tactic"] = tactic }, url);
        Assert.StartsWith("/account/denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        var sm2 = await app.SignInAsync("sm2");
        page = await sm2.Http.GetStringAsync(url, Ct);
        Assert.Equal(tactic, TacticField().Match(page).Groups[1].Value);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(sm2, url, "AuthoriseTactic", new() { ["version"] = Version(page), ["tactic"] = tactic })).StatusCode);
        Assert.StartsWith("by sm2", SignedInClient.TestId(await i.Http.GetStringAsync(url, Ct), "tactic-authorised"), StringComparison.Ordinal);

        // An integrity test: a day outside the calendar Probity covers is refused, naming the field.
        page = await sm1.Http.GetStringAsync(url, Ct);
        response = await PostAsync(sm1, url, "PlanTest", new() { ["version"] = Version(page), ["scenario"] = "A marked wallet handed in.", ["plannedFor"] = "2040-01-01" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.StartsWith("Planned for (1 Jan 2040) is outside the dates", SignedInClient.TestId(await response.Content.ReadAsStringAsync(Ct), "error"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(sm1, url, "PlanTest", new() { ["version"] = Version(page), ["scenario"] = "A marked wallet handed in.", ["plannedFor"] = today.ToString("yyyy-MM-dd") })).StatusCode);

        // The meeting shows the test awaiting authorisation first, before the operation with nothing pending.
        var meeting = await i.Http.GetStringAsync(Meeting, Ct);
        var order = OperationRows().Matches(meeting).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal([id, quiet[(quiet.LastIndexOf('/') + 1)..]], order);
        Assert.Equal("0 tactics, 1 tests", SignedInClient.TestId(meeting, "awaiting"));

        // The planner may not authorise their own test; another senior manager does.
        page = await sm1.Http.GetStringAsync(url, Ct);
        var test = (await app.SystemScopeTestAsync(id)).ToString();
        response = await PostAsync(sm1, url, "AuthoriseTest", new() { ["version"] = Version(page), ["test"] = test });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("You planned this integrity test: another senior manager authorises it.", SignedInClient.TestId(await response.Content.ReadAsStringAsync(Ct), "error"));
        var beforeAuthorising = Version(await sm2.Http.GetStringAsync(url, Ct));
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(sm2, url, "AuthoriseTest", new() { ["version"] = beforeAuthorising, ["test"] = test })).StatusCode);

        // A stale page is refused with 409 and overwrites nothing.
        response = await PostAsync(i, url, "Progress", new() { ["version"] = beforeAuthorising, ["text"] = "From a stale page." });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.StartsWith("Someone changed operation Operation Osprey", SignedInClient.TestId(await response.Content.ReadAsStringAsync(Ct), "error"), StringComparison.Ordinal);
        Assert.DoesNotContain("From a stale page.", await i.Http.GetStringAsync(url, Ct), StringComparison.Ordinal);

        // The result, with its follow-up: a case, which must be one the recorder can see.
        page = await i.Http.GetStringAsync(url, Ct);
        var record = new Dictionary<string, string> { ["version"] = Version(page), ["test"] = test, ["conductedOn"] = today.ToString("yyyy-MM-dd"), ["result"] = "failed", ["followUp"] = "case_opened", ["followUpCase"] = "TK-SECRET" };
        response = await PostAsync(i, url, "RecordTest", record);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("Follow-up case: there is no case 'TK-SECRET' that you can see.", SignedInClient.TestId(await response.Content.ReadAsStringAsync(Ct), "error"));
        response = await PostAsync(i, url, "RecordTest", new(record) { ["result"] = "guilty", ["followUpCase"] = "TK-CASE-1" });
        Assert.StartsWith("Result: choose passed, failed, inconclusive", SignedInClient.TestId(await response.Content.ReadAsStringAsync(Ct), "error"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(i, url, "RecordTest", new(record) { ["followUpCase"] = "TK-CASE-1" })).StatusCode);
        page = await BureauPageAsync(app, url);
        Assert.Equal("failed", SignedInClient.TestId(page, "test-result"));
        Assert.Equal("case opened: TK-CASE-1", SignedInClient.TestId(page, "test-follow-up"));

        var trail = await app.TrailAsync();
        var target = "operation:" + id;
        Assert.Contains(trail, e => e.Actor == "i" && e.Action == "tasking_open" && e.Target == target && e.Detail!.Contains("subject " + Subject, StringComparison.Ordinal));
        Assert.Contains(trail, e => e.Actor == "sm1" && e.Action == "tasking_tactic_request" && e.Target == target);
        Assert.Single(trail, e => e.Action == "tasking_tactic_authorise" && e.Actor == "sm2" && e.Target == target);
        Assert.Single(trail, e => e.Action == "integrity_test_authorise" && e.Actor == "sm2");
        Assert.Contains(trail, e => e.Actor == "i" && e.Action == "integrity_test_result" && e.Detail!.Contains("failed, case_opened TK-CASE-1", StringComparison.Ordinal));
        Assert.DoesNotContain(trail, e => e.Action == "tasking_progress");
        Assert.Contains(trail, e => e.Actor == "b1" && e.Action == "view" && e.Target == target);
        Assert.Contains(trail, e => e.Actor == "i" && e.Action == "search" && e.Target == "tasking");
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task The_officer_an_operation_is_about_never_finds_it_whatever_their_role(Provider provider)
    {
        await using var app = await ForceAsync(provider);
        var i = await app.SignInAsync("i");
        var url = await OpenAsync(i, Opening("Operation Larch", "TK-CASE-1"));
        var id = url[(url.LastIndexOf('/') + 1)..];
        var other = await OpenAsync(i, new() { ["Name"] = "Operation Birch", ["Objective"] = "About someone else.", ["Subject"] = "TK0002" });

        var subj = await app.SignInAsync("subj");
        Assert.Equal(HttpStatusCode.NotFound, (await subj.Http.GetAsync(url, Ct)).StatusCode);
        var meeting = await subj.Http.GetStringAsync(Meeting, Ct);
        Assert.DoesNotContain("Larch", meeting, StringComparison.Ordinal);
        Assert.DoesNotContain(id, meeting, StringComparison.Ordinal);
        Assert.Contains("Operation Birch", meeting, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await subj.Http.GetAsync(other, Ct)).StatusCode);
        // Nor can they change it: a post answers as if it did not exist, and nothing is written.
        var response = await subj.PostFormAsync($"{url}?handler=Progress", new() { ["version"] = Guid.NewGuid().ToString(), ["text"] = "Tampering." }, Meeting);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        // Nor open one about themselves.
        response = await subj.PostFormAsync($"{Meeting}/new", new() { ["Name"] = "Operation Mirror", ["Objective"] = "x", ["Subject"] = "PC Ravi Dunn" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("Subject: you cannot open an operation about yourself.", SignedInClient.TestId(await response.Content.ReadAsStringAsync(Ct), "error"));

        var trail = await app.TrailAsync();
        // Their tries are on the trail as reads of something missing, which is what they look like to them; never as a view.
        Assert.DoesNotContain(trail, e => e.Actor == "subj" && e.Target == "operation:" + id && e.Action != "view_missing");
        Assert.Contains(trail, e => e.Actor == "subj" && e.Target == "operation:" + id && e.Action == "view_missing");
        Assert.DoesNotContain(trail, e => e.Actor == "subj" && e.Action == "tasking_progress");
    }

    [Fact]
    public async Task Only_the_Bureau_and_the_Anti_Corruption_Unit_open_the_tasking_pages()
    {
        await using var app = await ForceAsync(Provider.Sqlite);
        var i = await app.SignInAsync("i");
        var url = await OpenAsync(i, Opening("Operation Alder", "TK-CASE-1"));
        string[] routes = [Meeting, $"{Meeting}/new", url];
        foreach (var user in new[] { "h", "a", "o", "s", "ad" })
        {
            var client = await app.SignInAsync(user);
            foreach (var route in routes)
            {
                var response = await client.Http.GetAsync(route, Ct);
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.StartsWith("/account/denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
            }
            var post = await client.PostFormAsync($"{Meeting}/new", Opening("Operation Intruder", "TK-CASE-1"), "/account/password");
            Assert.StartsWith("/account/denied", post.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
        var stranger = app.NewClient();
        foreach (var route in routes)
            Assert.StartsWith("/account/sign-in", (await stranger.Http.GetAsync(route, Ct)).Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        foreach (var user in new[] { "b1", "i", "sm1" })
        {
            var client = await app.SignInAsync(user);
            foreach (var route in routes)
                Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync(route, Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync($"{Meeting}/operations/OP-0000000000", Ct)).StatusCode);
        }
        // The Bureau reads and works operations but does not authorise: the form is not offered, and a post is refused.
        var b1 = await app.SignInAsync("b1");
        var page = await b1.Http.GetStringAsync(url, Ct);
        Assert.NotNull(SignedInClient.TestId(page, "tactic-form"));
        var denied = await b1.PostFormAsync($"{url}?handler=AuthoriseTest", new() { ["version"] = Version(page), ["test"] = Guid.NewGuid().ToString() }, url);
        Assert.StartsWith("/account/denied", denied.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(["view_missing"], (await app.TrailAsync()).Where(e => e.Target == "operation:OP-0000000000").Select(e => e.Action).Distinct());
        Assert.DoesNotContain(await app.TrailAsync(), e => e.Detail != null && e.Detail.Contains("Intruder", StringComparison.Ordinal));
    }

    private static Dictionary<string, string> Opening(string name, string caseId) => new()
    {
        ["Name"] = name, ["Objective"] = "Establish whether property is taken from the store.", ["Subject"] = "Ravi Dunn", ["Priority"] = "theft_from_police_premises", ["Cases"] = caseId,
    };

    private static async Task<string> BureauPageAsync(ProbityApp app, string url) => await (await app.SignInAsync("b1")).Http.GetStringAsync(url, Ct);

    private static Task<HttpResponseMessage> PostAsync(SignedInClient client, string url, string handler, Dictionary<string, string> fields) =>
        client.PostFormAsync($"{url}?handler={handler}", fields, url);

    private static string Version(string page)
    {
        var m = VersionField().Match(page);
        Assert.True(m.Success, "no operation form on the page");
        return m.Groups[1].Value;
    }

    [GeneratedRegex("name=\"version\" value=\"([0-9a-f-]+)\"")]
    private static partial Regex VersionField();

    [GeneratedRegex("name=\"tactic\" value=\"([0-9a-f-]+)\"")]
    private static partial Regex TacticField();

    [GeneratedRegex("data-testid=\"operation\" data-id=\"([^\"]+)\"")]
    private static partial Regex OperationRows();
}

internal static class TaskingArrange
{
    public static async Task<Guid> SystemScopeTacticAsync(this ProbityApp app, string operation)
    {
        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        return (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Set<Probity.Intelligence.Contracts.OperationTactic>(), t => t.OperationId == operation)).Id;
    }

    public static async Task<Guid> SystemScopeTestAsync(this ProbityApp app, string operation)
    {
        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        return (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Set<Probity.Intelligence.Contracts.IntegrityTest>(), t => t.OperationId == operation)).Id;
    }
}
