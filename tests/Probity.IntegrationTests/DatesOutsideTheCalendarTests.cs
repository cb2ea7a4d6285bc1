using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probity.Database;
using Probity.Performance.Facts;
using Probity.Performance.Measures;
using Probity.Risk;

namespace Probity.IntegrationTests;

/// <summary>
/// Issue 9, "one bad value takes shared pages down": a date outside the working-day calendar (2000-2035) written
/// straight into the database, as an older version or a database administrator could, is a data-quality warning
/// naming the case on every page that meets it, never a 500; and every entry point refuses such a date.
/// </summary>
public sealed class DatesOutsideTheCalendarTests(Apps apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Outside1900 = "1 Jan 1900";
    private const string Warnings = "data-testid=\"date-warnings\"";

    /// <summary>The cases whose dates a test spoils: a live one, a finalised one, one with a finding, an outcome and an appeal.</summary>
    private sealed record Spoiled(string Live, string LiveOfficer, string Finalised, string Finding, string FindingAllegation, string? Outcome, string? Appeal, string Restricted);

    /// <summary>Writes dates outside the calendar with plain SQL, as someone with access to the database could.</summary>
    private static async Task<Spoiled> SpoilAsync(ProbityApp app)
    {
        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        var open = db.Cases.Where(c => !c.Restricted);
        var live = await open.Where(c => c.FinalisedOn == null && c.Allegations.Any(a => a.StaffId != null)).OrderBy(c => c.Id)
            .Select(c => new { c.Id, Officer = c.Allegations.Where(a => a.StaffId != null).Select(a => a.StaffId!).First() }).FirstAsync(Ct);
        var finalised = await open.Where(c => c.FinalisedOn != null && c.Id != live.Id).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync(Ct);
        var finding = await db.Allegations.Where(a => a.FinalisedOn != null && a.StaffId != null && !a.Case!.Restricted && a.CaseId != live.Id && a.CaseId != finalised)
            .OrderBy(a => a.Id).Select(a => new { a.Id, a.CaseId }).FirstAsync(Ct);
        var outcome = await db.Sanctions.Where(s => !s.Case!.Restricted && s.DecidedOn != null).OrderBy(s => s.CaseId).Select(s => s.CaseId).FirstOrDefaultAsync(Ct);
        var appeal = await db.Appeals.Where(a => !a.Case!.Restricted).OrderBy(a => a.Id).Select(a => a.CaseId).FirstOrDefaultAsync(Ct);
        var restricted = await open.Where(c => c.Id != live.Id && c.Id != finalised && c.Id != finding.CaseId && c.Id != outcome && c.Id != appeal)
            .OrderByDescending(c => c.Id).Select(c => c.Id).FirstAsync(Ct);

        await Sql(db, "UPDATE cases SET \"ReceivedOn\" = {0} WHERE \"Id\" = {1}", new DateOnly(1900, 1, 1), live.Id);
        await Sql(db, "UPDATE cases SET \"FinalisedOn\" = {0} WHERE \"Id\" = {1}", DateOnly.MaxValue, finalised);
        await Sql(db, "UPDATE allegations SET \"FinalisedOn\" = {0} WHERE \"Id\" = {1}", DateOnly.MinValue, finding.Id);
        if (outcome is not null) await Sql(db, "UPDATE sanctions SET \"DecidedOn\" = {0} WHERE \"CaseId\" = {1}", new DateOnly(2099, 6, 1), outcome);
        if (appeal is not null) await Sql(db, "UPDATE appeals SET \"LodgedOn\" = {0} WHERE \"CaseId\" = {1}", new DateOnly(1999, 12, 31), appeal);
        // A case restricted on a need-to-know basis, spoiled too: nobody without a grant may learn it exists.
        await Sql(db, "UPDATE cases SET \"Restricted\" = {0}, \"ReceivedOn\" = {1} WHERE \"Id\" = {2}", true, new DateOnly(1900, 1, 1), restricted);
        await RefreshAsync(app);
        return new Spoiled(live.Id, live.Officer, finalised, finding.CaseId, finding.Id, outcome, appeal, restricted);
    }

    private static Task<int> Sql(ProbityDb db, string sql, params object[] values) => db.Database.ExecuteSqlRawAsync(sql, values, Ct);

    /// <summary>
    /// Plain SQL bypasses the store's change notification, so the cached figures would pick it up only at their
    /// ten-minute refresh: bring them up to date as that refresh would.
    /// </summary>
    private static async Task RefreshAsync(ProbityApp app)
    {
        app.Services.GetRequiredService<StoreChanges>().Notify();
        await app.Services.GetRequiredService<FactsCache>().GetAsync(Ct, fresh: true);
        await app.Services.GetRequiredService<RiskFactsCache>().GetAsync(Ct, fresh: true);
    }

    private static async Task<string> OkAsync(SignedInClient client, string url)
    {
        var response = await client.Http.GetAsync(url, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}: {body[..Math.Min(400, body.Length)]}");
        // As a person reads it: Razor writes "—" and "→" as character references.
        return WebUtility.HtmlDecode(body);
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Stored_dates_outside_the_calendar_never_take_a_page_down_and_each_page_names_the_case(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider);
        var s = await SpoilAsync(app);

        foreach (var role in new[] { "senior", "investigator", "analyst", "handler", "oversight" })
        {
            var client = await app.SignInAsync(role);
            var readsPerformance = role is not "handler";
            var readsRisk = role is "senior" or "investigator" or "analyst";
            var seesLive = role is not "oversight";

            if (readsPerformance)
            {
                foreach (var url in new[] { "/performance", "/performance?asOf=2010-12-31&period=2010-Q3", "/performance?asOf=2010-12-31&period=12m&unit=bor-croydon", "/performance/report" })
                    await OkAsync(client, url);
                var dashboard = await OkAsync(client, "/performance?asOf=2010-12-31&period=2010-Q3");
                Assert.Contains(Warnings, dashboard, StringComparison.Ordinal);
                Assert.Contains($">{s.Finalised}</a>: finalised date 31 Dec 9999", dashboard, StringComparison.Ordinal);
                if (seesLive)
                {
                    Assert.Contains($">{s.Live}</a>: received date {Outside1900}", dashboard, StringComparison.Ordinal);
                    Assert.Contains($">{s.Finding}</a>: finding date of allegation {s.FindingAllegation} 1 Jan 0001", dashboard, StringComparison.Ordinal);
                    if (s.Outcome is not null) Assert.Contains($">{s.Outcome}</a>: decision date of the outcome for", dashboard, StringComparison.Ordinal);
                }
                else
                {
                    // A data-quality warning names only cases the reader may open: no live case for oversight.
                    Assert.DoesNotContain(s.Live, dashboard, StringComparison.Ordinal);
                }
                if (s.Appeal is not null) Assert.Contains($">{s.Appeal}</a>: lodged date of appeal", dashboard, StringComparison.Ordinal);
                // Need-to-know: the figures never count a restricted case, and never name one either.
                Assert.DoesNotContain(s.Restricted, dashboard, StringComparison.Ordinal);
                if (seesLive) Assert.Contains(s.Live, await OkAsync(client, "/performance/report"), StringComparison.Ordinal);
                else Assert.DoesNotContain(s.Live, await OkAsync(client, "/performance/report"), StringComparison.Ordinal);
            }

            if (seesLive)
            {
                var page = await OkAsync(client, $"/cases/{s.Live}");
                Assert.Contains(Warnings, page, StringComparison.Ordinal);
                Assert.Contains($"Case {s.Live}: received date {Outside1900} is outside 1 Jan 2000 to 31 Dec 2035", page, StringComparison.Ordinal);
                Assert.Contains("data-testid=\"age\">—</div>", page, StringComparison.Ordinal);
                Assert.Equal(role is "analyst", !page.Contains("data-testid=\"correct-intake\"", StringComparison.Ordinal));

                var list = await OkAsync(client, $"/cases?q={s.Live}");
                Assert.Contains("1 found", list, StringComparison.Ordinal);
                Assert.Contains($">{s.Live}</a>: received date {Outside1900}", list, StringComparison.Ordinal);

                var api = await client.Http.GetFromJsonAsync<JsonElement>($"/api/cases?q={s.Live}", Ct);
                Assert.Equal(JsonValueKind.Null, api.GetProperty("cases")[0].GetProperty("ageWorkingDays").ValueKind);
                Assert.Equal(s.Live, api.GetProperty("warnings")[0].GetProperty("caseId").GetString());
                var one = await client.Http.GetFromJsonAsync<JsonElement>($"/api/cases/{s.Live}", Ct);
                Assert.Equal("1900-01-01", one.GetProperty("receivedOn").GetString());
                Assert.Equal(JsonValueKind.Null, one.GetProperty("dueOn").ValueKind);
                Assert.Contains("outside 1 Jan 2000 to 31 Dec 2035", one.GetProperty("warnings")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
                await OkAsync(client, $"/officers/{s.LiveOfficer}");
                await OkAsync(client, "/cases?overdue=true");
                await OkAsync(client, "/cases?status=live");
            }
            else
            {
                // Oversight sees finalised cases only: the live one does not exist for them, spoiled or not.
                Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync($"/cases/{s.Live}", Ct)).StatusCode);
                Assert.Contains("0 found", await OkAsync(client, $"/cases?q={s.Live}"), StringComparison.Ordinal);
            }
            var finalised = await OkAsync(client, $"/cases/{s.Finalised}");
            Assert.Contains($"finalised date 31 Dec 9999 is outside", finalised, StringComparison.Ordinal);
            Assert.Contains("31 Dec 9999", (await client.Http.GetFromJsonAsync<JsonElement>($"/api/cases/{s.Finalised}", Ct)).GetProperty("warnings")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
            await OkAsync(client, "/");
            Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync($"/cases/{s.Restricted}", Ct)).StatusCode);

            if (readsRisk)
            {
                foreach (var url in new[] { "/risk", "/risk?asOf=2010-12-31", "/risk/themes?asOf=2010-12-31", "/risk/meeting?on=2010-12-31", "/risk/model" })
                {
                    var page = await OkAsync(client, url);
                    Assert.Contains($">{s.Live}</a>: received date {Outside1900}", page, StringComparison.Ordinal);
                    Assert.Contains($"finding date of allegation {s.FindingAllegation}", page, StringComparison.Ordinal);
                }
                foreach (var url in new[] { "/monitoring", "/monitoring/alerts", "/monitoring/leaks", "/monitoring/sampling" })
                    await OkAsync(client, url);
            }
        }

        // The quarterly report, as a senior manager produces it: every rendering lists what it left out.
        var senior = await app.SignInAsync("senior");
        var job = await ProduceReportAsync(senior);
        var html = await OkAsync(senior, $"{job}/html");
        Assert.Contains("Appendix C: data quality", html, StringComparison.Ordinal);
        Assert.Contains($"Case {s.Live}: received date {Outside1900} is outside 1 Jan 2000 to 31 Dec 2035", html, StringComparison.Ordinal);
        Assert.DoesNotContain(s.Restricted, html, StringComparison.Ordinal);
        foreach (var format in new[] { "pdf", "csv", "ipcc-return.csv" })
            Assert.Equal(HttpStatusCode.OK, (await senior.Http.GetAsync($"{job}/{format}", Ct)).StatusCode);

        // probity pmf --json lists them too (the same calculator over the same facts).
        var facts = await app.Services.GetRequiredService<FactsCache>().GetAsync(Ct);
        var result = app.Services.GetRequiredService<PmfCalculator>().Compute(facts, Period.Parse("2010-Q3", ProbityApp.DemoUntil));
        var json = JsonDocument.Parse(PmfJson.Serialize(result, ProbityApp.DemoUntil, "test")).RootElement;
        Assert.Contains(json.GetProperty("excluded").EnumerateArray(), e => e.GetProperty("case_id").GetString() == s.Live && e.GetProperty("whole_case").GetBoolean());
    }

    private static async Task<string> ProduceReportAsync(SignedInClient senior)
    {
        var posted = await senior.PostFormAsync("/performance/report", new() { ["year"] = "2010", ["quarter"] = "3", ["unit"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var job = posted.Headers.Location!.OriginalString;
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var page = await OkAsync(senior, job);
            if (!page.Contains("data-testid=\"report-progress\"", StringComparison.Ordinal))
            {
                Assert.Contains("data-testid=\"report-done\"", page, StringComparison.Ordinal);
                return job;
            }
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(120), "the report job did not finish");
            await Task.Delay(200, Ct);
        }
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_bad_stored_date_is_corrected_on_the_case_page_and_the_warning_goes(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider);
        string caseId;
        DateOnly received;
        await using (var scope = app.SystemScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            var pick = await db.Cases.Where(c => !c.Restricted && c.FinalisedOn == null && c.RecordedOn != null).OrderBy(c => c.Id)
                .Select(c => new { c.Id, c.ReceivedOn }).FirstAsync(Ct);
            (caseId, received) = (pick.Id, pick.ReceivedOn);
            await Sql(db, "UPDATE cases SET \"ReceivedOn\" = {0} WHERE \"Id\" = {1}", new DateOnly(1900, 1, 1), caseId);
        }
        await RefreshAsync(app);
        var url = $"/cases/{caseId}";
        var handler = await app.SignInAsync("handler");
        var senior = await app.SignInAsync("senior");

        var before = await OkAsync(handler, url);
        Assert.Contains($"Case {caseId}: received date {Outside1900}", before, StringComparison.Ordinal);
        Assert.Contains($"href=\"/cases/{caseId}/correct-intake\"", before, StringComparison.Ordinal);
        Assert.Contains($">{caseId}</a>: received date {Outside1900}", await OkAsync(senior, "/performance?asOf=2010-12-31&period=2010-Q3"), StringComparison.Ordinal);

        var fields = await IntakeAsync(app, caseId);
        fields["receivedOn"] = received.ToString("yyyy-MM-dd");
        fields["reason"] = "Received date mistyped at intake; the complaint letter is date-stamped on receipt.";
        var corrected = await handler.PostFormAsync(url + "/correct-intake", fields, url);
        Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);

        var after = await OkAsync(handler, url);
        Assert.Contains("Intake details corrected.", after, StringComparison.Ordinal);
        Assert.DoesNotContain(Warnings, after, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"age\">—</div>", after, StringComparison.Ordinal);
        Assert.Contains($"Intake corrected: received date: {Outside1900} → {received:d MMM yyyy}", after, StringComparison.Ordinal);
        Assert.Contains("Reason: Received date mistyped at intake", after, StringComparison.Ordinal);
        Assert.DoesNotContain(Warnings, await OkAsync(handler, $"/cases?q={caseId}"), StringComparison.Ordinal);

        // The edit moved the store on: the next figures are computed without the warning, and count the case again.
        await app.Services.GetRequiredService<FactsCache>().GetAsync(Ct, fresh: true);
        var dashboard = await OkAsync(senior, "/performance?asOf=2010-12-31&period=2010-Q3");
        Assert.DoesNotContain($">{caseId}</a>: received date", dashboard, StringComparison.Ordinal);
        var facts = await app.Services.GetRequiredService<FactsCache>().GetAsync(Ct);
        Assert.Contains(facts.Cases, c => c.Id == caseId && c.ReceivedOn == received);

        await using (var scope = app.SystemScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            var trail = await db.AuditEntries.Where(e => e.Target == "case:" + caseId && e.Action == "update").ToListAsync(Ct);
            var entry = Assert.Single(trail);
            Assert.Equal("handler", entry.Actor);
            Assert.Contains("intake_corrected: Intake corrected: received date: 1 Jan 1900 →", entry.Detail, StringComparison.Ordinal);
            var timeline = await db.CaseEvents.Where(e => e.CaseId == caseId && e.Kind == "intake_corrected").SingleAsync(Ct);
            Assert.Equal("handler", timeline.Actor);
        }
    }

    /// <summary>The correction form's fields as the case page fills them in (the current intake) and its version.</summary>
    private static async Task<Dictionary<string, string>> IntakeAsync(ProbityApp app, string caseId)
    {
        await using var scope = app.SystemScope();
        var c = await scope.ServiceProvider.GetRequiredService<ProbityDb>().Cases.AsNoTracking().SingleAsync(x => x.Id == caseId, Ct);
        return new()
        {
            ["version"] = c.Version.ToString(), ["caseType"] = c.CaseType, ["receivedOn"] = c.ReceivedOn.ToString("yyyy-MM-dd"),
            ["recordedOn"] = c.RecordedOn?.ToString("yyyy-MM-dd") ?? "", ["source"] = c.Source ?? "", ["locationUnitId"] = c.LocationUnitId ?? "",
            ["summary"] = c.Summary ?? "", ["reason"] = "",
        };
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_correction_needs_a_reason_the_right_role_the_current_version_and_dates_in_order(Provider provider)
    {
        var app = await apps.GetAsync(provider); // the case is its own, restricted at the end to its maker
        var investigator = await app.SignInAsync("investigator");
        var created = await investigator.PostFormAsync("/cases/new", new()
        {
            ["Input.CaseType"] = "public_complaint", ["Input.Source"] = "public", ["Input.ReceivedOn"] = "2026-10-05", ["Input.RecordedOn"] = "2026-10-06",
            ["Input.LocationUnitId"] = "bor-camden", ["Input.Summary"] = "Officer swore at the complainant", ["Input.Allegations[0].Category"] = "incivility",
        });
        var url = created.Headers.Location!.ToString();
        var id = url["/cases/".Length..];
        async Task<string> RefusedAsync(SignedInClient who, Dictionary<string, string> fields, HttpStatusCode expected = HttpStatusCode.UnprocessableEntity)
        {
            // The correction's own page again (422; a stale version 409), with the reason and what was typed.
            var response = await who.PostFormAsync(url + "/correct-intake", fields, url);
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} {response.Headers.Location}");
            body = WebUtility.HtmlDecode(body);
            Assert.Contains($"value=\"{fields["reason"]}\"", body, StringComparison.Ordinal);
            return body;
        }

        var fields = await IntakeAsync(app, id);
        fields["summary"] = "Officer swore at the complainant outside Camden Town station";
        Assert.Contains("Give the reason for the correction", await RefusedAsync(investigator, fields), StringComparison.Ordinal);

        fields["reason"] = "Location added from the complainant's letter";
        fields["receivedOn"] = "1999-12-31";
        Assert.Contains("The received date (31 Dec 1999) is outside the dates Probity can count working days for: 1 Jan 2000 to 31 Dec 2035.", await RefusedAsync(investigator, fields), StringComparison.Ordinal);
        fields["receivedOn"] = "2026-10-07";
        Assert.Contains("The recorded date (6 Oct 2026) cannot be before the received date (7 Oct 2026).", await RefusedAsync(investigator, fields), StringComparison.Ordinal);
        fields["receivedOn"] = "not a date";
        Assert.Contains("'not a date' is not a valid received date.", await RefusedAsync(investigator, fields), StringComparison.Ordinal);
        fields["receivedOn"] = "2026-10-05";

        // An analyst reads cases but does not edit them; oversight neither.
        foreach (var reader in new[] { "analyst", "oversight" })
        {
            var client = await app.SignInAsync(reader);
            var denied = await client.Http.PostAsync(url + "/correct-intake",
                new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = await client.GetFormTokenAsync("/cases") }), Ct);
            Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
            Assert.StartsWith("/account/denied", denied.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("outside Camden Town station", await OkAsync(investigator, url), StringComparison.Ordinal);

        var stale = fields["version"];
        Assert.Equal(HttpStatusCode.Redirect, (await investigator.PostFormAsync(url + "/correct-intake", fields, url)).StatusCode);
        fields["version"] = stale;
        fields["summary"] = "Someone else's older idea of the summary";
        Assert.Contains("changed by someone else", await RefusedAsync(investigator, fields, HttpStatusCode.Conflict), StringComparison.Ordinal);
        var page = await OkAsync(investigator, url);
        Assert.Contains("outside Camden Town station", page, StringComparison.Ordinal);
        Assert.Contains("summary: \"Officer swore at the complainant\" → \"Officer swore at the complainant outside Camden Town station\"", page, StringComparison.Ordinal);

        // Once the handling route is decided for a complaint, it stays a complaint.
        await investigator.PostFormAsync(url + "/route", new() { ["version"] = (await IntakeAsync(app, id))["version"], ["route"] = "local_resolution", ["date"] = "2026-10-08" }, url);
        fields = await IntakeAsync(app, id);
        fields["caseType"] = "grievance";
        fields["reason"] = "It was an internal grievance";
        Assert.Contains("its type can only be corrected before the handling route is decided", await RefusedAsync(investigator, fields), StringComparison.Ordinal);
        fields["caseType"] = "public_complaint";
        fields["receivedOn"] = "2026-10-09";
        fields["recordedOn"] = "2026-10-09";
        Assert.Contains("cannot be after the handling decision (8 Oct 2026)", await RefusedAsync(investigator, fields), StringComparison.Ordinal);

        // A restricted case cannot be corrected by someone who may not see it: it is not there for them.
        await investigator.PostFormAsync(url + "/restrict", new() { ["version"] = (await IntakeAsync(app, id))["version"], ["principals"] = "", ["reason"] = "Subject is a DPS officer" }, url);
        var handler = await app.SignInAsync("handler");
        fields = await IntakeAsync(app, id);
        fields["summary"] = "Overwritten by someone without need to know";
        fields["reason"] = "curiosity";
        var hidden = await handler.Http.PostAsync(url + "/correct-intake", new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = await handler.GetFormTokenAsync("/cases") }), Ct);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Contains("outside Camden Town station", await OkAsync(investigator, url), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task The_api_corrects_intake_and_refuses_dates_outside_the_calendar(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var handler = await app.SignInAsync("handler");
        var token = (await handler.Http.GetFromJsonAsync<JsonElement>("/api/antiforgery", Ct)).GetProperty("token").GetString()!;
        async Task<HttpResponseMessage> PostAsync(string url, object body)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
            request.Headers.Add("X-CSRF-TOKEN", token);
            return await handler.Http.SendAsync(request, Ct);
        }
        async Task<string> RefusalAsync(HttpResponseMessage response)
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString()!;
        }

        var intake = new { caseType = "conduct_matter", receivedOn = "1900-01-01", source = "internal", locationUnitId = "bor-lambeth", summary = "Misuse of systems", allegations = new[] { new { category = "improper_use_of_it_systems" } } };
        Assert.Contains("The received date (1 Jan 1900) is outside the dates Probity can count working days for: 1 Jan 2000 to 31 Dec 2035.", await RefusalAsync(await PostAsync("/api/cases", intake)), StringComparison.Ordinal);
        // A system that forgets the date sends nothing, which arrives as 1 Jan 0001: refused the same way, not stored.
        Assert.Contains("The received date (1 Jan 0001) is outside", await RefusalAsync(await PostAsync("/api/cases", new { caseType = "conduct_matter", source = "internal", locationUnitId = "bor-lambeth", summary = "x", allegations = new[] { new { category = "improper_use_of_it_systems" } } })), StringComparison.Ordinal);

        var created = await PostAsync("/api/cases", intake with { receivedOn = "2026-11-02" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        var view = await handler.Http.GetFromJsonAsync<JsonElement>($"/api/cases/{id}", Ct);
        var version = view.GetProperty("version").GetGuid();

        Assert.Contains("The decision date (1 Jan 2099) is outside", await RefusalAsync(await PostAsync($"/api/cases/{id}/route", new { version, route = "local_investigation", decidedOn = "2099-01-01" })), StringComparison.Ordinal);
        Assert.Contains("The received date (31 Dec 2035) is in the future", await RefusalAsync(await PostAsync($"/api/cases/{id}/intake",
            new { version, type = "conduct_matter", receivedOn = "2035-12-31", recordedOn = "2035-12-31", source = "internal", locationUnitId = "bor-lambeth", summary = "Misuse of systems", reason = "typo" })), StringComparison.Ordinal);
        var ok = await PostAsync($"/api/cases/{id}/intake",
            new { version, type = "conduct_matter", receivedOn = "2026-10-30", recordedOn = view.GetProperty("recordedOn").GetString(), source = "audit", locationUnitId = "bor-lambeth", summary = "Misuse of systems", reason = "Raised from the audit log, received the Friday before" });
        Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
        var again = await PostAsync($"/api/cases/{id}/intake",
            new { version, type = "conduct_matter", receivedOn = "2026-10-29", recordedOn = view.GetProperty("recordedOn").GetString(), source = "audit", locationUnitId = "bor-lambeth", summary = "Misuse of systems", reason = "stale" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        view = await handler.Http.GetFromJsonAsync<JsonElement>($"/api/cases/{id}", Ct);
        Assert.Equal("2026-10-30", view.GetProperty("receivedOn").GetString());
        Assert.Equal("audit", view.GetProperty("source").GetString());
        Assert.Equal(0, view.GetProperty("warnings").GetArrayLength());
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Every_entry_point_refuses_a_date_outside_the_calendar_naming_the_field_and_the_range(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        const string range = "1 Jan 2000 to 31 Dec 2035";
        var handler = await app.SignInAsync("handler");

        // The new-case form keeps what was typed and says what is wrong; nothing is stored.
        var form = await handler.PostFormAsync("/cases/new", new()
        {
            ["Input.CaseType"] = "public_complaint", ["Input.Source"] = "public", ["Input.ReceivedOn"] = "1900-01-01", ["Input.RecordedOn"] = "2026-11-02",
            ["Input.LocationUnitId"] = "bor-croydon", ["Input.Summary"] = "Received a century ago", ["Input.Allegations[0].Category"] = "incivility",
        });
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var body = WebUtility.HtmlDecode(await form.Content.ReadAsStringAsync(Ct));
        Assert.Contains($"The received date (1 Jan 1900) is outside the dates Probity can count working days for: {range}.", body, StringComparison.Ordinal);
        Assert.Contains("Received a century ago", body, StringComparison.Ordinal);
        await using (var scope = app.SystemScope())
            Assert.False(await scope.ServiceProvider.GetRequiredService<ProbityDb>().Cases.AnyAsync(c => c.Id.StartsWith("PRB-1900-"), Ct));

        // Every form on the case page that takes a date.
        var created = await handler.PostFormAsync("/cases/new", new()
        {
            ["Input.CaseType"] = "public_complaint", ["Input.Source"] = "public", ["Input.ReceivedOn"] = "2026-10-01", ["Input.RecordedOn"] = "2026-10-01",
            ["Input.LocationUnitId"] = "bor-croydon", ["Input.Summary"] = "Entry points", ["Input.Allegations[0].Category"] = "incivility",
        });
        var url = created.Headers.Location!.ToString();
        var id = url["/cases/".Length..];
        // A refusal shows the operation's own page again; a success goes back to the case with its notice.
        async Task RefusedAsync(string operation, Dictionary<string, string> fields, string message)
        {
            fields["version"] = (await IntakeAsync(app, id))["version"];
            var response = await handler.PostFormAsync($"{url}/{operation}", fields, url);
            var done = message.Contains("recorded", StringComparison.Ordinal);
            Assert.Equal(done ? HttpStatusCode.Redirect : HttpStatusCode.UnprocessableEntity, response.StatusCode);
            var answer = done ? await OkAsync(handler, url) : WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));
            Assert.Contains(message, answer, StringComparison.Ordinal);
        }
        await RefusedAsync("route", new() { ["route"] = "local_resolution", ["date"] = "1999-12-31" }, $"The decision date (31 Dec 1999) is outside the dates Probity can count working days for: {range}.");
        await RefusedAsync("decision", new() { ["decision"] = "Decided not to refer to the IPCC", ["date"] = "2036-01-01", ["reason"] = "r" }, "The decision date (1 Jan 2036) is outside");
        await RefusedAsync("lodge-appeal", new() { ["appealType"] = "non_recording", ["date"] = "0001-01-01" }, "The lodged date (1 Jan 0001) is outside");
        await RefusedAsync("route", new() { ["route"] = "local_resolution", ["date"] = "2026-10-02" }, "Handling route recorded");
        await RefusedAsync("finding", new() { ["allegationId"] = id + "-A1", ["finding"] = "locally_resolved", ["date"] = "9999-12-31" }, "The finding date (31 Dec 9999) is outside");
        await RefusedAsync("finding", new() { ["allegationId"] = id + "-A1", ["finding"] = "locally_resolved", ["date"] = "2026-10-20" }, "Finding recorded");
        await RefusedAsync("finalise", new() { ["date"] = "2026-10-19" }, "The finalised date (19 Oct 2026) cannot be before the finding on allegation");
        await RefusedAsync("finalise", new() { ["date"] = "1900-01-01" }, "The finalised date (1 Jan 1900) is outside");

        // An officer's outcome follows the finding it rests on.
        string officer;
        await using (var scope = app.SystemScope())
            officer = await scope.ServiceProvider.GetRequiredService<ProbityDb>().Staff.Where(x => x.StaffType == "officer" && x.LeftOn == null).OrderBy(x => x.Id).Select(x => x.Id).FirstAsync(Ct);
        var investigated = await handler.PostFormAsync("/cases/new", new()
        {
            ["Input.CaseType"] = "conduct_matter", ["Input.Source"] = "internal", ["Input.ReceivedOn"] = "2026-10-01", ["Input.RecordedOn"] = "2026-10-01",
            ["Input.LocationUnitId"] = "bor-croydon", ["Input.Summary"] = "Outcome ordering", ["Input.Allegations[0].Category"] = "incivility", ["Input.Allegations[0].StaffId"] = officer,
        });
        url = investigated.Headers.Location!.ToString();
        id = url["/cases/".Length..];
        await RefusedAsync("route", new() { ["route"] = "local_investigation", ["date"] = "2026-10-02" }, "Handling route recorded");
        await RefusedAsync("finding", new() { ["allegationId"] = id + "-A1", ["finding"] = "substantiated", ["date"] = "2026-10-20" }, "Finding recorded");
        await RefusedAsync("outcome", new() { ["staffId"] = officer, ["outcome"] = "written_warning", ["date"] = "2026-10-19" },
            $"The decision date (19 Oct 2026) cannot be before the finding on allegation {id}-A1 (20 Oct 2026).");
        await RefusedAsync("outcome", new() { ["staffId"] = officer, ["outcome"] = "written_warning", ["date"] = "2036-10-19" }, "The decision date (19 Oct 2036) is outside");
        await RefusedAsync("outcome", new() { ["staffId"] = officer, ["outcome"] = "written_warning", ["date"] = "2026-10-20" }, "Outcome recorded.");

        // Query strings: a refusal naming the field and the range, not a 500.
        var senior = await app.SignInAsync("senior");
        foreach (var (query, message) in new[]
        {
            ("/performance?asOf=2099-01-01", $"The as-of date (1 Jan 2099) is outside the dates Probity can count working days for: {range}."),
            ("/performance?asOf=2010-12-31&period=2035-Q4", "The period Q4 2035/36"),
            ("/performance?asOf=2010-12-31&period=0000-Q1", "0 is not a financial year"),
            ("/risk?asOf=1900-01-01", "The as-at date (1 Jan 1900) is outside"),
            ("/risk/themes?asOf=0001-01-01", "The as-at date (1 Jan 0001) is outside"),
            ("/risk/meeting?on=9999-12-31", "The meeting date (31 Dec 9999) is outside"),
        })
        {
            var response = await senior.Http.GetAsync(query, Ct);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Contains(message, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        }
        var who = await OkAsync(senior, "/monitoring/who-accessed?subject=p1&to=9999-12-31");
        Assert.Contains("The last day (31 Dec 9999) is outside", who, StringComparison.Ordinal);
        var sample = await senior.PostFormAsync("/monitoring/sampling", new() { ["Input.From"] = "1900-01-01", ["Input.To"] = "1900-01-07", ["Input.PerUser"] = "5", ["Input.UnitId"] = "bor-croydon" });
        Assert.Equal(HttpStatusCode.OK, sample.StatusCode);
        Assert.Contains("The first day (1 Jan 1900) is outside", WebUtility.HtmlDecode(await sample.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        var report = await senior.PostFormAsync("/performance/report", new() { ["year"] = "2035", ["quarter"] = "4", ["unit"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, report.StatusCode);
        Assert.Contains("The period Q4 2035/36", await OkAsync(senior, "/performance/report"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_command_line_refuses_dates_outside_the_calendar_with_the_field_and_the_range()
    {
        var work = Directory.CreateTempSubdirectory("probity-cli-").FullName;
        try
        {
            string[] store = [$"--ConnectionStrings:Probity=Data Source={Path.Combine(work, "cli.db")}", $"--Probity:Keys:Folder={Path.Combine(work, "keys")}",
                $"--Probity:AccessMonitoring:Store={Path.Combine(work, "events")}"];
            foreach (var (args, message) in new (string[], string)[]
            {
                (["pmf", "--as-of", "2099-01-01", "--json"], "--as-of (1 Jan 2099) is outside the dates Probity can count working days for: 1 Jan 2000 to 31 Dec 2035."),
                (["pmf", "--as-of", "2010-12-31", "--period", "1999-01-01..1999-03-31"], "The period 1 Jan 1999 – 31 Mar 1999 is outside"),
                (["risk", "score", "--as-of", "1900-01-01", "--out", Path.Combine(work, "scores.csv")], "--as-of (1 Jan 1900) is outside"),
                (["audit", "detect", "--from", "1999-12-31"], "--from (31 Dec 1999) is outside"),
                (["audit", "who-accessed", "--subject", "p1", "--from", "2036-01-01T00:00:00Z", "--to", "2036-01-02T00:00:00Z"], "--from (1 Jan 2036) is outside"),
                (["demo-bundle", "--out", Path.Combine(work, "bundle"), "--until", "2002-12-31", "--years", "4"], "The first day of 4 years of demo history (--years, Probity:Demo:Years) (1 Jan 1999) is outside"),
            })
            {
                var (exit, stderr) = await RunCliAsync([.. args, .. store], work);
                Assert.True(exit == 2, $"probity {string.Join(' ', args)} exited {exit}: {stderr}");
                Assert.Contains(message, stderr, StringComparison.Ordinal);
            }
            Assert.False(File.Exists(Path.Combine(work, "scores.csv")));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Runs the real executable, as an operator would.</summary>
    private static async Task<(int Exit, string Stderr)> RunCliAsync(string[] args, string workingDirectory)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "probity.exe" : "probity"))
        {
            WorkingDirectory = workingDirectory, RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        await stdout;
        return (process.ExitCode, await stderr);
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_bundle_with_a_case_date_outside_the_calendar_writes_nothing(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider, demo: false);
        var folder = Directory.CreateTempSubdirectory("probity-bundle-").FullName;
        Probity.Interchange.Pif.PifWriter.Write(Probity.DemoForce.DemoForceGenerator.Generate(new(7, new DateOnly(2010, 12, 31), Years: 1, Scale: 1)), folder);
        var cases = Path.Combine(folder, "cases.csv");
        var lines = await File.ReadAllLinesAsync(cases, Ct);
        var fields = lines[5].Split(',');
        fields[3] = "1900-01-01"; // received_on
        lines[5] = string.Join(',', fields);
        await File.WriteAllLinesAsync(cases, lines, Ct);

        await using var scope = app.SystemScope();
        var report = await scope.ServiceProvider.GetRequiredService<Probity.Interchange.ImportBundle.ImportBundleHandler>().FromFolderAsync(folder, null, Ct);
        Assert.False(report.Succeeded);
        var error = Assert.Single(report.Errors);
        Assert.Equal(("cases.csv", 6, "received_on"), (error.File, error.Line, error.Column));
        Assert.Contains("1900-01-01 is outside 2000-01-01 to 2035-12-31", error.Reason, StringComparison.Ordinal);
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        Assert.Equal(0, await db.Cases.CountAsync(Ct));
        Assert.Equal(0, await db.Staff.CountAsync(Ct));
        Directory.Delete(folder, recursive: true);
    }
}
