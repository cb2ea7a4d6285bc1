using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probity.Database;
using Probity.Identity.Contracts;
using Probity.Infrastructure.Time;

namespace Probity.IntegrationTests;

/// <summary>
/// The supervisor's sign-off of the investigation report (issue 13 item 7, ADR 0022): the investigating officer submits it,
/// the case's supervisor returns it with comments or approves it, and a case on an investigation route is finalised only
/// once it is approved. Who may do each step is the case's own chain of command; nobody reviews their own report; a
/// subject of the case never reaches it; every step is on the timeline and the audit trail.
/// </summary>
public sealed partial class InvestigationReportTests(Apps apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    internal sealed record People(string Io, string Supervisor);

    /// <summary>A new case on <paramref name="route"/> about an officer of its own, with its finding recorded and its officer and supervisor named.</summary>
    internal static async Task<string> InvestigatedCaseAsync(ProbityApp app, People people, string route = "local_investigation", int subjectSkip = 11)
    {
        var investigator = await app.SignInAsync("investigator");
        var received = app.Time.Today().AddDays(-10);
        var created = await investigator.PostFormAsync("/cases/new", new()
        {
            ["Input.CaseType"] = "public_complaint", ["Input.Source"] = "public", ["Input.ReceivedOn"] = Iso(received), ["Input.RecordedOn"] = Iso(received),
            ["Input.LocationUnitId"] = "bor-camden", ["Input.Summary"] = "Sign-off: force used at an arrest", ["Input.Allegations[0].Category"] = "other_assault",
            ["Input.Allegations[0].StaffId"] = await OfficerAsync(app, subjectSkip),
        });
        Assert.True(created.StatusCode == HttpStatusCode.Redirect, SignedInClient.Alert(await created.Content.ReadAsStringAsync(Ct)));
        var id = created.Headers.Location!.ToString()["/cases/".Length..];
        await DoAsync(app, investigator, id, "route", new() { ["route"] = route, ["date"] = Iso(received) });
        await DoAsync(app, investigator, id, "finding", new() { ["allegationId"] = id + "-A1", ["finding"] = "not_substantiated", ["date"] = Iso(app.Time.Today()) });
        await DoAsync(app, investigator, id, "assign", new() { ["investigator"] = people.Io, ["supervisor"] = people.Supervisor });
        return id;
    }

    internal static async Task<string> OfficerAsync(ProbityApp app, int skip)
    {
        await using var scope = app.SystemScope();
        return await scope.ServiceProvider.GetRequiredService<ProbityDb>().Staff.Where(s => s.StaffType == "officer" && s.LeftOn == null)
            .OrderBy(s => s.Id).Skip(skip).Select(s => s.Id).FirstAsync(Ct);
    }

    internal static async Task<People> PeopleAsync(ProbityApp app, string ioRole = Roles.CaseHandler)
    {
        var suffix = Guid.NewGuid().ToString("n")[..6];
        var people = new People("rio-" + suffix, "rsup-" + suffix);
        await app.AddUserAsync(people.Io, ioRole);
        await app.AddUserAsync(people.Supervisor, Roles.SeniorManager);
        return people;
    }

    private static async Task<HttpResponseMessage> OperationAsync(ProbityApp app, SignedInClient client, string id, string operation, Dictionary<string, string> fields)
    {
        fields["version"] = await CaseLifecycleTests.VersionAsync(app, "/cases/" + id);
        return await client.PostFormAsync($"/cases/{id}/{operation}", fields, $"/cases/{id}/{operation}");
    }

    internal static async Task DoAsync(ProbityApp app, SignedInClient client, string id, string operation, Dictionary<string, string> fields)
    {
        var response = await OperationAsync(app, client, id, operation, fields);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{operation} on {id}: {SignedInClient.Alert(await response.Content.ReadAsStringAsync(Ct))}");
    }

    /// <summary>The operation is refused: its page again (422), with the reason in its alert.</summary>
    internal static async Task<string> RefusedAsync(ProbityApp app, SignedInClient client, string id, string operation, Dictionary<string, string> fields)
    {
        var response = await OperationAsync(app, client, id, operation, fields);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        return WebUtility.HtmlDecode(SignedInClient.Alert(await response.Content.ReadAsStringAsync(Ct)));
    }

    internal static async Task<HttpResponseMessage> ApiAsync(SignedInClient client, string path, object body)
    {
        var token = (await client.Http.GetFromJsonAsync<JsonElement>("/api/antiforgery", Ct)).GetProperty("token").GetString()!;
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-CSRF-TOKEN", token);
        return await client.Http.SendAsync(request, Ct);
    }

    /// <summary>The case references in the table marked <paramref name="testId"/>.</summary>
    private static List<string> CasesIn(string html, string testId)
    {
        var table = Regex.Match(html, $"<table data-testid=\"{Regex.Escape(testId)}\">(.*?)</table>", RegexOptions.Singleline);
        return table.Success ? CaseLink().Matches(table.Groups[1].Value).Select(m => m.Groups[1].Value).ToList() : [];
    }

    [GeneratedRegex("<a href=\"/cases/([^\"/]+)\">")]
    private static partial Regex CaseLink();

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_report_is_submitted_returned_with_comments_resubmitted_and_approved_and_only_then_the_investigation_is_finalised(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var people = await PeopleAsync(app);
        var id = await InvestigatedCaseAsync(app, people);
        var io = await app.SignInAsync(people.Io);
        var supervisor = await app.SignInAsync(people.Supervisor);
        var today = Iso(app.Time.Today());

        // A local investigation needs its report approved before it is finalised: refused, naming what is missing.
        var refused = await RefusedAsync(app, io, id, "finalise", new() { ["date"] = today });
        Assert.Contains($"No investigation report has been submitted on case {id}", refused, StringComparison.Ordinal);
        Assert.Contains("finalised only once its investigation report is approved by its supervisor", refused, StringComparison.Ordinal);
        Assert.Contains("this route needs it approved by the supervisor first", WebUtility.HtmlDecode(await io.Http.GetStringAsync($"/cases/{id}/finalise", Ct)), StringComparison.Ordinal);

        var casePage = await io.Http.GetStringAsync($"/cases/{id}", Ct);
        Assert.Contains($"href=\"/cases/{id}/report\" data-testid=\"submit-report\"", casePage, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"submit-report\"", await io.Http.GetStringAsync($"/cases/{id}/report", Ct), StringComparison.Ordinal);
        await DoAsync(app, io, id, "report", new() { ["summary"] = "First draft: the officer's account is supported by the video." });

        // It waits for the supervisor: in their sign-off, not in the officer's decisions; finalising still refused.
        Assert.Equal([id], CasesIn(await supervisor.Http.GetStringAsync("/", Ct), "my-sign-off"));
        Assert.DoesNotContain(id, CasesIn(await io.Http.GetStringAsync("/", Ct), "my-awaiting-decision"));
        Assert.Contains("awaits its supervisor's sign-off", await RefusedAsync(app, io, id, "finalise", new() { ["date"] = today }), StringComparison.Ordinal);
        Assert.Contains("awaits", await RefusedAsync(app, io, id, "report", new() { ["summary"] = "a second go while the first is read" }), StringComparison.Ordinal);

        // A return needs comments; with them, the report goes back to the officer, in their "awaiting my decision".
        Assert.StartsWith("Comments:", await RefusedAsync(app, supervisor, id, "sign-off", new() { ["decision"] = "return", ["comments"] = " " }), StringComparison.Ordinal);
        await DoAsync(app, supervisor, id, "sign-off", new() { ["decision"] = "return", ["comments"] = "Deal with the custody record's timings." });
        Assert.Equal([id], CasesIn(await io.Http.GetStringAsync("/", Ct), "my-awaiting-decision"));
        Assert.Empty(CasesIn(await supervisor.Http.GetStringAsync("/", Ct), "my-sign-off"));
        var returned = WebUtility.HtmlDecode(await io.Http.GetStringAsync($"/cases/{id}/report", Ct));
        Assert.Equal("Deal with the custody record's timings.", SignedInClient.TestId(returned, "report-comments"));
        Assert.Contains("was returned with comments; revise and resubmit it", await RefusedAsync(app, io, id, "finalise", new() { ["date"] = today }), StringComparison.Ordinal);

        await DoAsync(app, io, id, "report", new() { ["summary"] = "Revised: the custody record's timings agree with the officer's account." });
        Assert.Equal([id], CasesIn(await supervisor.Http.GetStringAsync("/", Ct), "my-sign-off"));
        await DoAsync(app, supervisor, id, "sign-off", new() { ["decision"] = "approve" });
        Assert.Equal("Approved", SignedInClient.TestId(await io.Http.GetStringAsync($"/cases/{id}/report", Ct), "report-state"));
        Assert.Contains("approved", await RefusedAsync(app, io, id, "report", new() { ["summary"] = "once more" }), StringComparison.Ordinal);

        await DoAsync(app, io, id, "finalise", new() { ["date"] = today });
        var page = WebUtility.HtmlDecode(await io.Http.GetStringAsync($"/cases/{id}", Ct));
        Assert.Contains("data-testid=\"status\">Finalised", page, StringComparison.Ordinal);
        // Each step is on the timeline, with each submission's text and the comments kept.
        Assert.Contains($"Investigation report submitted to {people.Supervisor} for sign-off", page, StringComparison.Ordinal);
        Assert.Contains("Reason: First draft: the officer's account is supported by the video.", page, StringComparison.Ordinal);
        Assert.Contains($"Investigation report returned to {people.Io} with comments", page, StringComparison.Ordinal);
        Assert.Contains("Reason: Deal with the custody record's timings.", page, StringComparison.Ordinal);
        Assert.Contains($"Investigation report resubmitted to {people.Supervisor} for sign-off", page, StringComparison.Ordinal);
        Assert.Contains($"Investigation report by {people.Io} approved", page, StringComparison.Ordinal);

        // And on the audit trail, each by the person who took it, in order.
        var changes = (await app.TrailAsync()).Where(e => e.Target == "case:" + id && e.Action == "update" && e.Detail!.StartsWith("report_", StringComparison.Ordinal)
            || e.Target == "case:" + id && e.Action == "update" && e.Detail!.StartsWith("finalised", StringComparison.Ordinal))
            .Select(e => (e.Actor, e.Detail![..e.Detail!.IndexOf(':', StringComparison.Ordinal)])).ToList();
        Assert.Equal([(people.Io, "report_submitted"), (people.Supervisor, "report_returned"), (people.Io, "report_submitted"), (people.Supervisor, "report_approved"), (people.Io, "finalised")], changes);
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Nobody_signs_off_a_report_they_submitted_or_a_case_they_do_not_supervise_and_only_its_officer_submits_it(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        // An investigator as officer, so they can later be named supervisor of the same case.
        var people = await PeopleAsync(app, Roles.Investigator);
        var id = await InvestigatedCaseAsync(app, people);
        var io = await app.SignInAsync(people.Io);
        var supervisor = await app.SignInAsync(people.Supervisor);
        var investigator = await app.SignInAsync("investigator");

        Assert.StartsWith($"Only the case's investigating officer, {people.Io}, submits", await RefusedAsync(app, supervisor, id, "report", new() { ["summary"] = "written by the supervisor" }), StringComparison.Ordinal);
        Assert.StartsWith("Summary:", await RefusedAsync(app, io, id, "report", new() { ["summary"] = "  " }), StringComparison.Ordinal);
        await DoAsync(app, io, id, "report", new() { ["summary"] = "The officer's own account, submitted by them." });
        // Someone who may edit cases but is not this case's supervisor.
        Assert.StartsWith($"Only the case's supervisor, {people.Supervisor}, signs", await RefusedAsync(app, investigator, id, "sign-off", new() { ["decision"] = "approve" }), StringComparison.Ordinal);

        // Reassigned: the report's author is now the case's supervisor. They still may not approve, or return, their own report.
        await DoAsync(app, investigator, id, "assign", new() { ["investigator"] = "Chris Handler", ["supervisor"] = people.Io });
        var form = await io.Http.GetStringAsync($"/cases/{id}/sign-off", Ct);
        Assert.DoesNotContain("data-testid=\"sign-off-report\"", form, StringComparison.Ordinal);
        Assert.Contains("You submitted this report", SignedInClient.TestId(form, "report-who"), StringComparison.Ordinal);
        foreach (var decision in new[] { "approve", "return" })
            Assert.StartsWith("You submitted this report", await RefusedAsync(app, io, id, "sign-off", new() { ["decision"] = decision, ["comments"] = "looks fine to me" }), StringComparison.Ordinal);
        Assert.Equal("Submitted, awaiting the supervisor's sign-off", SignedInClient.TestId(await io.Http.GetStringAsync($"/cases/{id}/report", Ct), "report-state"));
        Assert.Contains((await app.TrailAsync()), e => e.Actor == people.Io && e.Action == "refused" && e.Target == "case:" + id
            && e.Detail!.StartsWith($"/cases/{id}/sign-off: You submitted this report", StringComparison.Ordinal));
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Oversight_and_analysts_only_read_and_a_subject_of_the_case_never_reaches_its_report(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var people = await PeopleAsync(app);
        const int subjectSkip = 12;
        var id = await InvestigatedCaseAsync(app, people, subjectSkip: subjectSkip);
        var io = await app.SignInAsync(people.Io);
        await DoAsync(app, io, id, "report", new() { ["summary"] = "Report the subject must never read." });

        // Read-only roles: the pages and the posts are refused by policy, and the API answers 403.
        foreach (var who in new[] { "analyst", "oversight" })
        {
            var client = await app.SignInAsync(who);
            foreach (var path in new[] { "report", "sign-off" })
            {
                var get = await client.Http.GetAsync($"/cases/{id}/{path}", Ct);
                Assert.True(get.StatusCode == HttpStatusCode.Redirect && get.Headers.Location!.PathAndQuery.StartsWith("/account/denied", StringComparison.Ordinal), $"{who} GET {path}: {(int)get.StatusCode}");
            }
            var post = await ApiAsync(client, $"/api/cases/{id}/report/decision", new { version = Guid.Empty, decision = "approve" });
            Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        }

        // A senior manager whose own staff record is the case's subject: the case, its report and its sign-off do not exist for them.
        var subjectUser = "rsubj-" + Guid.NewGuid().ToString("n")[..6];
        await app.AddUserAsync(subjectUser, Roles.SeniorManager);
        await using (var scope = app.SystemScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Probity.Identity.Contracts.ProbityUser>>();
            var user = (await users.FindByNameAsync(subjectUser))!;
            user.StaffId = await OfficerAsync(app, subjectSkip);
            Assert.True((await users.UpdateAsync(user)).Succeeded);
        }
        var subject = await app.SignInAsync(subjectUser);
        foreach (var path in new[] { "report", "sign-off" })
            Assert.Equal(HttpStatusCode.NotFound, (await subject.Http.GetAsync($"/cases/{id}/{path}", Ct)).StatusCode);
        var version = await CaseLifecycleTests.VersionAsync(app, "/cases/" + id);
        var posted = await subject.PostFormAsync($"/cases/{id}/sign-off", new() { ["version"] = version, ["decision"] = "approve" }, "/cases");
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ApiAsync(subject, $"/api/cases/{id}/report/decision", new { version = Guid.Parse(version), decision = "approve" })).StatusCode);
        var api = await subject.Http.GetAsync($"/api/cases/{id}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.DoesNotContain("Report the subject must never read", await api.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        await using (var scope = app.SystemScope())
            Assert.Equal("submitted", (await scope.ServiceProvider.GetRequiredService<ProbityDb>().CaseReports.SingleAsync(r => r.CaseId == id, Ct)).State);
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task The_api_answers_a_stale_version_with_409_and_a_refusal_with_422_never_500(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var people = await PeopleAsync(app);
        var id = await InvestigatedCaseAsync(app, people);
        var io = await app.SignInAsync(people.Io);
        var supervisor = await app.SignInAsync(people.Supervisor);
        var opened = Guid.Parse(await CaseLifecycleTests.VersionAsync(app, "/cases/" + id));

        var finalise = await ApiAsync(io, $"/api/cases/{id}/finalise", new { version = opened, finalisedOn = Iso(app.Time.Today()) });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, finalise.StatusCode);
        Assert.Contains("No investigation report has been submitted", (await finalise.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await ApiAsync(io, $"/api/cases/{id}/report", new { version = opened, summary = "Submitted through the API." })).StatusCode);
        // The supervisor's form was opened before the submission: a decision on that version is a conflict, not a 500.
        var stale = await ApiAsync(supervisor, $"/api/cases/{id}/report/decision", new { version = opened, decision = "approve" });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        // So is the same on the page: the form again with the reason, nothing changed.
        var page = await supervisor.PostFormAsync($"/cases/{id}/sign-off", new() { ["version"] = opened.ToString(), ["decision"] = "approve" }, $"/cases/{id}/sign-off");
        Assert.Equal(HttpStatusCode.Conflict, page.StatusCode);
        Assert.Contains("changed by someone else", SignedInClient.Alert(await page.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);

        var current = Guid.Parse(await CaseLifecycleTests.VersionAsync(app, "/cases/" + id));
        var nonsense = await ApiAsync(supervisor, $"/api/cases/{id}/report/decision", new { version = current, decision = "maybe" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, nonsense.StatusCode);
        var document = await ApiAsync(io, $"/api/cases/{id}/report", new { version = current, summary = "x", documentId = 999999999L });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, document.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await ApiAsync(supervisor, $"/api/cases/{id}/report/decision", new { version = current, decision = "approve" })).StatusCode);
        var view = await io.Http.GetFromJsonAsync<JsonElement>($"/api/cases/{id}", Ct);
        Assert.Equal("approved", view.GetProperty("report").GetProperty("state").GetString());
        Assert.Equal(people.Supervisor, view.GetProperty("report").GetProperty("decidedBy").GetString());
    }

    /// <summary>Issue 13 item 3 (part): a case recorded in error is withdrawn by a senior manager with a reason, and can be reinstated.</summary>
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_case_recorded_in_error_is_withdrawn_with_its_reason_by_a_senior_manager_leaves_caseloads_and_figures_and_can_be_reinstated(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var people = await PeopleAsync(app);
        var id = await InvestigatedCaseAsync(app, people, subjectSkip: 13);
        var io = await app.SignInAsync(people.Io);
        var senior = await app.SignInAsync("senior");
        async Task<bool> CountedAsync()
        {
            await using var scope = app.SystemScope();
            var facts = await Probity.Performance.Facts.PerformanceFacts.LoadAsync(scope.ServiceProvider.GetRequiredService<ProbityDb>(), app.Time, Ct);
            return facts.Cases.Any(c => c.Id == id);
        }
        Assert.Contains(id, CasesIn(await io.Http.GetStringAsync("/caseload", Ct), "investigating"));
        Assert.True(await CountedAsync());

        // Those who work cases but are not senior managers may not withdraw one.
        foreach (var who in new[] { "handler", "investigator" })
        {
            var denied = await (await app.SignInAsync(who)).Http.GetAsync($"/cases/{id}/recorded-in-error", Ct);
            Assert.True(denied.StatusCode == HttpStatusCode.Redirect && denied.Headers.Location!.PathAndQuery.StartsWith("/account/denied", StringComparison.Ordinal), $"{who}: {(int)denied.StatusCode}");
        }
        Assert.StartsWith("Reason:", await RefusedAsync(app, senior, id, "recorded-in-error", new() { ["action"] = "withdraw", ["reason"] = " " }), StringComparison.Ordinal);
        await DoAsync(app, senior, id, "recorded-in-error", new() { ["action"] = "withdraw", ["reason"] = "Duplicate of a complaint recorded the day before." });

        // Readable, with its reason; out of the caseload and the figures; no further step taken on it.
        var page = WebUtility.HtmlDecode(await io.Http.GetStringAsync($"/cases/{id}", Ct));
        Assert.Contains("Reason: Duplicate of a complaint recorded the day before.", SignedInClient.TestId(page, "recorded-in-error"), StringComparison.Ordinal);
        Assert.Contains("Case withdrawn as recorded in error", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"/cases/{id}/finalise\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain(id, CasesIn(await io.Http.GetStringAsync("/caseload", Ct), "investigating"));
        Assert.False(await CountedAsync());
        Assert.Contains("withdrawn as recorded in error", await RefusedAsync(app, io, id, "report", new() { ["summary"] = "a report on a case that never was" }), StringComparison.Ordinal);
        Assert.Contains("already withdrawn", await RefusedAsync(app, senior, id, "recorded-in-error", new() { ["action"] = "withdraw", ["reason"] = "again" }), StringComparison.Ordinal);

        // Reinstated with a reason: back in the caseload and the figures; both steps on the trail.
        await DoAsync(app, senior, id, "recorded-in-error", new() { ["action"] = "reinstate", ["reason"] = "The earlier complaint was a different incident." });
        Assert.Contains(id, CasesIn(await io.Http.GetStringAsync("/caseload", Ct), "investigating"));
        Assert.True(await CountedAsync());
        var trail = (await app.TrailAsync()).Where(e => e.Target == "case:" + id && e.Action == "update" && e.Actor == "senior").Select(e => e.Detail![..e.Detail!.IndexOf(':', StringComparison.Ordinal)]).ToList();
        Assert.Equal(["recorded_in_error", "reinstated"], trail);
    }
}
