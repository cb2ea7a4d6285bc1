using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Probity.Cases.Contracts;
using Probity.Database;
using Probity.Identity.Contracts;
using Probity.Infrastructure.Time;

namespace Probity.IntegrationTests;

/// <summary>
/// Caseloads (issue 13, item 1): each case names an investigating officer and a supervisor; "My cases" leads the home
/// page of those who work cases, the supervisor sees their team's; a daily email digest reminds them. Need-to-know holds
/// throughout: a case restricted away from someone leaves their caseload and their email.
/// </summary>
public sealed partial class CaseloadTests(Apps apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string> OfficerAsync(ProbityApp app, int skip = 0)
    {
        await using var scope = app.SystemScope();
        return await scope.ServiceProvider.GetRequiredService<ProbityDb>().Staff.Where(s => s.StaffType == "officer" && s.LeftOn == null)
            .OrderBy(s => s.Id).Skip(skip).Select(s => s.Id).FirstAsync(Ct);
    }

    /// <summary>Records a case on the intake form (and decides its route unless null); returns its id.</summary>
    private static async Task<string> RecordAsync(ProbityApp app, SignedInClient client, DateOnly received, string? route, string summary, string? subject = null)
    {
        var created = await client.PostFormAsync("/cases/new", new()
        {
            ["Input.CaseType"] = "public_complaint", ["Input.Source"] = "public", ["Input.ReceivedOn"] = Iso(received), ["Input.RecordedOn"] = Iso(received),
            ["Input.LocationUnitId"] = "bor-camden", ["Input.Summary"] = summary, ["Input.Allegations[0].Category"] = "incivility",
            ["Input.Allegations[0].StaffId"] = subject ?? await OfficerAsync(app),
        });
        Assert.True(created.StatusCode == HttpStatusCode.Redirect, $"recording: {SignedInClient.Alert(await created.Content.ReadAsStringAsync(Ct))}");
        var url = created.Headers.Location!.ToString();
        if (route is not null) await DoAsync(app, client, url["/cases/".Length..], "route", new() { ["route"] = route, ["date"] = Iso(received) });
        return url["/cases/".Length..];
    }

    private static async Task DoAsync(ProbityApp app, SignedInClient client, string id, string operation, Dictionary<string, string> fields)
    {
        var response = await OperationAsync(app, client, id, operation, fields);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{operation} on {id}: {SignedInClient.Alert(await response.Content.ReadAsStringAsync(Ct))}");
    }

    private static async Task<HttpResponseMessage> OperationAsync(ProbityApp app, SignedInClient client, string id, string operation, Dictionary<string, string> fields)
    {
        fields["version"] = await CaseLifecycleTests.VersionAsync(app, "/cases/" + id);
        return await client.PostFormAsync($"/cases/{id}/{operation}", fields, $"/cases/{id}");
    }

    private static Task<HttpResponseMessage> AssignAsync(ProbityApp app, SignedInClient client, string id, string investigator, string? supervisor) =>
        OperationAsync(app, client, id, "assign", new() { ["investigator"] = investigator, ["supervisor"] = supervisor ?? "" });

    /// <summary>The received date that leaves a case on <paramref name="route"/> with at most <paramref name="left"/> working days to its due date today.</summary>
    private static DateOnly ReceivedWithDaysLeft(ProbityApp app, string route, int left)
    {
        var targets = app.Services.GetRequiredService<CaseTargets>();
        var today = app.Time.Today();
        for (var d = today; ; d = d.AddDays(-1))
        {
            var clock = CaseClock.Of(new Case { Id = "probe", CaseType = "public_complaint", ReceivedOn = d, RecordedOn = d, HandlingRoute = route }, targets, today)!;
            if (clock.WorkingDaysLeft <= left) return d;
        }
    }

    private static async Task<Case> StoredAsync(ProbityApp app, string id)
    {
        await using var scope = app.SystemScope();
        return await scope.ServiceProvider.GetRequiredService<ProbityDb>().Cases.AsNoTracking().SingleAsync(c => c.Id == id, Ct);
    }

    /// <summary>A new person (display name = user name) with an email address and, optionally, a staff record of their own.</summary>
    private static async Task AddPersonAsync(ProbityApp app, string userName, string role, string? email = null, string? staffId = null)
    {
        await app.AddUserAsync(userName, role);
        if (email is null && staffId is null) return;
        await using var scope = app.SystemScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ProbityUser>>();
        var user = (await users.FindByNameAsync(userName))!;
        user.Email = email;
        user.StaffId = staffId;
        Assert.True((await users.UpdateAsync(user)).Succeeded);
    }

    /// <summary>The case references in the table marked <paramref name="testId"/>, in the order shown.</summary>
    private static List<string> CasesIn(string html, string testId)
    {
        var table = Regex.Match(html, $"<table data-testid=\"{Regex.Escape(testId)}\">(.*?)</table>", RegexOptions.Singleline);
        return table.Success ? CaseLink().Matches(table.Groups[1].Value).Select(m => m.Groups[1].Value).ToList() : [];
    }

    [GeneratedRegex("<a href=\"/cases/([^\"/]+)\">")]
    private static partial Regex CaseLink();

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Naming_the_investigating_officer_and_supervisor_is_audited_on_the_timeline_by_name_and_refused_to_those_who_may_not_edit(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var investigator = await app.SignInAsync("investigator");
        var id = await RecordAsync(app, investigator, app.Time.Today().AddDays(-10), "local_investigation", "Caseload: naming");

        var form = await investigator.Http.GetStringAsync($"/cases/{id}/assign", Ct);
        Assert.Contains("data-testid=\"assign\"", form, StringComparison.Ordinal);
        Assert.Contains("<option value=\"Chris Handler (case handler, CST)\">", form, StringComparison.Ordinal);
        Assert.Contains($"href=\"/cases/{id}/assign\"", await investigator.Http.GetStringAsync($"/cases/{id}", Ct), StringComparison.Ordinal);
        var openedOn = await CaseLifecycleTests.VersionAsync(app, "/cases/" + id);

        var named = await AssignAsync(app, investigator, id, "Chris Handler", "Helen Marsh");
        Assert.True(named.StatusCode == HttpStatusCode.Redirect, SignedInClient.Alert(await named.Content.ReadAsStringAsync(Ct)));
        var page = await investigator.Http.GetStringAsync($"/cases/{id}", Ct);
        Assert.Equal("Chris Handler (case handler, CST)", SignedInClient.TestId(page, "investigating-officer"));
        Assert.Equal("Helen Marsh (DPS senior manager)", SignedInClient.TestId(page, "supervisor"));
        Assert.Contains("Investigating officer: Chris Handler (case handler, CST); Supervisor: Helen Marsh (DPS senior manager)", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        var stored = await StoredAsync(app, id);
        Assert.Equal(("handler", "senior"), (stored.InvestigatingOfficer, stored.Supervisor));
        Assert.Contains(await app.TrailAsync(), e => e.Actor == "investigator" && e.Action == "update" && e.Target == "case:" + id
            && e.Detail == "assigned: Investigating officer: Chris Handler (case handler, CST); Supervisor: Helen Marsh (DPS senior manager)");

        // A form opened before that change is refused, not applied over it.
        var stale = await investigator.PostFormAsync($"/cases/{id}/assign", new() { ["version"] = openedOn, ["investigator"] = "Sam Okafor", ["supervisor"] = "Helen Marsh" }, $"/cases/{id}");
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("changed by someone else", SignedInClient.Alert(await stale.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.Equal("handler", (await StoredAsync(app, id)).InvestigatingOfficer);

        // A change says who it was and who it is now.
        var changed = await AssignAsync(app, investigator, id, "Sam Okafor", "Helen Marsh");
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Contains("Investigating officer changed from Chris Handler (case handler, CST) to Sam Okafor (DPS investigator)",
            WebUtility.HtmlDecode(await investigator.Http.GetStringAsync($"/cases/{id}", Ct)), StringComparison.Ordinal);

        // Those who read but may not change cases get neither the page nor the change.
        foreach (var who in new[] { "analyst", "oversight" })
        {
            var client = await app.SignInAsync(who);
            var refused = await client.Http.GetAsync($"/cases/{id}/assign", Ct);
            Assert.True(refused.StatusCode == HttpStatusCode.Redirect && refused.Headers.Location!.PathAndQuery.StartsWith("/account/denied", StringComparison.Ordinal), $"{who} GET: {refused.StatusCode}");
            var posted = await client.PostFormAsync($"/cases/{id}/assign",
                new() { ["version"] = await CaseLifecycleTests.VersionAsync(app, "/cases/" + id), ["investigator"] = "Priya Shah", ["supervisor"] = "" }, "/");
            Assert.True(posted.StatusCode == HttpStatusCode.Redirect && posted.Headers.Location!.PathAndQuery.StartsWith("/account/denied", StringComparison.Ordinal), $"{who} POST: {posted.StatusCode}");
        }
        Assert.Equal("investigator", (await StoredAsync(app, id)).InvestigatingOfficer);
    }

    [Fact]
    public async Task Nobody_is_named_to_investigate_or_supervise_a_case_about_themselves_nor_a_restricted_case_they_may_not_read()
    {
        await using var app = await Apps.CreateAsync(Provider.Sqlite);
        var subjectStaff = await OfficerAsync(app, skip: 3);
        // A DPS investigator who is also the officer complained about (a friend in the directorate would be no better).
        await AddPersonAsync(app, "dps-subject", Roles.Investigator, staffId: subjectStaff);
        var investigator = await app.SignInAsync("investigator");
        var id = await RecordAsync(app, investigator, app.Time.Today().AddDays(-5), "local_investigation", "Caseload: about one of us", subject: subjectStaff);

        var form = await investigator.Http.GetStringAsync($"/cases/{id}/assign", Ct);
        Assert.DoesNotContain("dps-subject", form, StringComparison.Ordinal);
        foreach (var (io, supervisor) in new[] { ("dps-subject", "Helen Marsh"), ("Chris Handler", "dps-subject"), ("Chris Handler", subjectStaff) })
        {
            var refused = await AssignAsync(app, investigator, id, io, supervisor);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Contains("no one called", SignedInClient.Alert(await refused.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        }
        var same = await AssignAsync(app, investigator, id, "Sam Okafor", "Sam Okafor");
        Assert.Contains("different person", SignedInClient.Alert(await same.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);

        // Restricted to the senior manager (and the investigator who restricted it): the case handler cannot be named on it.
        await DoAsync(app, investigator, id, "restrict", new() { ["principals"] = "Helen Marsh", ["reason"] = "Need to know" });
        Assert.DoesNotContain("Chris Handler", await investigator.Http.GetStringAsync($"/cases/{id}/assign", Ct), StringComparison.Ordinal);
        var outside = await AssignAsync(app, investigator, id, "Chris Handler", "Helen Marsh");
        Assert.Contains("among those it is restricted to", SignedInClient.Alert(await outside.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.Null((await StoredAsync(app, id)).InvestigatingOfficer);
        await DoAsync(app, investigator, id, "assign", new() { ["investigator"] = "Sam Okafor", ["supervisor"] = "Helen Marsh" });
        Assert.Equal(("investigator", "senior"), ((await StoredAsync(app, id)).InvestigatingOfficer, (await StoredAsync(app, id)).Supervisor));
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task My_cases_shows_overdue_most_overdue_first_due_soon_and_awaiting_decision_and_the_supervisor_sees_the_team_by_officer(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var suffix = Guid.NewGuid().ToString("n")[..6];
        string io = "io-" + suffix, other = "io2-" + suffix, supervisor = "sup-" + suffix;
        await AddPersonAsync(app, io, Roles.CaseHandler);
        await AddPersonAsync(app, other, Roles.Investigator);
        await AddPersonAsync(app, supervisor, Roles.SeniorManager);
        var investigator = await app.SignInAsync("investigator");
        var today = app.Time.Today();
        const string route = "local_investigation";

        var longOverdue = await RecordAsync(app, investigator, today.AddDays(-400), route, "Caseload: long overdue");
        var overdue = await RecordAsync(app, investigator, today.AddDays(-200), route, "Caseload: overdue");
        var dueSoon = await RecordAsync(app, investigator, ReceivedWithDaysLeft(app, route, 5), route, "Caseload: due soon");
        var notYet = await RecordAsync(app, investigator, ReceivedWithDaysLeft(app, route, 30), route, "Caseload: not yet due");
        var undecided = await RecordAsync(app, investigator, today.AddDays(-3), null, "Caseload: awaiting decision");
        var othersCase = await RecordAsync(app, investigator, today.AddDays(-300), route, "Caseload: the other officer's");
        var done = await RecordAsync(app, investigator, today.AddDays(-20), route, "Caseload: investigated");
        await DoAsync(app, investigator, done, "finding", new() { ["allegationId"] = done + "-A1", ["finding"] = "not_substantiated", ["date"] = Iso(today) });
        // Named in an order unlike the due dates, so the order shown is the page's own.
        foreach (var id in new[] { notYet, overdue, undecided, dueSoon, longOverdue, done })
            await DoAsync(app, investigator, id, "assign", new() { ["investigator"] = io, ["supervisor"] = supervisor });
        await DoAsync(app, investigator, othersCase, "assign", new() { ["investigator"] = other, ["supervisor"] = supervisor });
        // The investigated case's report goes to the supervisor (ADR 0022): that, not the findings, puts it in their sign-off.
        var ioClient = await app.SignInAsync(io);
        await DoAsync(app, ioClient, done, "report", new() { ["summary"] = "Investigated: no case to answer." });

        var home = await ioClient.Http.GetStringAsync("/", Ct);
        Assert.Equal([longOverdue, overdue], CasesIn(home, "my-overdue"));
        Assert.Equal([dueSoon], CasesIn(home, "my-due-soon"));
        Assert.Equal([undecided], CasesIn(home, "my-awaiting-decision"));
        Assert.DoesNotContain("data-testid=\"team-caseload\"", home, StringComparison.Ordinal);
        Assert.Contains("within 10 working days", home, StringComparison.Ordinal);

        var supervising = await app.SignInAsync(supervisor);
        var supHome = await supervising.Http.GetStringAsync("/", Ct);
        Assert.Equal([done], CasesIn(supHome, "my-sign-off"));
        var team = Regex.Match(supHome, "<table data-testid=\"team-by-investigator\">(.*?)</table>", RegexOptions.Singleline).Groups[1].Value;
        var rows = Regex.Matches(team, "<tr><td><a href=\"/caseload#team-\\d+\">([^<]+)</a></td><td>(\\d+)</td><td>(\\d+)</td></tr>")
            .Select(m => (m.Groups[1].Value, int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Assert.Equal([(io, 6, 2), (other, 1, 1)], rows);
        var caseload = await supervising.Http.GetStringAsync("/caseload", Ct);
        var teamZero = CasesIn(caseload, "team-0");
        Assert.Equal([longOverdue, overdue, dueSoon], teamZero.Take(3));
        Assert.Equal(new[] { longOverdue, overdue, dueSoon, notYet, undecided, done }.Order(StringComparer.Ordinal), teamZero.Order(StringComparer.Ordinal));
        Assert.Equal([othersCase], CasesIn(caseload, "team-1"));
        Assert.Contains(await app.TrailAsync(), e => e.Actor == supervisor && e.Action == "view" && e.Target == "caseload" && e.Detail!.Contains("supervising=7", StringComparison.Ordinal));
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task The_digest_emails_each_person_their_reminders_over_SMTP_with_references_dates_and_states_only_and_never_a_case_they_may_not_read(Provider provider)
    {
        await using var relay = new SmtpListener();
        var settings = new Dictionary<string, string?>(relay.Settings) { ["Probity:Caseloads:DigestHour"] = "3" };
        await using var app = await Apps.CreateAsync(provider, settings: settings);
        await AddPersonAsync(app, "io", Roles.CaseHandler, email: "io@dps.example");
        await AddPersonAsync(app, "sup", Roles.SeniorManager, email: "sup@dps.example");
        await AddPersonAsync(app, "quiet", Roles.Investigator, email: "quiet@dps.example");
        var investigator = await app.SignInAsync("investigator");
        var today = app.Time.Today();
        var subject = await OfficerAsync(app, skip: 5);
        string subjectName;
        await using (var scope = app.SystemScope())
            subjectName = await scope.ServiceProvider.GetRequiredService<ProbityDb>().Staff.Where(s => s.Id == subject).Select(s => s.DisplayName).SingleAsync(Ct);
        const string marker = "DIGESTMARKER";

        var kept = await RecordAsync(app, investigator, today.AddDays(-300), "local_investigation", marker + " kept: officer said to have sold information", subject);
        var lost = await RecordAsync(app, investigator, today.AddDays(-250), "local_investigation", marker + " lost", subject);
        var opened = await RecordAsync(app, investigator, today.AddDays(-200), "local_investigation", marker + " opened", subject);
        await DoAsync(app, investigator, kept, "assign", new() { ["investigator"] = "io", ["supervisor"] = "sup" });
        await DoAsync(app, investigator, lost, "assign", new() { ["investigator"] = "io", ["supervisor"] = "sup" });
        // Restricted after they were named, to others: both lose it. Restricted to them first, then named: both keep it.
        await DoAsync(app, investigator, lost, "restrict", new() { ["principals"] = "Helen Marsh", ["reason"] = "Need to know" });
        await DoAsync(app, investigator, opened, "restrict", new() { ["principals"] = "io, sup", ["reason"] = "Need to know" });
        await DoAsync(app, investigator, opened, "assign", new() { ["investigator"] = "io", ["supervisor"] = "sup" });

        var sent = await app.Services.GetRequiredService<Probity.Cases.MyCases.CaseloadDigest>().SendAllAsync(Ct);
        Assert.Equal(2, sent); // "quiet" is named on nothing; the demo's people have no email address
        var mail = relay.Drain().ToDictionary(m => m.To.Single(), m => m.Message);
        Assert.Equal(["io@dps.example", "sup@dps.example"], mail.Keys.Order(StringComparer.Ordinal));
        var toIo = mail["io@dps.example"];
        Assert.Equal("probity@dps.example", toIo.From.Mailboxes.Single().Address);
        Assert.StartsWith("Probity: your cases on ", toIo.Subject, StringComparison.Ordinal);
        Assert.Contains("2 overdue", toIo.Subject, StringComparison.Ordinal);
        var text = toIo.TextBody ?? "";
        Assert.Contains($"  {kept}  due ", text, StringComparison.Ordinal);
        Assert.Contains($"  {opened}  due ", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf(kept, StringComparison.Ordinal) < text.IndexOf(opened, StringComparison.Ordinal), "most overdue first");
        Assert.Contains("Being handled", text, StringComparison.Ordinal);
        foreach (var m in mail.Values)
        {
            var all = m.Subject + (m.TextBody ?? "");
            foreach (var secret in new[] { lost, marker, subject, subjectName, "incivility", "sold information" })
                Assert.DoesNotContain(secret, all, StringComparison.Ordinal);
        }
        Assert.Contains(opened, mail["sup@dps.example"].TextBody, StringComparison.Ordinal);
        // Each digest is read as its recipient, on the trail under their name.
        var trail = await app.TrailAsync();
        Assert.Contains(trail, e => e.Actor == "io" && e.Action == "digest" && e.Target == "caseload" && e.Detail!.Contains("overdue=2", StringComparison.Ordinal));

        // The home page and the command line agree with the email.
        var ioHome = await (await app.SignInAsync("io")).Http.GetStringAsync("/", Ct);
        Assert.Equal([kept, opened], CasesIn(ioHome, "my-overdue"));
        Assert.DoesNotContain(lost, ioHome, StringComparison.Ordinal);
        var (exit, output) = await app.RunCliAsync("io", "digest");
        Assert.True(exit == 0, output);
        Assert.Contains(kept, output, StringComparison.Ordinal);
        Assert.DoesNotContain(lost, output, StringComparison.Ordinal);
        var (anonymousExit, anonymous) = await app.RunCliAsync(null, "digest");
        Assert.True(anonymousExit == 2 && anonymous.Contains("--as", StringComparison.Ordinal), anonymous);
    }

    [Fact]
    public async Task A_mailbox_the_relay_refuses_does_not_stop_the_others_digests_and_is_named()
    {
        await using var relay = new SmtpListener(refuse: ["gone@dps.example"]);
        await using var app = await Apps.CreateAsync(Provider.Sqlite, settings: new Dictionary<string, string?>(relay.Settings));
        // "aaa" sorts first, so their refused message is the first one the connection sends.
        await AddPersonAsync(app, "aaa", Roles.CaseHandler, email: "gone@dps.example");
        await AddPersonAsync(app, "io", Roles.CaseHandler, email: "io@dps.example");
        var investigator = await app.SignInAsync("investigator");
        var first = await RecordAsync(app, investigator, app.Time.Today().AddDays(-300), "local_investigation", "Refused mailbox");
        var second = await RecordAsync(app, investigator, app.Time.Today().AddDays(-300), "local_investigation", "Delivered mailbox");
        await DoAsync(app, investigator, first, "assign", new() { ["investigator"] = "aaa", ["supervisor"] = "" });
        await DoAsync(app, investigator, second, "assign", new() { ["investigator"] = "io", ["supervisor"] = "" });

        var refused = await Assert.ThrowsAsync<Probity.Infrastructure.Mail.SmtpRecipientsRefusedException>(
            () => app.Services.GetRequiredService<Probity.Cases.MyCases.CaseloadDigest>().SendAllAsync(Ct));
        Assert.Equal(["gone@dps.example"], refused.Recipients);
        var delivered = relay.Drain();
        Assert.Equal(["io@dps.example"], delivered.Single().To);
        Assert.Contains(second, delivered.Single().Message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(first, delivered.Single().Message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_daily_digest_goes_once_in_its_hour_where_mail_is_configured()
    {
        await using var relay = new SmtpListener();
        var start = new DateTimeOffset(TimeProvider.System.GetUtcNow().Date, TimeSpan.Zero).AddHours(6).AddMinutes(55);
        var clock = new FakeTimeProvider(start);
        clock.SetLocalTimeZone(TimeZoneInfo.Utc);
        var settings = new Dictionary<string, string?>(relay.Settings) { ["Probity:Caseloads:DigestHour"] = "7" };
        await using var app = await Apps.CreateAsync(Provider.Sqlite, settings: settings, services: s => s.AddSingleton<TimeProvider>(clock));
        await AddPersonAsync(app, "io", Roles.CaseHandler, email: "io@dps.example");
        var investigator = await app.SignInAsync("investigator");
        var id = await RecordAsync(app, investigator, app.Time.Today().AddDays(-300), "local_investigation", "Daily digest");
        await DoAsync(app, investigator, id, "assign", new() { ["investigator"] = "io", ["supervisor"] = "" });
        var daily = app.Services.GetRequiredService<Probity.Cases.MyCases.DailyDigest>();
        Assert.False(await daily.RunOnceAsync(Ct)); // 06:55: not yet

        clock.Advance(TimeSpan.FromMinutes(10)); // 07:05: the background job's next tick sends it
        var message = await relay.NextAsync(Ct);
        Assert.Equal(["io@dps.example"], message.To);
        Assert.Contains(id, message.Message.TextBody, StringComparison.Ordinal);
        Assert.False(await daily.RunOnceAsync(Ct)); // once a day
        Assert.Empty(relay.Drain());
    }
}
