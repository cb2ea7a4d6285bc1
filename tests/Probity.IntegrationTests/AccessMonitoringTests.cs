using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probity.AccessMonitoring.Alerts;
using Probity.AccessMonitoring.EventStore;
using Probity.Database;

namespace Probity.IntegrationTests;

/// <summary>
/// Information-misuse monitoring through the real host: who may see and do what, the alert workflow, who accessed
/// a person, leaks, probity samples, and the HTTP ingest of audit logs. The demo's simulated audit log (10 days to
/// 31 Dec 2010, 300 staff) gives every rule some alerts; each test works on alerts of its own rule.
/// </summary>
public sealed partial class AccessMonitoringTests(Apps apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Window = "from=2010-12-01&to=2010-12-31";

    private static async Task<string> OpenAlertAsync(ProbityApp app, string rule)
    {
        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        return await db.MisuseAlerts.Where(a => a.Rule == rule && a.Status == AlertStatus.Open).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync(Ct);
    }

    private static async Task<MisuseAlert> AlertAsync(ProbityApp app, string id)
    {
        await using var scope = app.SystemScope();
        return await scope.ServiceProvider.GetRequiredService<ProbityDb>().MisuseAlerts.AsNoTracking().SingleAsync(a => a.Id == id, Ct);
    }

    private static async Task<string> VersionAsync(SignedInClient client, string url)
    {
        var match = VersionField().Match(await client.Http.GetStringAsync(url, Ct));
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException($"No version field on {url}");
    }

    private static string? Message(string page, string testId) =>
        Regex.Match(page, $"data-testid=\"{testId}\"[^>]*>([^<]*)<") is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    private static async Task AssertDeniedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        await Task.CompletedTask;
    }

    // ---- who may see and do what ----

    [Theory]
    [InlineData("investigator", true)]
    [InlineData("analyst", true)]
    [InlineData("senior", true)]
    [InlineData("handler", false)]
    [InlineData("oversight", false)]
    [InlineData("admin", false)]
    public async Task Each_monitoring_page_is_for_investigators_analysts_and_senior_managers_only(string user, bool reads)
    {
        var app = await apps.GetAsync(Provider.Sqlite);
        string alert, sample = "PS-ROLE-TEST";
        await using (var scope = app.SystemScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            alert = await db.MisuseAlerts.OrderBy(a => a.Id).Select(a => a.Id).FirstAsync(Ct);
            if (!await db.ProbitySamples.AnyAsync(s => s.Id == sample, Ct))
            {
                db.ProbitySamples.Add(new ProbitySample
                {
                    Id = sample, From = new(2010, 12, 25), To = new(2010, 12, 31), PerUser = 1, Seed = 1, Scope = "staff s000001", DrawnBy = "test", DrawnAt = DateTimeOffset.UnixEpoch,
                    Items = [new ProbitySampleItem { SampleId = sample, StaffId = "s000001", EventTime = new(2010, 12, 30, 10, 0, 0, TimeSpan.Zero), System = "cris", Action = "view" }],
                });
                scope.ServiceProvider.GetRequiredService<Probity.AuditTrail.Contracts.Audit>().Change("create", $"probity_sample/{sample}", "arranged by the test");
                await db.SaveChangesAsync(Ct);
            }
        }
        var client = await app.SignInAsync(user);
        foreach (var url in new[] { "/monitoring", "/monitoring/alerts", $"/monitoring/alerts/{alert}", $"/monitoring/who-accessed?subject=P00000001&{Window}", "/monitoring/leaks", "/monitoring/sampling", $"/monitoring/sampling/{sample}" })
        {
            var response = await client.Http.GetAsync(url, Ct);
            if (reads) Assert.True(response.StatusCode == HttpStatusCode.OK, $"{user} should read {url}, got {response.StatusCode}");
            else await AssertDeniedAsync(response);
        }
        Assert.Equal(reads, (await client.Http.GetStringAsync("/", Ct)).Contains("href=\"/monitoring\"", StringComparison.Ordinal)); // the menu shows it only to readers
    }

    [Theory]
    [InlineData("analyst")]
    [InlineData("handler")]
    [InlineData("oversight")]
    [InlineData("admin")]
    public async Task Only_investigators_and_senior_managers_decide_alerts_record_leaks_and_draw_or_answer_samples(string user)
    {
        var app = await apps.GetAsync(Provider.Sqlite);
        var alertId = await OpenAlertAsync(app, "volume_spike");
        var alert = await AlertAsync(app, alertId);
        ProbitySampleItem item;
        await using (var scope = app.SystemScope())
            item = await scope.ServiceProvider.GetRequiredService<ProbityDb>().ProbitySampleItems.AsNoTracking().OrderBy(i => i.Id).FirstOrDefaultAsync(Ct)
                ?? new ProbitySampleItem { SampleId = "none", StaffId = "s", System = "x", Action = "view" };
        var client = await app.SignInAsync(user);
        var url = $"/monitoring/alerts/{alertId}";
        // The token comes from the layout's sign-out form, which every signed-in page has.
        await AssertDeniedAsync(await client.PostFormAsync(url + "?handler=Assign", new() { ["version"] = alert.Version.ToString(), ["assignedTo"] = "Someone" }, "/"));
        await AssertDeniedAsync(await client.PostFormAsync(url + "?handler=Dismiss", new() { ["version"] = alert.Version.ToString(), ["reason"] = "other", ["note"] = "n" }, "/"));
        await AssertDeniedAsync(await client.PostFormAsync(url + "?handler=RaiseCase", new() { ["version"] = alert.Version.ToString() }, "/"));
        await AssertDeniedAsync(await client.PostFormAsync(url + "?handler=RaiseIntelligence", new() { ["version"] = alert.Version.ToString(), ["category"] = "ii", ["rationale"] = "A rationale long enough to pass.", ["reviewOn"] = "2099-01-01" }, "/"));
        await AssertDeniedAsync(await client.PostFormAsync("/monitoring/leaks", new() { ["Input.Id"] = "LEAK-DENIED-" + user, ["Input.RecordId"] = "CR1", ["Input.LeakedAt"] = "2010-12-30T10:00", ["Input.Description"] = "x" }, "/"));
        await AssertDeniedAsync(await client.PostFormAsync("/monitoring/sampling", new() { ["Input.From"] = "2010-12-25", ["Input.To"] = "2010-12-31", ["Input.PerUser"] = "1", ["Input.StaffIds"] = "s000001" }, "/"));
        await AssertDeniedAsync(await client.PostFormAsync($"/monitoring/sampling/{item.SampleId}?handler=Answer", new() { ["itemId"] = item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["version"] = item.Version.ToString(), ["answer"] = "cannot_say", ["supervisor"] = "x", ["note"] = "x" }, "/"));

        var after = await AlertAsync(app, alertId);
        Assert.Equal((AlertStatus.Open, alert.Version), (after.Status, after.Version));
        await using (var scope = app.SystemScope())
            Assert.False(await scope.ServiceProvider.GetRequiredService<ProbityDb>().LeakReports.AnyAsync(l => l.Id == "LEAK-DENIED-" + user, Ct));
    }

    [Fact]
    public async Task A_cookie_post_to_a_monitoring_action_without_the_antiforgery_token_is_rejected()
    {
        var app = await apps.GetAsync(Provider.Sqlite);
        var alertId = await OpenAlertAsync(app, "first_time_system");
        var before = await AlertAsync(app, alertId);
        var investigator = await app.SignInAsync("investigator");
        var fields = new Dictionary<string, string> { ["version"] = before.Version.ToString(), ["reason"] = "other", ["note"] = "Forged from another site" };
        var forged = await investigator.Http.PostAsync($"/monitoring/alerts/{alertId}?handler=Dismiss", new FormUrlEncodedContent(fields), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var leak = await investigator.Http.PostAsync("/monitoring/leaks", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Id"] = "FORGED", ["Input.RecordId"] = "CR1", ["Input.LeakedAt"] = "2010-12-30T10:00", ["Input.Description"] = "x" }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, leak.StatusCode);
        Assert.Equal(AlertStatus.Open, (await AlertAsync(app, alertId)).Status);
    }

    // ---- the alert workflow ----

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task An_alert_is_assigned_then_dismissed_with_a_reason_and_the_rule_false_positive_rate_counts_it(Provider provider)
    {
        const string rule = "out_of_hours_search";
        var app = await apps.GetAsync(provider);
        var investigator = await app.SignInAsync("investigator");
        (int FalsePositives, int Decided) Record(string overview) =>
            Message(overview, "fp-" + rule) is { } text && FpText().Match(text) is { Success: true } m
                ? (int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)) : (0, 0);
        var before = Record(await investigator.Http.GetStringAsync("/monitoring", Ct));

        var alertId = await OpenAlertAsync(app, rule);
        var url = $"/monitoring/alerts/{alertId}";
        var assigned = await investigator.PostFormAsync(url + "?handler=Assign", new() { ["version"] = await VersionAsync(investigator, url), ["assignedTo"] = "Sam Okafor" }, url);
        Assert.Equal(url, assigned.Headers.Location?.OriginalString);
        var page = await investigator.Http.GetStringAsync(url, Ct);
        Assert.Equal("Assigned", Message(page, "alert-status"));
        Assert.Contains("Sam Okafor (DPS investigator)", Message(page, "assigned-to"), StringComparison.Ordinal);

        // A dismissal needs a note saying what was checked.
        await investigator.PostFormAsync(url + "?handler=Dismiss", new() { ["version"] = await VersionAsync(investigator, url), ["reason"] = "legitimate_business" }, url);
        Assert.Contains("Write a note", Message(await investigator.Http.GetStringAsync(url, Ct), "error"), StringComparison.Ordinal);

        await investigator.PostFormAsync(url + "?handler=Dismiss", new()
        {
            ["version"] = await VersionAsync(investigator, url), ["reason"] = "legitimate_business", ["note"] = "Night shift on the Trident desk: searches were for an operation's briefing.",
        }, url);
        page = await investigator.Http.GetStringAsync(url, Ct);
        Assert.Equal("Dismissed", Message(page, "alert-status"));
        Assert.Contains("legitimate business the data did not show", page, StringComparison.Ordinal);
        var dismissed = await AlertAsync(app, alertId);
        Assert.Equal(("investigator", "legitimate_business"), (dismissed.DecidedBy, dismissed.DismissReason));
        Assert.NotNull(dismissed.DecidedAt);
        Assert.Equal((before.FalsePositives + 1, before.Decided + 1), Record(await investigator.Http.GetStringAsync("/monitoring", Ct)));

        // A duplicate says nothing about the rule: it does not move the rate.
        var duplicateId = await OpenAlertAsync(app, rule);
        var duplicateUrl = $"/monitoring/alerts/{duplicateId}";
        await investigator.PostFormAsync(duplicateUrl + "?handler=Dismiss", new() { ["version"] = await VersionAsync(investigator, duplicateUrl), ["reason"] = "duplicate", ["note"] = $"Same night as {alertId}." }, duplicateUrl);
        Assert.Equal(AlertStatus.Dismissed, (await AlertAsync(app, duplicateId)).Status);
        Assert.Equal((before.FalsePositives + 1, before.Decided + 1), Record(await investigator.Http.GetStringAsync("/monitoring", Ct)));
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_decision_on_a_stale_page_is_refused_with_a_conflict_message(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var alertId = await OpenAlertAsync(app, "breadth_spike");
        var url = $"/monitoring/alerts/{alertId}";
        var investigator = await app.SignInAsync("investigator");
        var senior = await app.SignInAsync("senior");
        var stale = await VersionAsync(investigator, url);
        await senior.PostFormAsync(url + "?handler=Assign", new() { ["version"] = await VersionAsync(senior, url), ["assignedTo"] = "Helen Marsh" }, url);

        var refused = await investigator.PostFormAsync(url + "?handler=Dismiss", new() { ["version"] = stale, ["reason"] = "data_error", ["note"] = "Duplicated log lines" }, url);
        Assert.Equal(url, refused.Headers.Location?.OriginalString); // back to the alert, with the reason shown
        var page = await investigator.Http.GetStringAsync(url, Ct);
        Assert.Contains("was changed by someone else since you opened it", Message(page, "error"), StringComparison.Ordinal);
        Assert.Contains("by senior", Message(page, "error"), StringComparison.Ordinal);
        Assert.Equal("Assigned", Message(page, "alert-status"));
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Raising_an_alert_as_a_conduct_case_creates_the_case_against_the_member_of_staff(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var alertId = await OpenAlertAsync(app, "associated_person");
        var alert = await AlertAsync(app, alertId);
        var url = $"/monitoring/alerts/{alertId}";
        var investigator = await app.SignInAsync("investigator");
        var raised = await investigator.PostFormAsync(url + "?handler=RaiseCase", new() { ["version"] = await VersionAsync(investigator, url), ["note"] = "Declared former partner; no tasking." }, url);
        Assert.Equal(HttpStatusCode.Redirect, raised.StatusCode);

        var page = await investigator.Http.GetStringAsync(url, Ct);
        Assert.Equal("Raised", Message(page, "alert-status"));
        var caseId = Message(page, "case-link");
        Assert.False(string.IsNullOrEmpty(caseId));
        Assert.Equal(caseId, (await AlertAsync(app, alertId)).CaseId);

        Assert.Equal(HttpStatusCode.OK, (await investigator.Http.GetAsync($"/cases/{caseId}", Ct)).StatusCode);
        using var json = JsonDocument.Parse(await investigator.Http.GetStringAsync($"/api/cases/{caseId}", Ct));
        var c = json.RootElement;
        Assert.Equal(("conduct_matter", "audit"), (c.GetProperty("type").GetString(), c.GetProperty("source").GetString()));
        Assert.Contains(alertId, c.GetProperty("summary").GetString(), StringComparison.Ordinal);
        var allegation = Assert.Single(c.GetProperty("allegations").EnumerateArray());
        Assert.Equal((alert.StaffId, "improper_use_of_it_systems"), (allegation.GetProperty("staffId").GetString(), allegation.GetProperty("category").GetString()));

        // The same alert cannot open a second case.
        await investigator.PostFormAsync(url + "?handler=RaiseCase", new() { ["version"] = await VersionAsync(investigator, url) }, url);
        Assert.Contains($"already case {caseId}", Message(await investigator.Http.GetStringAsync(url, Ct), "error"), StringComparison.Ordinal);

        // And it can go to the Persons of Concern register as well.
        await investigator.PostFormAsync(url + "?handler=RaiseIntelligence", new()
        {
            ["version"] = await VersionAsync(investigator, url), ["category"] = "ii", ["reviewOn"] = DateOnly.FromDateTime(DateTime.Today).AddMonths(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["rationale"] = $"Alert {alertId}: looked up a declared former partner with no tasking.",
        }, url);
        var concernId = (await AlertAsync(app, alertId)).ConcernId;
        Assert.NotNull(concernId);
        Assert.Contains(concernId, await investigator.Http.GetStringAsync("/risk/concerns", Ct), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Every_view_of_an_alert_is_in_the_audit_trail(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var alertId = await OpenAlertAsync(app, "sensitive_subject");
        var target = $"misuse_alert/{alertId}";
        async Task<int> ViewsAsync()
        {
            await using var scope = app.SystemScope();
            return await scope.ServiceProvider.GetRequiredService<ProbityDb>().AuditEntries.CountAsync(e => e.Actor == "analyst" && e.Action == "view" && e.Target == target, Ct);
        }
        var before = await ViewsAsync();
        var analyst = await app.SignInAsync("analyst");
        var page = await analyst.Http.GetStringAsync($"/monitoring/alerts/{alertId}", Ct);
        Assert.Contains("data-testid=\"evidence\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"dismiss\"", page, StringComparison.Ordinal); // analysts read, they do not decide
        await analyst.Http.GetStringAsync($"/monitoring/alerts/{alertId}", Ct);
        Assert.Equal(before + 2, await ViewsAsync());
    }

    // ---- who accessed, leaks, sampling ----

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Who_accessed_a_person_lists_the_accesses_and_draws_the_links_marking_the_associate(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        MisuseAlert alert;
        await using (var scope = app.SystemScope())
            alert = await scope.ServiceProvider.GetRequiredService<ProbityDb>().MisuseAlerts.AsNoTracking().Where(a => a.Rule == "associated_person").OrderBy(a => a.Id).FirstAsync(Ct);
        var investigator = await app.SignInAsync("investigator");
        var page = await investigator.Http.GetStringAsync($"/monitoring/who-accessed?subject={alert.Key}&{Window}", Ct);

        Assert.Contains("data-testid=\"who-accesses\"", page, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/officers/{alert.StaffId}\">{alert.StaffId}</a>", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"linked-to-subject\"", page, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"links\"", page, StringComparison.Ordinal);
        Assert.Contains($"data-node=\"s:{alert.StaffId}\"", page, StringComparison.Ordinal);
        Assert.Matches($"class=\"node accessor associate-of-subject[^\"]*\" data-node=\"s:{alert.StaffId}\"", page);

        await using (var scope = app.SystemScope())
            Assert.True(await scope.ServiceProvider.GetRequiredService<ProbityDb>().AuditEntries.AnyAsync(
                e => e.Actor == "investigator" && e.Action == "search" && e.Target == "access_events" && e.Detail!.Contains(alert.Key), Ct));

        // Both or neither of person and record is a question that cannot be answered: said on the page.
        var both = await investigator.Http.GetStringAsync($"/monitoring/who-accessed?subject=P1&record=CR1&{Window}", Ct);
        Assert.Contains("Give a person id or a record id", Message(both, "error"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recorded_leak_is_listed_with_a_link_to_everyone_who_touched_the_record_before_it()
    {
        var app = await apps.GetAsync(Provider.Sqlite);
        var investigator = await app.SignInAsync("investigator");
        var missing = await investigator.PostFormAsync("/monitoring/leaks", new() { ["Input.Id"] = "OP-TALON-7", ["Input.LeakedAt"] = "2010-12-31T09:00", ["Input.Description"] = "Photo of the crime report on social media" });
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode); // the form comes back as typed, with the reason
        Assert.Contains("name the leaked record", await missing.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var recorded = await investigator.PostFormAsync("/monitoring/leaks", new()
        {
            ["Input.Id"] = "OP-TALON-7", ["Input.RecordId"] = "CR000398170", ["Input.LeakedAt"] = "2010-12-31T09:00", ["Input.WindowDays"] = "10",
            ["Input.Description"] = "Photo of the crime report on social media",
        });
        Assert.Equal("/monitoring/leaks", recorded.Headers.Location?.OriginalString);
        var page = await investigator.Http.GetStringAsync("/monitoring/leaks", Ct);
        Assert.Contains("OP-TALON-7", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/monitoring/who-accessed?record=CR000398170&amp;from=2010-12-21&amp;to=2010-12-31\"", page, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_probity_sample_is_reproducible_from_its_seed_and_answered_access_by_access(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var investigator = await app.SignInAsync("investigator");
        var draw = new Dictionary<string, string> { ["Input.From"] = "2010-12-25", ["Input.To"] = "2010-12-31", ["Input.PerUser"] = "3", ["Input.StaffIds"] = "s000001, s000002\ns000004" };
        var drawn = await investigator.PostFormAsync("/monitoring/sampling", new(draw));
        Assert.Equal(HttpStatusCode.Redirect, drawn.StatusCode);
        var url = drawn.Headers.Location!.OriginalString;
        var page = await investigator.Http.GetStringAsync(url, Ct);
        // A seed nobody chose and nobody could know beforehand: two draws of the same dates, people and count get different seeds.
        var seed = Regex.Match(Message(page, "sample-seed") ?? "", @"^\d+").Value;
        Assert.NotEqual("", seed);
        var other = await investigator.PostFormAsync("/monitoring/sampling", new(draw));
        Assert.NotEqual(seed, Regex.Match(Message(await investigator.Http.GetStringAsync(other.Headers.Location!.OriginalString, Ct), "sample-seed") ?? "", @"^\d+").Value);
        var total = Regex.Count(page, "data-testid=\"answer-form\"");
        Assert.InRange(total, 1, 9);
        Assert.Equal($"0 of {total} answered", Regex.Match(page, "data-testid=\"sample-progress\"><strong>([^<]*)<").Groups[1].Value);

        // The same dates, people, count and seed draw the same accesses; the trail says the seed was given, not drawn.
        var again = await investigator.PostFormAsync("/monitoring/sampling", new(draw) { ["Input.Seed"] = seed });
        await using (var scope = app.SystemScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            async Task<List<string>> ItemsAsync(string sampleUrl)
            {
                var id = sampleUrl.Split('/')[^1];
                return (await db.ProbitySampleItems.Where(i => i.SampleId == id).ToListAsync(Ct)).OrderBy(i => i.StaffId).ThenBy(i => i.EventTime).Select(i => $"{i.StaffId} {i.EventTime:O} {i.RecordId}").ToList();
            }
            Assert.Equal(await ItemsAsync(url), await ItemsAsync(again.Headers.Location!.OriginalString));
            var ids = new[] { url, other.Headers.Location!.OriginalString, again.Headers.Location!.OriginalString }.Select(u => "probity_sample/" + u.Split('/')[^1]).ToList();
            var draws = await db.AuditEntries.Where(e => ids.Contains(e.Target) && e.Action == "create").Select(e => e.Detail!).ToListAsync(Ct);
            Assert.Equal(2, draws.Count(d => d.Contains("(drawn at random)", StringComparison.Ordinal)));
            Assert.Single(draws, d => d.Contains($"seed {seed} (given)", StringComparison.Ordinal));
        }

        var itemId = Regex.Match(page, "name=\"itemId\" value=\"(\\d+)\"").Groups[1].Value;
        var version = Regex.Match(page, $"name=\"itemId\" value=\"{itemId}\"><input type=\"hidden\" name=\"version\" value=\"([^\"]+)\"").Groups[1].Value;
        var answered = await investigator.PostFormAsync(url + "?handler=Answer", new() { ["itemId"] = itemId, ["version"] = version, ["answer"] = "business_reason_confirmed", ["supervisor"] = "Insp. Rowe" }, url);
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        page = await investigator.Http.GetStringAsync(url, Ct);
        Assert.Equal($"1 of {total} answered", Regex.Match(page, "data-testid=\"sample-progress\"><strong>([^<]*)<").Groups[1].Value);
        Assert.Contains("Business reason confirmed</strong> — Insp. Rowe", page, StringComparison.Ordinal);

        // Answering from the page as it was before is refused, not silently overwritten.
        await investigator.PostFormAsync(url + "?handler=Answer", new() { ["itemId"] = itemId, ["version"] = version, ["answer"] = "no_business_reason", ["supervisor"] = "Sgt Bell", ["note"] = "No idea why" }, url);
        page = await investigator.Http.GetStringAsync(url, Ct);
        Assert.Contains("since you opened the sample", Message(page, "error"), StringComparison.Ordinal);
        Assert.Contains("Business reason confirmed</strong> — Insp. Rowe", page, StringComparison.Ordinal);
    }

    // ---- streaming audit logs in ----

    private const string Header = "event_time,staff_id,system,action,record_type,record_id,subject_person_id,workstation_id,reason_ref\n";

    private static HttpRequestMessage Batch(byte[] body, string? key = ProbityApp.IngestKey, bool gzipHeader = false, string? batchId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/access-events") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        if (gzipHeader) request.Content.Headers.ContentEncoding.Add("gzip");
        if (key is not null) request.Headers.Add("X-Probity-Ingest-Key", key);
        if (batchId is not null) request.Headers.Add("X-Batch-Id", batchId);
        return request;
    }

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest)) gzip.Write(Encoding.UTF8.GetBytes(text));
        return buffer.ToArray();
    }

    private sealed record IngestAnswer(long SegmentId, long Events, long Quarantined, bool Duplicate, string[] Warnings);

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Systems_stream_audit_log_batches_with_an_ingest_key_and_a_repeated_batch_adds_nothing(Provider provider)
    {
        // Its own small host (no demo force) so the store's counts are this test's alone, with a small size limit.
        await using var app = await Apps.CreateAsync(provider, demo: false, new Dictionary<string, string?>
        {
            ["Probity:AccessMonitoring:IngestMaxBytes"] = "4096",
            [Probity.AccessMonitoring.EventStore.CompactionSettings.CompactAfterSegmentsSetting] = "3",
        });
        var http = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var store = app.Services.GetRequiredService<IAccessEventStore>();
        var csv = Header
            + "2010-12-30T09:15:00Z,s000101,cris,view,crime,CR900001,P900001,WS1,\n"
            + "2010-12-30T09:16:00+00:00,s000101,pnc,search,person,,P900001,WS1,L1\n"
            + "2010-12-30T09:17:00Z,s000101,cris,delete,crime,CR900001,P900001,WS1,\n"   // not an action
            + "yesterday,s000101,cris,view,crime,CR900002,P900002,WS1,\n";                // not a time
        var body = Encoding.UTF8.GetBytes(csv);

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(Batch(body, key: null), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(Batch(body, key: "not-the-key"), Ct)).StatusCode);
        Assert.Equal(0, (await store.SummaryAsync(Ct)).Events);

        var first = await http.SendAsync(Batch(body, batchId: "crimint-0930"), Ct);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var answer = (await first.Content.ReadFromJsonAsync<IngestAnswer>(Ct))!;
        Assert.Equal((2L, 2L, false), (answer.Events, answer.Quarantined, answer.Duplicate));
        var quarantine = await store.QuarantineAsync(10, Ct);
        Assert.Contains(quarantine, q => q.Source == "http:tests:crimint-0930" && q.Reason.Contains("\"delete\"", StringComparison.Ordinal));

        var repeat = (await (await http.SendAsync(Batch(body), Ct)).Content.ReadFromJsonAsync<IngestAnswer>(Ct))!;
        Assert.True(repeat.Duplicate);
        Assert.Equal((answer.SegmentId, 0L), (repeat.SegmentId, repeat.Events));
        Assert.Equal(2, (await store.SummaryAsync(Ct)).Events);

        // gzip, said in the header or not: the body's magic bytes decide.
        var gzipped = (await (await http.SendAsync(Batch(Gzip(csv.Replace("CR900001", "CR900003", StringComparison.Ordinal)), gzipHeader: true), Ct)).Content.ReadFromJsonAsync<IngestAnswer>(Ct))!;
        Assert.Equal((2L, false), (gzipped.Events, gzipped.Duplicate));
        var unlabelled = (await (await http.SendAsync(Batch(Gzip(csv.Replace("CR900001", "CR900004", StringComparison.Ordinal))), Ct)).Content.ReadFromJsonAsync<IngestAnswer>(Ct))!;
        Assert.Equal(2, unlabelled.Events);

        // Three small segments: compaction is due and merges them (the web host's job, run here rather than waited for);
        // the first batch sent again is still recognised, and who-accessed reads the merged segment.
        await app.Services.GetRequiredService<SegmentCompaction>().RunOnceAsync(Ct);
        Assert.All(await store.SegmentsAsync(10, Ct), s => Assert.True(s.RecordIndexed));
        var afterCompaction = (await (await http.SendAsync(Batch(body), Ct)).Content.ReadFromJsonAsync<IngestAnswer>(Ct))!;
        Assert.Equal((true, answer.SegmentId), (afterCompaction.Duplicate, afterCompaction.SegmentId));
        Assert.Equal(6, (await store.SummaryAsync(Ct)).Events);
        var aboutP1 = await store.WhoAccessedAsync(new WhoAccessedQuery("P900001", null, new DateTimeOffset(2010, 12, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2011, 1, 1, 0, 0, 0, TimeSpan.Zero)), Ct);
        Assert.Equal(["CR900001", "CR900003", "CR900004"], aboutP1.Where(e => e.Action == "view").Select(e => e.RecordId).Order(StringComparer.Ordinal));
        Assert.Equal(3, aboutP1.Count(e => e.Action == "search"));
        Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(Batch(body, gzipHeader: true), Ct)).StatusCode);

        var badHeader = await http.SendAsync(Batch(Encoding.UTF8.GetBytes("time,staff,system\n2010-12-30T09:15:00Z,s1,cris\n")), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badHeader.StatusCode);
        using (var problem = JsonDocument.Parse(await badHeader.Content.ReadAsStringAsync(Ct)))
            Assert.Contains("required column(s) event_time", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var big = Encoding.UTF8.GetBytes(Header + string.Concat(Enumerable.Range(0, 80).Select(i => $"2010-12-30T10:{i % 60:00}:00Z,s000102,cris,view,crime,CR8{i:00000},P8{i:00000},WS2,\n")));
        Assert.True(big.Length > 4096);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await http.SendAsync(Batch(big), Ct)).StatusCode);
        Assert.Equal(6, (await store.SummaryAsync(Ct)).Events);

        await using var scope = app.SystemScope();
        var batches = await scope.ServiceProvider.GetRequiredService<ProbityDb>().AuditEntries.Where(e => e.Actor == "ingest:tests" && e.Target == "access_events").ToListAsync(Ct);
        Assert.Equal(8, batches.Count); // every batch with a valid key, taken or refused
        Assert.Contains(batches, e => e.Detail!.Contains("duplicate=True", StringComparison.Ordinal));
        var compaction = Assert.Single(await scope.ServiceProvider.GetRequiredService<ProbityDb>().AuditEntries.Where(e => e.Action == "compact" && e.Target == "access_events").ToListAsync(Ct));
        Assert.Equal("compact segments=3 events=6 into folder 4", compaction.Detail);
    }

    [Fact]
    public async Task A_gzip_bomb_gets_413_and_a_flood_of_malformed_lines_422_each_naming_its_setting_audited_and_nothing_stored()
    {
        await using var app = await Apps.CreateAsync(Provider.Sqlite, demo: false, new Dictionary<string, string?>
        {
            [IngestLimits.MaxDecompressedBytesSetting] = "2000000", [IngestLimits.MaxQuarantinedSetting] = "50",
        });
        var http = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var store = app.Services.GetRequiredService<IAccessEventStore>();

        // 48 KB of gzip that is 20 MB of malformed lines, as an outside tester sent it.
        var malformed = GzipLines(Header, "garbage line without fields\n", 20 * 1024 * 1024 / 28);
        var flood = await http.SendAsync(Batch(malformed, gzipHeader: true, batchId: "flood"), Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, flood.StatusCode);
        using (var problem = JsonDocument.Parse(await flood.Content.ReadAsStringAsync(Ct)))
        {
            Assert.Contains("at most 50 may be quarantined", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal(IngestLimits.MaxQuarantinedSetting, problem.RootElement.GetProperty("setting").GetString());
        }

        // 64 MB of one repeated valid line: a bomb past the decompressed limit (the line limit would stop it too).
        var bomb = GzipLines(Header, "2010-12-30T09:15:00Z,s000101,cris,view,crime,CR900001,P900001,WS1,\n", 1_000_000);
        Assert.True(bomb.Length < 1_000_000);
        var refused = await http.SendAsync(Batch(bomb, gzipHeader: true, batchId: "bomb"), Ct);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        using (var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync(Ct)))
        {
            Assert.Contains("more than 2,000,000 bytes once decompressed", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal(IngestLimits.MaxDecompressedBytesSetting, problem.RootElement.GetProperty("setting").GetString());
            Assert.Equal(2_000_000, problem.RootElement.GetProperty("limit").GetInt64());
        }

        var summary = await store.SummaryAsync(Ct);
        Assert.Equal((0L, 0L, 0L), (summary.Segments, summary.Events, summary.Quarantined));
        await using var scope = app.SystemScope();
        var trail = await scope.ServiceProvider.GetRequiredService<ProbityDb>().AuditEntries
            .Where(e => e.Actor == "ingest:tests" && e.Target == "access_events").Select(e => e.Detail!).ToListAsync(Ct);
        Assert.Contains(trail, d => d.Contains("http:tests:flood refused", StringComparison.Ordinal) && d.Contains(IngestLimits.MaxQuarantinedSetting, StringComparison.Ordinal));
        Assert.Contains(trail, d => d.Contains("http:tests:bomb refused", StringComparison.Ordinal) && d.Contains(IngestLimits.MaxDecompressedBytesSetting, StringComparison.Ordinal));
    }

    private static byte[] GzipLines(string header, string line, int count)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal))
        {
            gzip.Write(Encoding.UTF8.GetBytes(header));
            var bytes = Encoding.UTF8.GetBytes(line);
            for (var i = 0; i < count; i++) gzip.Write(bytes);
        }
        return buffer.ToArray();
    }

    [Fact]
    public async Task A_signed_in_person_cannot_use_the_ingest_endpoint_with_their_cookie()
    {
        var app = await apps.GetAsync(Provider.Sqlite);
        var senior = await app.SignInAsync("senior");
        var response = await senior.Http.SendAsync(Batch(Encoding.UTF8.GetBytes(Header + "2010-12-30T09:15:00Z,s000101,cris,view,crime,CR1,P1,WS1,\n"), key: null), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [GeneratedRegex("name=\"version\" value=\"([^\"]+)\"")]
    private static partial Regex VersionField();

    [GeneratedRegex(@"\((\d+) of (\d+)\)")]
    private static partial Regex FpText();
}
