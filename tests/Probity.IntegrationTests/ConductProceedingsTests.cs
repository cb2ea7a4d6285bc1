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

namespace Probity.IntegrationTests;

/// <summary>
/// Severity assessment, misconduct meetings and gross misconduct hearings, appeals to the Police Appeals Tribunal and the
/// 2020 reflective practice review process (issue 13 items 2 and 4, ADR 0023): the journeys through the pages and the API,
/// the refusals that name why, need-to-know (the officer heard never reaches their case), concurrency and the audit trail.
/// </summary>
public sealed class ConductProceedingsTests(Apps apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private sealed record Staffed(string Subject, string ChairName, string MemberName, string ChairId);

    /// <summary>A subject officer and two serving members of staff each the only one of their name (a panel is chosen by name).</summary>
    private static async Task<Staffed> StaffAsync(ProbityApp app, int skip)
    {
        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        var subject = await db.Staff.Where(s => s.StaffType == "officer" && s.LeftOn == null).OrderBy(s => s.Id).Skip(skip).Select(s => s.Id).FirstAsync(Ct);
        // Chosen as StaffChoice chooses (the whole name, or the end of one after a rank): names nobody else's matches.
        var names = await db.Staff.Select(s => s.DisplayName.ToLower()).ToListAsync(Ct);
        var counts = names.GroupBy(n => n).ToDictionary(g => g.Key, g => g.Count());
        var ends = names.SelectMany(n => Enumerable.Range(1, n.Length - 1).Where(i => n[i - 1] == ' ').Select(i => n[i..])).ToHashSet();
        // Serving staff only: a panel sits on its date, and nobody who has left the force by then may sit on it.
        var unique = (await db.Staff.Where(s => s.Id != subject && s.LeftOn == null).Select(s => s.DisplayName).ToListAsync(Ct))
            .Where(n => counts[n.ToLowerInvariant()] == 1 && !ends.Contains(n.ToLowerInvariant())).Order(StringComparer.Ordinal).Skip(skip).Take(2).ToList();
        var chairId = await db.Staff.Where(s => s.DisplayName == unique[0]).Select(s => s.Id).SingleAsync(Ct);
        return new Staffed(subject, unique[0], unique[1], chairId);
    }

    /// <summary>A case received <paramref name="received"/> about <paramref name="subject"/>, investigated locally, its allegation substantiated.</summary>
    private static async Task<string> SubstantiatedCaseAsync(ProbityApp app, SignedInClient investigator, string subject, DateOnly received)
    {
        var created = await investigator.PostFormAsync("/cases/new", new()
        {
            ["Input.CaseType"] = "conduct_matter", ["Input.Source"] = "internal", ["Input.ReceivedOn"] = Iso(received), ["Input.RecordedOn"] = Iso(received),
            ["Input.LocationUnitId"] = "bor-camden", ["Input.Summary"] = "Conduct: misuse of force systems", ["Input.Allegations[0].Category"] = "improper_use_of_it_systems",
            ["Input.Allegations[0].StaffId"] = subject,
        });
        Assert.True(created.StatusCode == HttpStatusCode.Redirect, SignedInClient.Alert(await created.Content.ReadAsStringAsync(Ct)));
        var id = created.Headers.Location!.ToString()["/cases/".Length..];
        await DoAsync(app, investigator, id, "route", new() { ["route"] = "local_investigation", ["date"] = Iso(received) });
        await DoAsync(app, investigator, id, "finding", new() { ["allegationId"] = id + "-A1", ["finding"] = "substantiated", ["date"] = Iso(received.AddDays(1)) });
        return id;
    }

    private static async Task<HttpResponseMessage> OperationAsync(ProbityApp app, SignedInClient client, string id, string operation, Dictionary<string, string> fields)
    {
        fields["version"] = await CaseLifecycleTests.VersionAsync(app, "/cases/" + id);
        var page = operation.Split('?')[0];
        return await client.PostFormAsync($"/cases/{id}/{operation}", fields, $"/cases/{id}/{page}");
    }

    private static async Task DoAsync(ProbityApp app, SignedInClient client, string id, string operation, Dictionary<string, string> fields)
    {
        var response = await OperationAsync(app, client, id, operation, fields);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{operation} on {id}: {SignedInClient.Alert(await response.Content.ReadAsStringAsync(Ct))}");
    }

    private static async Task<string> RefusedAsync(ProbityApp app, SignedInClient client, string id, string operation, Dictionary<string, string> fields)
    {
        var response = await OperationAsync(app, client, id, operation, fields);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        return WebUtility.HtmlDecode(SignedInClient.Alert(await response.Content.ReadAsStringAsync(Ct)));
    }

    private static Task<HttpResponseMessage> ApiAsync(SignedInClient client, string path, object body) => client.PostApiAsync(path, body, Ct);

    private static async Task<JsonElement> CaseAsync(SignedInClient client, string id) => await client.Http.GetFromJsonAsync<JsonElement>($"/api/cases/{id}", Ct);

    private static async Task<Guid> VersionAsync(SignedInClient client, string id) => (await CaseAsync(client, id)).GetProperty("version").GetGuid();

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_matter_is_assessed_reassessed_heard_with_a_panel_and_its_outcome_appealed_to_the_tribunal(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var investigator = await app.SignInAsync("investigator");
        var today = app.Time.Today();
        var staff = await StaffAsync(app, 21);
        var id = await SubstantiatedCaseAsync(app, investigator, staff.Subject, today.AddDays(-20));

        // Assessed as misconduct, then reassessed as gross misconduct: both kept, the latest in force, each on the timeline.
        Assert.StartsWith("rationale:", await RefusedAsync(app, investigator, id, "severity", new() { ["staffId"] = staff.Subject, ["severity"] = "misconduct", ["date"] = Iso(today.AddDays(-10)), ["rationale"] = " " }), StringComparison.Ordinal);
        await DoAsync(app, investigator, id, "severity", new() { ["staffId"] = staff.Subject, ["severity"] = "misconduct", ["date"] = Iso(today.AddDays(-10)), ["rationale"] = "Searches of a relative's record, no disclosure found." });
        Assert.Contains("already assessed as misconduct", await RefusedAsync(app, investigator, id, "severity",
            new() { ["staffId"] = staff.Subject, ["severity"] = "misconduct", ["date"] = Iso(today.AddDays(-9)), ["rationale"] = "again" }), StringComparison.Ordinal);
        await DoAsync(app, investigator, id, "severity", new() { ["staffId"] = staff.Subject, ["severity"] = "gross_misconduct", ["date"] = Iso(today.AddDays(-8)), ["rationale"] = "The searches were passed to a named criminal: disclosure." });
        var severities = (await CaseAsync(investigator, id)).GetProperty("severities").EnumerateArray().ToList();
        Assert.Equal(["misconduct", "gross_misconduct"], severities.Select(s => s.GetProperty("severity").GetString()));
        Assert.Equal([false, true], severities.Select(s => s.GetProperty("inForce").GetBoolean()));
        Assert.All(severities, s => Assert.Equal("investigator", s.GetProperty("assessedBy").GetString()));
        var page = WebUtility.HtmlDecode(await investigator.Http.GetStringAsync($"/cases/{id}", Ct));
        Assert.Contains("Severity reassessed", page, StringComparison.Ordinal);
        Assert.Contains("gross misconduct (was misconduct)", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"severity\"", page, StringComparison.Ordinal);

        // The wrong kind for the severity is refused naming why; a panel member nobody is called is refused naming the field.
        var wrongKind = await RefusedAsync(app, investigator, id, "hearing", new() { ["staffId"] = staff.Subject, ["kind"] = "misconduct_meeting", ["heldOn"] = Iso(today.AddDays(-5)), ["chair"] = staff.ChairName });
        Assert.Contains("a misconduct meeting hears misconduct, but the matter against", wrongKind, StringComparison.Ordinal);
        Assert.Contains("is heard at a gross misconduct hearing or accelerated hearing", wrongKind, StringComparison.Ordinal);
        Assert.StartsWith("panel member: no member of staff is called", await RefusedAsync(app, investigator, id, "hearing",
            new() { ["staffId"] = staff.Subject, ["kind"] = "gross_misconduct_hearing", ["heldOn"] = Iso(today.AddDays(-5)), ["chair"] = staff.ChairName, ["members"] = "Nobody Called This" }), StringComparison.Ordinal);

        // Arranged with its panel chosen by name; the case page names the panel.
        await DoAsync(app, investigator, id, "hearing", new() { ["staffId"] = staff.Subject, ["kind"] = "gross_misconduct_hearing", ["heldOn"] = Iso(today.AddDays(-5)), ["chair"] = staff.ChairName, ["members"] = staff.MemberName });
        var hearing = (await CaseAsync(investigator, id)).GetProperty("hearings").EnumerateArray().Single();
        var hearingId = hearing.GetProperty("id").GetString()!;
        Assert.Equal(id + "-H1", hearingId);
        Assert.Equal(staff.ChairId, hearing.GetProperty("panel")[0].GetProperty("staffId").GetString());
        Assert.Equal("chair", hearing.GetProperty("panel")[0].GetProperty("role").GetString());
        page = WebUtility.HtmlDecode(await investigator.Http.GetStringAsync($"/cases/{id}", Ct));
        Assert.Contains($"{staff.ChairName} (chair); {staff.MemberName}", page, StringComparison.Ordinal);

        // A meeting's outcome the hearing cannot give is refused; dismissal is recorded as the officer's outcome on the case.
        Assert.Contains("cannot give", await RefusedAsync(app, investigator, id, "hearing?handler=Outcome",
            new() { ["hearingId"] = hearingId, ["attendance"] = "attended_represented", ["outcome"] = "criminal_conviction", ["decidedOn"] = Iso(today.AddDays(-5)) }), StringComparison.Ordinal);
        await DoAsync(app, investigator, id, "hearing?handler=Outcome", new() { ["hearingId"] = hearingId, ["attendance"] = "attended_represented", ["outcome"] = "dismissal_without_notice", ["decidedOn"] = Iso(today.AddDays(-5)), ["reason"] = "Honesty and integrity breached." });
        var after = await CaseAsync(investigator, id);
        Assert.Equal(("dismissal_without_notice", staff.Subject), after.GetProperty("sanctions").EnumerateArray().Select(s => (s.GetProperty("outcome").GetString(), s.GetProperty("staffId").GetString())).Single());
        Assert.Equal("attended_represented", after.GetProperty("hearings")[0].GetProperty("attendance").GetString());
        // One way of recording an outcome: the outcome page now refuses the same outcome again, by the same rule.
        Assert.Contains("Dismissal without notice is already recorded", await RefusedAsync(app, investigator, id, "outcome",
            new() { ["staffId"] = staff.Subject, ["outcome"] = "dismissal_without_notice", ["date"] = Iso(today.AddDays(-4)) }), StringComparison.Ordinal);

        // The officer appeals to the Police Appeals Tribunal against that hearing's outcome (the API, as the page does).
        var lodged = await ApiAsync(investigator, $"/api/cases/{id}/appeals", new { version = await VersionAsync(investigator, id), type = "police_appeals_tribunal", lodgedOn = Iso(today.AddDays(-3)), hearingId });
        Assert.Equal(HttpStatusCode.Created, lodged.StatusCode);
        var appealId = (await lodged.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        var twice = await ApiAsync(investigator, $"/api/cases/{id}/appeals", new { version = await VersionAsync(investigator, id), type = "police_appeals_tribunal", lodgedOn = Iso(today.AddDays(-3)), hearingId });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, twice.StatusCode);
        Assert.Contains("already awaiting the tribunal", await twice.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, (await ApiAsync(investigator, $"/api/cases/{id}/appeals/{appealId}/decision", new { version = await VersionAsync(investigator, id), upheld = false, decidedOn = Iso(today.AddDays(-1)), reason = "The panel's finding was open to it." })).StatusCode);
        var appeal = (await CaseAsync(investigator, id)).GetProperty("appeals").EnumerateArray().Single();
        Assert.Equal((hearingId, staff.Subject, false), (appeal.GetProperty("hearingId").GetString(), appeal.GetProperty("staffId").GetString(), appeal.GetProperty("upheld").GetBoolean()));
        page = WebUtility.HtmlDecode(await investigator.Http.GetStringAsync($"/cases/{id}", Ct));
        Assert.Contains($"Appeal {appealId} not upheld (against the outcome of {hearingId}", page, StringComparison.Ordinal);

        // Every step is a change on the trail, in order, by who did it.
        var changes = (await app.TrailAsync()).Where(e => e.Target == "case:" + id && e.Action == "update" && e.Actor == "investigator")
            .Select(e => e.Detail![..e.Detail!.IndexOf(':', StringComparison.Ordinal)]).ToList();
        Assert.Equal(["severity_assessed", "severity_reassessed", "hearing_arranged", "hearing_outcome", "appeal_lodged", "appeal_decided"],
            changes.Where(k => k.StartsWith("severity", StringComparison.Ordinal) || k.StartsWith("hearing", StringComparison.Ordinal) || k.StartsWith("appeal", StringComparison.Ordinal)).ToList());
        Assert.Contains(await app.TrailAsync(), e => e.Actor == "investigator" && e.Action == "refused" && e.Target == "case:" + id && e.Detail!.Contains("misconduct meeting hears misconduct", StringComparison.Ordinal));
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Practice_requiring_improvement_goes_to_reflective_practice_and_misconduct_to_a_meeting(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var investigator = await app.SignInAsync("investigator");
        var today = app.Time.Today();
        var staff = await StaffAsync(app, 23);
        var id = await SubstantiatedCaseAsync(app, investigator, staff.Subject, today.AddDays(-20));
        var v = await VersionAsync(investigator, id);
        Assert.Equal(HttpStatusCode.NoContent, (await ApiAsync(investigator, $"/api/cases/{id}/severity", new { version = v, staffId = staff.Subject, severity = "practice_requiring_improvement", assessedOn = Iso(today.AddDays(-10)), rationale = "A first lapse in record keeping." })).StatusCode);

        // Not heard at a meeting: it goes to reflective practice, and the refusal says so.
        var meeting = await ApiAsync(investigator, $"/api/cases/{id}/hearings", new { version = await VersionAsync(investigator, id), staffId = staff.Subject, kind = "misconduct_meeting", heldOn = Iso(today), chair = staff.ChairName });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, meeting.StatusCode);
        Assert.Contains("reflective practice review process", await meeting.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        await DoAsync(app, investigator, id, "reflective-practice", new() { ["staffId"] = staff.Subject, ["date"] = Iso(today.AddDays(-9)) });
        var reviewId = id + "-R1";
        Assert.Contains("no reflection recorded yet", await RefusedAsync(app, investigator, id, "reflective-practice?handler=Complete", new() { ["reviewId"] = reviewId, ["date"] = Iso(today) }), StringComparison.Ordinal);
        await DoAsync(app, investigator, id, "reflective-practice?handler=Reflection", new() { ["reviewId"] = reviewId, ["reflection"] = "I will record each search's purpose at the time.", ["date"] = Iso(today.AddDays(-5)) });
        await DoAsync(app, investigator, id, "reflective-practice?handler=Complete", new() { ["reviewId"] = reviewId, ["date"] = Iso(today.AddDays(-2)), ["note"] = "Line manager satisfied." });
        var review = (await CaseAsync(investigator, id)).GetProperty("reflectivePractice").EnumerateArray().Single();
        Assert.Equal("I will record each search's purpose at the time.", review.GetProperty("reflection").GetString());
        Assert.Equal(Iso(today.AddDays(-2)), review.GetProperty("completedOn").GetString());
        var page = WebUtility.HtmlDecode(await investigator.Http.GetStringAsync($"/cases/{id}", Ct));
        Assert.Contains($"Reflective practice review {reviewId} completed", page, StringComparison.Ordinal);

        // Reassessed as misconduct: now a misconduct meeting, with a written warning, and no Police Appeals Tribunal appeal.
        Assert.Equal(HttpStatusCode.NoContent, (await ApiAsync(investigator, $"/api/cases/{id}/severity", new { version = await VersionAsync(investigator, id), staffId = staff.Subject, severity = "misconduct", assessedOn = Iso(today.AddDays(-2)), rationale = "A second lapse came to light." })).StatusCode);
        var arranged = await ApiAsync(investigator, $"/api/cases/{id}/hearings", new { version = await VersionAsync(investigator, id), staffId = staff.Subject, kind = "misconduct_meeting", heldOn = Iso(today.AddDays(-1)), chair = staff.ChairName, members = new[] { staff.MemberName } });
        Assert.Equal(HttpStatusCode.Created, arranged.StatusCode);
        var meetingId = (await arranged.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        var dismissal = await ApiAsync(investigator, $"/api/cases/{id}/hearings/{meetingId}/outcome", new { version = await VersionAsync(investigator, id), attendance = "attended", outcome = "dismissal_without_notice", decidedOn = Iso(today) });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, dismissal.StatusCode);
        Assert.Contains("a misconduct meeting cannot give", await dismissal.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, (await ApiAsync(investigator, $"/api/cases/{id}/hearings/{meetingId}/outcome", new { version = await VersionAsync(investigator, id), attendance = "attended", outcome = "written_warning", decidedOn = Iso(today) })).StatusCode);
        var pat = await ApiAsync(investigator, $"/api/cases/{id}/appeals", new { version = await VersionAsync(investigator, id), type = "police_appeals_tribunal", lodgedOn = Iso(today), hearingId = meetingId });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, pat.StatusCode);
        Assert.Contains("is not appealed to the Police Appeals Tribunal", await pat.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal("written_warning", (await CaseAsync(investigator, id)).GetProperty("sanctions")[0].GetProperty("outcome").GetString());
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task The_2008_regime_knows_no_practice_requiring_improvement_nor_reflective_practice(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var investigator = await app.SignInAsync("investigator");
        var staff = await StaffAsync(app, 25);
        var id = await SubstantiatedCaseAsync(app, investigator, staff.Subject, new DateOnly(2019, 6, 3));
        var pri = await ApiAsync(investigator, $"/api/cases/{id}/severity", new { version = await VersionAsync(investigator, id), staffId = staff.Subject, severity = "practice_requiring_improvement", assessedOn = "2019-07-01", rationale = "r" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, pri.StatusCode);
        Assert.Contains("is not a severity under the 2008 regime. Allowed: Misconduct, Gross misconduct", await pri.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, (await ApiAsync(investigator, $"/api/cases/{id}/severity", new { version = await VersionAsync(investigator, id), staffId = staff.Subject, severity = "misconduct", assessedOn = "2019-07-01", rationale = "r" })).StatusCode);
        var rprp = await ApiAsync(investigator, $"/api/cases/{id}/reflective-practice", new { version = await VersionAsync(investigator, id), staffId = staff.Subject, startedOn = "2019-07-02" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, rprp.StatusCode);
        Assert.Contains("under the 2008 regime, which has no reflective practice review process", await rprp.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("which has no reflective practice review process", WebUtility.HtmlDecode(await investigator.Http.GetStringAsync($"/cases/{id}/reflective-practice", Ct)), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Read_only_roles_stale_versions_bad_input_and_the_officer_heard_are_refused(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var investigator = await app.SignInAsync("investigator");
        var today = app.Time.Today();
        var staff = await StaffAsync(app, 27);
        var id = await SubstantiatedCaseAsync(app, investigator, staff.Subject, today.AddDays(-20));
        var stale = await VersionAsync(investigator, id);
        Assert.Equal(HttpStatusCode.NoContent, (await ApiAsync(investigator, $"/api/cases/{id}/severity", new { version = stale, staffId = staff.Subject, severity = "gross_misconduct", assessedOn = Iso(today.AddDays(-3)), rationale = "Disclosure to a criminal." })).StatusCode);

        // A second person's edit on the version they opened before: 409, nothing written.
        var conflict = await ApiAsync(investigator, $"/api/cases/{id}/hearings", new { version = stale, staffId = staff.Subject, kind = "gross_misconduct_hearing", heldOn = Iso(today), chair = staff.ChairName });
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Empty((await CaseAsync(investigator, id)).GetProperty("hearings").EnumerateArray());

        // Bad input: 422 naming the field; an officer who is not a subject of the case; the subject on their own panel.
        var bogus = await ApiAsync(investigator, $"/api/cases/{id}/severity", new { version = await VersionAsync(investigator, id), staffId = staff.Subject, severity = "bogus", assessedOn = Iso(today), rationale = "r" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bogus.StatusCode);
        Assert.Contains("severity: 'Bogus' is not a severity", await bogus.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var stranger = await ApiAsync(investigator, $"/api/cases/{id}/severity", new { version = await VersionAsync(investigator, id), staffId = staff.ChairId, severity = "misconduct", assessedOn = Iso(today), rationale = "r" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, stranger.StatusCode);
        Assert.Contains($"officer: no allegation in case {id} names {staff.ChairId}", await stranger.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var ownPanel = await ApiAsync(investigator, $"/api/cases/{id}/hearings", new { version = await VersionAsync(investigator, id), staffId = staff.Subject, kind = "gross_misconduct_hearing", heldOn = Iso(today), chair = staff.Subject });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, ownPanel.StatusCode);
        Assert.Contains("cannot sit on the panel", await ownPanel.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var future = await ApiAsync(investigator, $"/api/cases/{id}/severity", new { version = await VersionAsync(investigator, id), staffId = staff.Subject, severity = "misconduct", assessedOn = Iso(today.AddDays(3)), rationale = "r" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, future.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await ApiAsync(investigator, $"/api/cases/{id}/hearings", new { version = await VersionAsync(investigator, id), staffId = staff.Subject, kind = "accelerated_hearing", heldOn = Iso(today.AddDays(14)), chair = staff.ChairName })).StatusCode);

        // Read-only roles: the analyst reads the case but may not assess or open the forms; oversight does not see a live case.
        var analyst = await app.SignInAsync("analyst");
        Assert.Equal(HttpStatusCode.OK, (await analyst.Http.GetAsync($"/api/cases/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ApiAsync(analyst, $"/api/cases/{id}/severity", new { version = await VersionAsync(investigator, id), staffId = staff.Subject, severity = "misconduct", assessedOn = Iso(today), rationale = "r" })).StatusCode);
        foreach (var form in new[] { "severity", "hearing", "reflective-practice" })
        {
            var refused = await analyst.Http.GetAsync($"/cases/{id}/{form}", Ct);
            Assert.True(refused.StatusCode == HttpStatusCode.Redirect && refused.Headers.Location!.PathAndQuery.StartsWith("/account/denied", StringComparison.Ordinal), $"analyst GET {form}: {(int)refused.StatusCode}");
        }

        // The officer heard, with an account of their own (a case handler): their case, its hearing and its forms answer 404.
        var userName = $"heard-{Guid.NewGuid():N}"[..20];
        await using (var scope = app.SystemScope())
        {
            var user = await scope.ServiceProvider.GetRequiredService<DemoAccounts>().CreateAsync(userName, "Officer heard", Roles.CaseHandler, null, ProbityApp.Password);
            user.StaffId = staff.Subject;
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<ProbityUser>>().UpdateAsync(user)).Succeeded);
        }
        var heard = await app.SignInAsync(userName);
        foreach (var url in new[] { $"/cases/{id}", $"/api/cases/{id}", $"/cases/{id}/severity", $"/cases/{id}/hearing", $"/cases/{id}/reflective-practice", $"/cases/{id}/lodge-appeal" })
            Assert.Equal(HttpStatusCode.NotFound, (await heard.Http.GetAsync(url, Ct)).StatusCode);
        var probe = await ApiAsync(heard, $"/api/cases/{id}/hearings", new { version = await VersionAsync(investigator, id), staffId = staff.Subject, kind = "gross_misconduct_hearing", heldOn = Iso(today), chair = staff.ChairName });
        Assert.Equal(HttpStatusCode.NotFound, probe.StatusCode);
        Assert.Contains(await app.TrailAsync(), e => e.Actor == userName && e.Action == "not_found" && e.Target == "case:" + id);
        // Nor through the database directly, read as them: no severity or hearing about them, even by id.
        await using (var scope = app.SystemScope())
        {
            scope.ServiceProvider.GetRequiredService<ScopeOverride>().Scope = new Probity.Kernel.CaseAccessScope(userName, SeesEverything: false, OnlyFinalised: false, [userName], OwnStaffId: staff.Subject);
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            Assert.Empty(await db.SeverityAssessments.Where(s => s.CaseId == id).ToListAsync(Ct));
            Assert.Empty(await db.ConductHearings.Where(h => h.CaseId == id).ToListAsync(Ct));
        }
    }

    [Fact]
    public async Task The_demo_force_shows_a_working_conduct_side_with_hearings_panels_and_tribunal_appeals()
    {
        var app = await apps.GetAsync(Provider.Sqlite);
        string caseId, appealed;
        await using (var scope = app.SystemScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            var demo = await db.ConductHearings.Where(h => h.ArrangedBy == "demo force").ToListAsync(Ct);
            Assert.Contains(demo, h => h.Kind == "gross_misconduct_hearing" && h.Panel.Count == 3 && h.Panel[0].Role == "chair");
            Assert.Contains(demo, h => h.Kind == "misconduct_meeting" && h.Outcome != null);
            // Each demo outcome is an imported sanction of the same officer: nothing added a second.
            foreach (var h in demo) Assert.True(await db.Sanctions.AnyAsync(s => s.CaseId == h.CaseId && s.StaffId == h.StaffId && s.Outcome == h.Outcome, Ct), h.Id);
            Assert.Contains(await db.CaseEvents.Where(e => e.Actor == "demo force").Select(e => e.Kind).Distinct().ToListAsync(Ct), k => k == "severity_reassessed");
            appealed = await db.Appeals.Where(a => a.HearingId != null).OrderBy(a => a.Id).Select(a => a.CaseId).FirstAsync(Ct);
            caseId = demo.First(h => h.Kind == "gross_misconduct_hearing").CaseId;
        }
        var senior = await app.SignInAsync("senior");
        var page = WebUtility.HtmlDecode(await senior.Http.GetStringAsync($"/cases/{caseId}", Ct));
        Assert.Contains("data-testid=\"hearings\"", page, StringComparison.Ordinal);
        Assert.Contains("(chair)", page, StringComparison.Ordinal);
        Assert.Contains("Police Appeals Tribunal", WebUtility.HtmlDecode(await senior.Http.GetStringAsync($"/cases/{appealed}", Ct)), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_tribunal_that_allows_the_officers_appeal_puts_a_lesser_outcome_in_place_or_sets_it_aside_and_never_a_harsher_one(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var investigator = await app.SignInAsync("investigator");
        var today = app.Time.Today();

        // Two officers, each dismissed at a gross misconduct hearing and appealing to the tribunal.
        async Task<(string Case, string Subject, string Appeal)> DismissedAndAppealingAsync(int skip)
        {
            var staff = await StaffAsync(app, skip);
            var id = await SubstantiatedCaseAsync(app, investigator, staff.Subject, today.AddDays(-30));
            await DoAsync(app, investigator, id, "severity", new() { ["staffId"] = staff.Subject, ["severity"] = "gross_misconduct", ["date"] = Iso(today.AddDays(-25)), ["rationale"] = "Disclosure to a criminal associate." });
            await DoAsync(app, investigator, id, "hearing", new() { ["staffId"] = staff.Subject, ["kind"] = "gross_misconduct_hearing", ["heldOn"] = Iso(today.AddDays(-20)), ["chair"] = staff.ChairName, ["members"] = staff.MemberName });
            await DoAsync(app, investigator, id, "hearing?handler=Outcome", new() { ["hearingId"] = id + "-H1", ["attendance"] = "attended", ["outcome"] = "dismissal_without_notice", ["decidedOn"] = Iso(today.AddDays(-20)) });
            var lodged = await ApiAsync(investigator, $"/api/cases/{id}/appeals", new { version = await VersionAsync(investigator, id), type = "police_appeals_tribunal", lodgedOn = Iso(today.AddDays(-15)), hearingId = id + "-H1" });
            Assert.Equal(HttpStatusCode.Created, lodged.StatusCode);
            return (id, staff.Subject, (await lodged.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!);
        }
        IEnumerable<(string?, string?)> Sanctions(JsonElement c) => c.GetProperty("sanctions").EnumerateArray().Select(s => (s.GetProperty("staffId").GetString(), s.GetProperty("outcome").GetString()));

        var first = await DismissedAndAppealingAsync(29);
        Dictionary<string, string> Decision(string outcome, bool upheld = true) => new()
        {
            ["appealId"] = first.Appeal, ["upheld"] = upheld ? "true" : "false", ["date"] = Iso(today.AddDays(-5)), ["substitutedOutcome"] = outcome,
        };
        // Never harsher, nor the same, nor one a hearing cannot give, nor with an appeal it dismissed: each refused naming why, nothing changed.
        Assert.Contains("may only put a lesser outcome in place of dismissal without notice", await RefusedAsync(app, investigator, first.Case, "decide-appeal", Decision("dismissal_without_notice")), StringComparison.Ordinal);
        Assert.Contains("cannot give 'criminal conviction'", await RefusedAsync(app, investigator, first.Case, "decide-appeal", Decision("criminal_conviction")), StringComparison.Ordinal);
        Assert.Contains("an appeal that is not upheld leaves the hearing's outcome as it was", await RefusedAsync(app, investigator, first.Case, "decide-appeal", Decision("written_warning", upheld: false)), StringComparison.Ordinal);
        Assert.Equal([(first.Subject, "dismissal_without_notice")], Sanctions(await CaseAsync(investigator, first.Case)));

        // Allowed, with a final written warning in place of dismissal: the case's sanction for the officer follows; the hearing keeps what its panel gave.
        await DoAsync(app, investigator, first.Case, "decide-appeal", Decision("final_written_warning"));
        var decided = await CaseAsync(investigator, first.Case);
        Assert.Equal([(first.Subject, "final_written_warning")], Sanctions(decided));
        Assert.Equal("dismissal_without_notice", decided.GetProperty("hearings")[0].GetProperty("outcome").GetString());
        var appeal = decided.GetProperty("appeals").EnumerateArray().Single();
        Assert.Equal(("final_written_warning", true), (appeal.GetProperty("substitutedOutcome").GetString(), appeal.GetProperty("upheld").GetBoolean()));
        var page = WebUtility.HtmlDecode(await investigator.Http.GetStringAsync($"/cases/{first.Case}", Ct));
        Assert.Contains("Upheld: Final written warning substituted", page, StringComparison.Ordinal);
        Assert.Contains("final written warning substituted for dismissal without notice", page, StringComparison.Ordinal);
        var profile = WebUtility.HtmlDecode(await investigator.Http.GetStringAsync($"/officers/{first.Subject}", Ct));
        Assert.Contains($"Gross misconduct hearing, {today.AddDays(-20):d MMM yyyy}: dismissal without notice; appeal upheld: final written warning substituted", profile, StringComparison.Ordinal);

        // Allowed outright through the API: the dismissal is set aside and the officer has no outcome on the case.
        var second = await DismissedAndAppealingAsync(31);
        var notLesser = await ApiAsync(investigator, $"/api/cases/{second.Case}/appeals/{second.Appeal}/decision", new { version = await VersionAsync(investigator, second.Case), upheld = true, decidedOn = Iso(today.AddDays(-4)), substitutedOutcome = "dismissal_without_notice" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notLesser.StatusCode);
        Assert.Contains("substitutedOutcome", await notLesser.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, (await ApiAsync(investigator, $"/api/cases/{second.Case}/appeals/{second.Appeal}/decision", new { version = await VersionAsync(investigator, second.Case), upheld = true, decidedOn = Iso(today.AddDays(-4)) })).StatusCode);
        var setAside = await CaseAsync(investigator, second.Case);
        Assert.Empty(Sanctions(setAside));
        Assert.Equal(JsonValueKind.Null, setAside.GetProperty("appeals")[0].GetProperty("substitutedOutcome").ValueKind);
        Assert.Contains("Upheld: outcome set aside", WebUtility.HtmlDecode(await investigator.Http.GetStringAsync($"/cases/{second.Case}", Ct)), StringComparison.Ordinal);

        Assert.Contains(await app.TrailAsync(), e => e.Target == "case:" + second.Case && e.Action == "update" && e.Detail!.Contains("dismissal without notice is set aside", StringComparison.Ordinal));

        // A review of how the matter was dealt with carries no officer's outcome to put anything in place of.
        var review = await ApiAsync(investigator, $"/api/cases/{second.Case}/appeals", new { version = await VersionAsync(investigator, second.Case), type = "review", lodgedOn = Iso(today.AddDays(-3)) });
        Assert.Equal(HttpStatusCode.Created, review.StatusCode);
        var reviewId = (await review.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        var substitutedOnReview = await ApiAsync(investigator, $"/api/cases/{second.Case}/appeals/{reviewId}/decision", new { version = await VersionAsync(investigator, second.Case), upheld = true, decidedOn = Iso(today), substitutedOutcome = "written_warning" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, substitutedOnReview.StatusCode);
        Assert.Contains("only the Police Appeals Tribunal puts an outcome in place of a hearing's", await substitutedOnReview.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_hearing_to_come_is_in_the_caseload_of_who_investigates_and_supervises_and_on_the_officers_profile(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var investigator = await app.SignInAsync("investigator");
        var senior = await app.SignInAsync("senior");
        var today = app.Time.Today();
        var staff = await StaffAsync(app, 33);
        var id = await SubstantiatedCaseAsync(app, investigator, staff.Subject, today.AddDays(-30));
        await DoAsync(app, investigator, id, "assign", new() { ["investigator"] = "Sam Okafor", ["supervisor"] = "Helen Marsh" });
        await DoAsync(app, investigator, id, "severity", new() { ["staffId"] = staff.Subject, ["severity"] = "gross_misconduct", ["date"] = Iso(today.AddDays(-25)), ["rationale"] = "Disclosure to a criminal associate." });
        var heldOn = today.AddDays(10);
        await DoAsync(app, investigator, id, "hearing", new() { ["staffId"] = staff.Subject, ["kind"] = "accelerated_hearing", ["heldOn"] = Iso(heldOn), ["chair"] = staff.ChairName, ["members"] = staff.MemberName });
        string subjectName;
        await using (var scope = app.SystemScope())
            subjectName = await scope.ServiceProvider.GetRequiredService<ProbityDb>().Staff.Where(s => s.Id == staff.Subject).Select(s => s.DisplayName).SingleAsync(Ct);

        // In the investigator's caseload and on their home page, and in the supervisor's: by date, kind and the officer's name.
        foreach (var (reader, path) in new[] { (investigator, "/caseload"), (investigator, "/"), (senior, "/caseload") })
        {
            var html = WebUtility.HtmlDecode(await reader.Http.GetStringAsync(path, Ct));
            var table = html[html.IndexOf("data-testid=\"caseload-hearings\"", StringComparison.Ordinal)..];
            Assert.Contains($"<td>{heldOn:d MMM yyyy}</td>", table, StringComparison.Ordinal);
            Assert.Contains($"href=\"/cases/{id}/hearing\"", table, StringComparison.Ordinal);
            Assert.Contains($"<td>Accelerated hearing</td>", table, StringComparison.Ordinal);
            Assert.Contains($"<td>{subjectName}</td>", table, StringComparison.Ordinal);
        }
        Assert.Contains(await app.TrailAsync(), e => e.Actor == "senior" && e.Target == "caseload" && e.Detail!.Contains("hearings=", StringComparison.Ordinal) && !e.Detail.Contains("hearings=0", StringComparison.Ordinal));

        // On the officer's profile, beside the case: the hearing to come.
        var profile = WebUtility.HtmlDecode(await senior.Http.GetStringAsync($"/officers/{staff.Subject}", Ct));
        Assert.Contains($"Accelerated hearing, {heldOn:d MMM yyyy}: outcome not yet recorded", profile, StringComparison.Ordinal);
    }
}
