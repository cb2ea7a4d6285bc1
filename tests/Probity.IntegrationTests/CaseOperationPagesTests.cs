using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probity.Database;

namespace Probity.IntegrationTests;

/// <summary>
/// Each case operation has its own page (/cases/{id}/{operation}). Opening one shows the case, so it is guarded as the
/// case page is (need-to-know, the audit trail) and, since it exists to change the case, only for those who may.
/// </summary>
public sealed class CaseOperationPagesTests(Apps apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Every operation's path and the form its page shows.</summary>
    public static readonly IReadOnlyList<(string Path, string Form)> Operations =
    [
        ("route", "decide-route"), ("allocate", "allocate"), ("assign", "assign"), ("finding", "finding"), ("outcome", "sanction"), ("lodge-appeal", "lodge-appeal"),
        ("decide-appeal", "decide-appeal"), ("decision", "decision"), ("finalise", "finalise"), ("correct-intake", "correct-intake"), ("restrict", "restrict"),
    ];

    /// <summary>A live case with a named subject, a route, a finding and an appeal awaiting decision: every operation's form is on its page.</summary>
    private static async Task<string> CaseReadyForEveryOperationAsync(ProbityApp app, SignedInClient investigator)
    {
        string officer;
        await using (var scope = app.SystemScope())
            officer = await scope.ServiceProvider.GetRequiredService<ProbityDb>().Staff.Where(s => s.StaffType == "officer" && s.LeftOn == null).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync(Ct);
        var created = await investigator.PostFormAsync("/cases/new", new()
        {
            ["Input.CaseType"] = "public_complaint", ["Input.Source"] = "public", ["Input.ReceivedOn"] = "2026-10-01", ["Input.RecordedOn"] = "2026-10-01",
            ["Input.LocationUnitId"] = "bor-camden", ["Input.Summary"] = "Operation pages", ["Input.Allegations[0].Category"] = "incivility", ["Input.Allegations[0].StaffId"] = officer,
        });
        var url = created.Headers.Location!.ToString();
        async Task DoAsync(string operation, Dictionary<string, string> fields)
        {
            fields["version"] = await CaseLifecycleTests.VersionAsync(app, url);
            var done = await investigator.PostFormAsync($"{url}/{operation}", fields, url);
            Assert.True(done.StatusCode == HttpStatusCode.Redirect, $"{operation}: {SignedInClient.Alert(await done.Content.ReadAsStringAsync(Ct))}");
        }
        await DoAsync("route", new() { ["route"] = "local_investigation", ["date"] = "2026-10-02" });
        await DoAsync("finding", new() { ["allegationId"] = url["/cases/".Length..] + "-A1", ["finding"] = "substantiated", ["date"] = "2026-10-05" });
        await DoAsync("lodge-appeal", new() { ["appealType"] = "review", ["date"] = "2026-10-06" });
        return url["/cases/".Length..];
    }

    [Fact]
    public async Task Each_operation_page_shows_its_form_for_the_case_to_those_who_may_perform_it_and_is_refused_to_others()
    {
        var app = await apps.GetAsync(Provider.Sqlite);
        var investigator = await app.SignInAsync("investigator");
        var caseId = await CaseReadyForEveryOperationAsync(app, investigator);
        var casePage = await investigator.Http.GetStringAsync($"/cases/{caseId}", Ct);

        foreach (var (path, form) in Operations)
        {
            var url = $"/cases/{caseId}/{path}";
            Assert.Contains($"href=\"{url}\"", casePage, StringComparison.Ordinal);
            var page = await investigator.Http.GetAsync(url, Ct);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var body = await page.Content.ReadAsStringAsync(Ct);
            Assert.Contains($"<form method=\"post\" class=\"card\" data-testid=\"{form}\"", body, StringComparison.Ordinal);
            Assert.Contains($"case {caseId}", body, StringComparison.Ordinal);
            Assert.Contains($"href=\"/cases/{caseId}\"", body, StringComparison.Ordinal);
        }

        // Analysts read cases but change none; oversight neither (and sees no live case); a case handler may not restrict.
        foreach (var (who, paths) in new[] { ("analyst", Operations.Select(o => o.Path)), ("oversight", Operations.Select(o => o.Path)), ("handler", ["restrict"]) })
        {
            var client = await app.SignInAsync(who);
            foreach (var path in paths)
            {
                var refused = await client.Http.GetAsync($"/cases/{caseId}/{path}", Ct);
                Assert.True(refused.StatusCode == HttpStatusCode.Redirect && refused.Headers.Location!.PathAndQuery.StartsWith("/account/denied", StringComparison.Ordinal),
                    $"{who} GET {path}: {(int)refused.StatusCode} {refused.Headers.Location}");
            }
        }
        var handler = await app.SignInAsync("handler");
        Assert.Equal(HttpStatusCode.OK, (await handler.Http.GetAsync($"/cases/{caseId}/decision", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_finalised_case_offers_only_what_may_still_be_done_to_it()
    {
        var app = await apps.GetAsync(Provider.Sqlite);
        string closed;
        await using (var scope = app.SystemScope())
            closed = await scope.ServiceProvider.GetRequiredService<ProbityDb>().Cases.Where(c => c.FinalisedOn != null && !c.Restricted).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync(Ct);
        var handler = await app.SignInAsync("handler");
        var page = await handler.Http.GetStringAsync($"/cases/{closed}", Ct);
        foreach (var gone in new[] { "route", "allocate", "assign", "finding", "finalise", "restrict" })
            Assert.DoesNotContain($"href=\"/cases/{closed}/{gone}\"", page, StringComparison.Ordinal);
        foreach (var still in new[] { "lodge-appeal", "decision", "correct-intake" })
            Assert.Contains($"href=\"/cases/{closed}/{still}\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_an_operation_page_is_recorded_as_a_view_of_the_case()
    {
        var app = await apps.GetAsync(Provider.Sqlite);
        var investigator = await app.SignInAsync("investigator");
        var caseId = await CaseReadyForEveryOperationAsync(app, investigator);
        async Task<int> ViewsAsync()
        {
            await using var scope = app.SystemScope();
            return await scope.ServiceProvider.GetRequiredService<ProbityDb>().AuditEntries
                .CountAsync(e => e.Target == "case:" + caseId && e.Action == "view" && e.Actor == "investigator", Ct);
        }
        foreach (var (path, _) in Operations)
        {
            var before = await ViewsAsync();
            Assert.Equal(HttpStatusCode.OK, (await investigator.Http.GetAsync($"/cases/{caseId}/{path}", Ct)).StatusCode);
            Assert.True(await ViewsAsync() == before + 1, $"GET {path} was not recorded as one view of case {caseId}");
        }
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_restricted_case_has_no_operation_pages_for_those_outside_its_grant(Provider provider)
    {
        var app = await apps.GetAsync(provider); // the case is its own, restricted to its maker
        var investigator = await app.SignInAsync("investigator");
        var caseId = await CaseReadyForEveryOperationAsync(app, investigator);
        var restricted = await investigator.PostFormAsync($"/cases/{caseId}/restrict", new() { ["version"] = await CaseLifecycleTests.VersionAsync(app, $"/cases/{caseId}"), ["principals"] = "", ["reason"] = "Subject is a DPS officer" }, $"/cases/{caseId}");
        Assert.Equal(HttpStatusCode.Redirect, restricted.StatusCode);

        var senior = await app.SignInAsync("senior"); // may edit and restrict cases, but is not on this one's list
        var ghost = "PRB-1990-99999";
        Assert.Equal(HttpStatusCode.NotFound, (await senior.Http.GetAsync($"/cases/{caseId}", Ct)).StatusCode);
        foreach (var (path, _) in Operations)
        {
            var hidden = await senior.Http.GetAsync($"/cases/{caseId}/{path}", Ct);
            var missing = await senior.Http.GetAsync($"/cases/{ghost}/{path}", Ct);
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Equal((await missing.Content.ReadAsStringAsync(Ct)).Replace(ghost, caseId, StringComparison.Ordinal), await hidden.Content.ReadAsStringAsync(Ct));
            Assert.Equal(HttpStatusCode.OK, (await investigator.Http.GetAsync($"/cases/{caseId}/{path}", Ct)).StatusCode);
        }
        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Target == "case:" + caseId && e.Action == "view" && e.Actor == "senior", Ct));
        // Trying references is on the trail, the hidden case and the missing one alike (the answer stays 404 for both).
        Assert.True(await db.AuditEntries.CountAsync(e => e.Target == "case:" + caseId && e.Action == "not_found" && e.Actor == "senior", Ct) >= Operations.Count + 1);
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Target == "case:" + ghost && e.Action == "not_found" && e.Actor == "senior", Ct));
    }

    [Fact]
    public async Task A_refused_operation_is_on_the_trail_as_a_refusal_naming_the_operation_and_why_not_as_another_view()
    {
        var app = await apps.GetAsync(Provider.Sqlite);
        var investigator = await app.SignInAsync("investigator");
        var caseId = await CaseReadyForEveryOperationAsync(app, investigator);
        var url = $"/cases/{caseId}/finalise";
        var refused = await investigator.PostFormAsync(url, new() { ["version"] = await CaseLifecycleTests.VersionAsync(app, $"/cases/{caseId}"), ["date"] = "2026-10-01" }, url);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var message = SignedInClient.Alert(await refused.Content.ReadAsStringAsync(Ct));
        Assert.False(string.IsNullOrEmpty(message));
        await using var scope = app.SystemScope();
        var last = await scope.ServiceProvider.GetRequiredService<ProbityDb>().AuditEntries.Where(e => e.Target == "case:" + caseId && e.Actor == "investigator")
            .OrderByDescending(e => e.Sequence).FirstAsync(Ct);
        Assert.Equal("refused", last.Action);
        Assert.StartsWith(url + ": ", last.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_a_finding_already_recorded_needs_a_reason_and_names_the_outcome_resting_on_it()
    {
        var app = await apps.GetAsync(Provider.Sqlite);
        var investigator = await app.SignInAsync("investigator");
        var caseId = await CaseReadyForEveryOperationAsync(app, investigator); // A1 substantiated
        var url = $"/cases/{caseId}";
        string officer;
        await using (var scope = app.SystemScope())
            officer = (await scope.ServiceProvider.GetRequiredService<ProbityDb>().Allegations.SingleAsync(a => a.Id == caseId + "-A1", Ct)).StaffId!;
        var outcome = await investigator.PostFormAsync($"{url}/outcome", new() { ["version"] = await CaseLifecycleTests.VersionAsync(app, url), ["staffId"] = officer, ["outcome"] = "written_warning", ["date"] = "2026-10-07" }, url);
        Assert.True(outcome.StatusCode == HttpStatusCode.Redirect, SignedInClient.Alert(await outcome.Content.ReadAsStringAsync(Ct)));

        Dictionary<string, string> Reverse(string version, string? reason) => new()
            { ["version"] = version, ["allegationId"] = caseId + "-A1", ["finding"] = "not_substantiated", ["date"] = "2026-10-08", ["reason"] = reason ?? "" };
        var refused = await investigator.PostFormAsync($"{url}/finding", Reverse(await CaseLifecycleTests.VersionAsync(app, url), null), $"{url}/finding");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains($"Give the reason for changing the finding on {caseId}-A1 from substantiated to not substantiated (the outcome recorded for this officer on the case, written warning, stands unless corrected).",
            SignedInClient.Alert(await refused.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);

        var changed = await investigator.PostFormAsync($"{url}/finding", Reverse(await CaseLifecycleTests.VersionAsync(app, url), "Body-worn video reviewed on appeal"), url);
        Assert.True(changed.StatusCode == HttpStatusCode.Redirect, SignedInClient.Alert(await changed.Content.ReadAsStringAsync(Ct)));
        var page = WebUtility.HtmlDecode(await investigator.Http.GetStringAsync(url, Ct));
        Assert.Contains("finding changed from substantiated to not substantiated; the outcome recorded for this officer (written warning) stands", page, StringComparison.Ordinal);
        Assert.Contains("Body-worn video reviewed on appeal", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_case_an_operation_changes_is_the_one_its_address_names_not_one_a_form_field_names()
    {
        var app = await apps.GetAsync(Provider.Sqlite);
        var investigator = await app.SignInAsync("investigator");
        var named = await CaseReadyForEveryOperationAsync(app, investigator);
        var other = await CaseReadyForEveryOperationAsync(app, investigator);
        var otherVersion = await CaseLifecycleTests.VersionAsync(app, $"/cases/{other}");
        var namedVersion = await CaseLifecycleTests.VersionAsync(app, $"/cases/{named}");
        // The form carries the other case's id: the operation must reach the case its address names, and only that one.
        var done = await investigator.PostFormAsync($"/cases/{named}/allocate", new() { ["id"] = other, ["version"] = namedVersion, ["unitId"] = "bor-brent", ["reason"] = "moved" }, $"/cases/{named}/allocate");
        Assert.True(done.StatusCode == HttpStatusCode.Redirect, SignedInClient.Alert(await done.Content.ReadAsStringAsync(Ct)));
        Assert.Equal($"/cases/{named}", done.Headers.Location!.ToString());
        Assert.NotEqual(namedVersion, await CaseLifecycleTests.VersionAsync(app, $"/cases/{named}"));
        Assert.Equal(otherVersion, await CaseLifecycleTests.VersionAsync(app, $"/cases/{other}"));
    }

    [Fact]
    public async Task Lodging_an_appeal_takes_the_next_appeal_number_no_case_holds_even_where_an_import_used_it()
    {
        var app = await apps.GetAsync(Provider.Sqlite);
        var investigator = await app.SignInAsync("investigator");
        var caseId = await CaseReadyForEveryOperationAsync(app, investigator);  // holds {caseId}-AP1, awaiting a decision
        var other = await CaseReadyForEveryOperationAsync(app, investigator);
        await using (var scope = app.SystemScope())
        {
            // An earlier system's export gave one of the other case's appeals the id this case's next appeal would take.
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            db.Appeals.Add(new Probity.Cases.Contracts.Appeal { Id = $"{caseId}-AP2", CaseId = other, AppealType = "review", LodgedOn = new DateOnly(2026, 10, 7), DecidedOn = new DateOnly(2026, 10, 8), Upheld = false });
            scope.ServiceProvider.GetRequiredService<Probity.AuditTrail.Contracts.Audit>().Change("test_arrange", "case:" + other, "imported appeal");
            await db.SaveChangesAsync(Ct);
        }
        var url = $"/cases/{caseId}";
        var decided = await investigator.PostFormAsync($"{url}/decide-appeal", new() { ["version"] = await CaseLifecycleTests.VersionAsync(app, url), ["appealId"] = $"{caseId}-AP1", ["upheld"] = "false", ["date"] = "2026-10-09" }, url);
        Assert.True(decided.StatusCode == HttpStatusCode.Redirect, SignedInClient.Alert(await decided.Content.ReadAsStringAsync(Ct)));
        var lodged = await investigator.PostFormAsync($"{url}/lodge-appeal", new() { ["version"] = await CaseLifecycleTests.VersionAsync(app, url), ["appealType"] = "review", ["date"] = "2026-10-10" }, url);
        Assert.True(lodged.StatusCode == HttpStatusCode.Redirect, SignedInClient.Alert(await lodged.Content.ReadAsStringAsync(Ct)));
        await using (var scope = app.SystemScope())
            Assert.Equal([$"{caseId}-AP1", $"{caseId}-AP3"], await scope.ServiceProvider.GetRequiredService<ProbityDb>().Appeals.Where(a => a.CaseId == caseId).OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(Ct));
    }
}
