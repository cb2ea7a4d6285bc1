using System.Globalization;
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
using Probity.IntegrationTests.NeedToKnow;

namespace Probity.IntegrationTests;

/// <summary>
/// A restricted case never sits with a borough (ADR 0026 addendum "Restricted cases never sit with a borough"), through
/// real HTTP on both databases: allocation to a borough, local handling and restricting a case a borough handles are
/// refused naming the field and the borough; the PIF-1 import refuses a cases.csv row that puts a restricted case at a
/// borough and a units.csv row that makes its unit a borough, naming file, line and column and writing nothing; a reader
/// who may not see the case gets the generic not-found (or the import's generic refusal) instead, so the refusal is no
/// oracle; the borough's champion never sees the case. Apps of their own: they add units, users and restricted cases.
/// </summary>
public sealed partial class BoroughRestrictedCaseTests
{
    private const string CasesHeader = "case_id,case_type,regime,received_on,recorded_on,source,location_unit_id,handling_unit_id,handling_route,route_decided_on,finalised_on,referred_to_ipcc";
    private const string UnitsHeader = "unit_id,name,kind,parent_unit_id,resident_population";
    private const string StaffHeader = "staff_id,display_name,staff_type,rank,unit_id,joined_on,left_on,gender,ethnicity,vetting_level,vetting_expires_on";

    /// <summary>A bundle: units.csv and staff.csv are in every one (PIF-1), references resolve within it.</summary>
    private static Dictionary<string, string> Bundle(string[] units, params (string File, string Content)[] more)
    {
        var files = new Dictionary<string, string> { ["units.csv"] = CanaryForce.Csv(UnitsHeader, units), ["staff.csv"] = CanaryForce.Csv(StaffHeader) };
        foreach (var (file, content) in more) files[file] = content;
        return files;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<string> VersionAsync(SignedInClient client, string id) =>
        (await client.Http.GetFromJsonAsync<JsonElement>($"/api/cases/{id}", Ct)).GetProperty("version").GetGuid().ToString();

    private static async Task<(string Id, string Name)> BoroughAsync(ProbityApp app)
    {
        await using var scope = app.SystemScope();
        var borough = await scope.ServiceProvider.GetRequiredService<ProbityDb>().Units.Where(u => u.Kind == "borough").OrderBy(u => u.Id).Select(u => new { u.Id, u.Name }).FirstAsync(Ct);
        return (borough.Id, borough.Name);
    }

    private static async Task KeepToBoroughAsync(ProbityApp app, string user, string role, string borough)
    {
        await app.AddUserAsync(user, role);
        await using var scope = app.SystemScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ProbityUser>>();
        var account = (await users.FindByNameAsync(user))!;
        account.BoroughUnitId = borough;
        Assert.True((await users.UpdateAsync(account)).Succeeded);
    }

    private static async Task<(string? Unit, bool Restricted)> StoredAsync(ProbityApp app, string id)
    {
        await using var scope = app.SystemScope();
        var c = await scope.ServiceProvider.GetRequiredService<ProbityDb>().Cases.AsNoTracking().SingleAsync(x => x.Id == id, Ct);
        return (c.HandlingUnitId, c.Restricted);
    }

    private static async Task<string> RecordAsync(ProbityApp app, SignedInClient client, string location, string handling, string summary)
    {
        var today = app.Time.Today();
        string officer;
        await using (var scope = app.SystemScope())
            officer = await scope.ServiceProvider.GetRequiredService<ProbityDb>().Staff.Where(s => s.StaffType == "officer" && s.LeftOn == null).OrderBy(s => s.Id).Skip(70).Select(s => s.Id).FirstAsync(Ct);
        var id = await CanaryForce.RecordByApiAsync(client, new
        {
            caseType = "conduct_matter", receivedOn = Iso(today.AddDays(-30)), recordedOn = Iso(today.AddDays(-29)), source = "internal",
            locationUnitId = location, handlingUnitId = handling, summary,
            allegations = new[] { new { category = "corrupt_practice", staffId = officer } },
        });
        var assessed = await client.PostApiAsync($"/api/cases/{id}/severity", new { version = await VersionAsync(client, id), staffId = officer, severity = "misconduct", assessedOn = Iso(today.AddDays(-10)), rationale = "Short of gross misconduct." }, Ct);
        Assert.Equal(HttpStatusCode.NoContent, assessed.StatusCode);
        return id;
    }

    private static async Task<HttpResponseMessage> RestrictAsync(SignedInClient client, string id) =>
        await client.PostFormAsync($"/cases/{id}/restrict", new() { ["version"] = await VersionAsync(client, id), ["principals"] = "senior", ["reason"] = "Corruption: need to know" }, $"/cases/{id}");

    private static async Task<string> AlertAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"expected the form again (422), got {(int)response.StatusCode}: {SignedInClient.Alert(html)}");
        return WebUtility.HtmlDecode(SignedInClient.Alert(html));
    }

    // 1. Allocation, local handling and restriction: each refused, naming the field and the borough; the case stays where it was.
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_restricted_case_is_never_allocated_handed_or_restricted_at_a_borough(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider);
        var today = app.Time.Today();
        var (borough, boroughName) = await BoroughAsync(app);
        await KeepToBoroughAsync(app, "champion", Roles.BoroughChampion, borough);
        var investigator = await app.SignInAsync("investigator");
        var champion = await app.SignInFreshAsync("champion");

        var id = await RecordAsync(app, investigator, borough, "dps-investigations", "Officer said to sell police information");
        Assert.Equal(HttpStatusCode.Redirect, (await RestrictAsync(investigator, id)).StatusCode);

        // Allocation by hand to the borough: the form again, naming the field, the case and the borough.
        var allocated = await investigator.PostFormAsync($"/cases/{id}/allocate", new() { ["version"] = await VersionAsync(investigator, id), ["unitId"] = borough, ["reason"] = "The borough's" }, $"/cases/{id}/allocate");
        Assert.StartsWith($"Handling unit: Case {id} is restricted on a need-to-know basis, so it stays with the Directorate: it is not given to {boroughName}", await AlertAsync(allocated), StringComparison.Ordinal);

        // Local handling through the API: 422 with the same sentence.
        var local = await investigator.PostApiAsync($"/api/cases/{id}/local-handling", new { version = await VersionAsync(investigator, id), on = Iso(today) }, Ct);
        var body = await local.Content.ReadAsStringAsync(Ct);
        Assert.True(local.StatusCode == HttpStatusCode.UnprocessableEntity, $"local handling answered {(int)local.StatusCode}: {body}");
        Assert.StartsWith($"Handling unit: Case {id} is restricted on a need-to-know basis", JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(("dps-investigations", true), await StoredAsync(app, id));

        // Restricting a case the borough handles: refused with what to do instead; allocated to the Directorate, then restricted.
        var local2 = await RecordAsync(app, investigator, borough, borough, "Officer said to pass on an address");
        var refused = await RestrictAsync(investigator, local2);
        Assert.Equal($"Handling unit: Case {local2} is handled by {boroughName}, a borough, and a restricted case never sits with a borough: its champions are not " +
            "among those a restricted case is opened to. Allocate it to a Directorate unit first, then restrict it.", await AlertAsync(refused));
        Assert.Equal((borough, false), await StoredAsync(app, local2));
        Assert.Equal(HttpStatusCode.OK, (await champion.Http.GetAsync($"/api/cases/{local2}", Ct)).StatusCode);
        var moved = await investigator.PostFormAsync($"/cases/{local2}/allocate", new() { ["version"] = await VersionAsync(investigator, local2), ["unitId"] = "dps-anti-corruption" }, $"/cases/{local2}/allocate");
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await RestrictAsync(investigator, local2)).StatusCode);
        Assert.Equal(("dps-anti-corruption", true), await StoredAsync(app, local2));

        // The champion never sees either restricted case: by address, page or list.
        foreach (var hidden in new[] { id, local2 })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await champion.Http.GetAsync($"/api/cases/{hidden}", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await champion.Http.GetAsync($"/cases/{hidden}", Ct)).StatusCode);
            Assert.DoesNotContain(hidden, await champion.Http.GetStringAsync("/api/cases", Ct), StringComparison.Ordinal);
        }

        // Every refusal is on the trail, naming the case and why.
        var trail = await app.TrailAsync();
        var refusals = trail.Where(e => e.Actor == "investigator" && e.Action == "refused").Select(e => (e.Target, Detail: e.Detail ?? "")).ToList();
        Assert.Contains(refusals, r => r.Target == "case:" + id && r.Detail.StartsWith($"/cases/{id}/allocate:", StringComparison.Ordinal) && r.Detail.Contains("stays with the Directorate", StringComparison.Ordinal));
        Assert.Contains(refusals, r => r.Target == "case:" + local2 && r.Detail.StartsWith($"/cases/{local2}/restrict:", StringComparison.Ordinal) && r.Detail.Contains("then restrict it", StringComparison.Ordinal));
    }

    // 2. The adversary: someone who may edit cases but not see this one asks the same three things. Each answers exactly as for
    // a case that does not exist (404, the same words with the id changed), so the refusal cannot tell them it is there.
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_reader_who_may_not_see_the_restricted_case_gets_the_generic_not_found(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider);
        var today = app.Time.Today();
        var (borough, _) = await BoroughAsync(app);
        await app.AddUserAsync("outsider", Roles.Investigator);
        var investigator = await app.SignInAsync("investigator");
        var outsider = await app.SignInFreshAsync("outsider");
        var id = await RecordAsync(app, investigator, borough, "dps-investigations", "Officer said to tip off a suspect");
        Assert.Equal(HttpStatusCode.Redirect, (await RestrictAsync(investigator, id)).StatusCode);
        var version = await VersionAsync(investigator, id);
        const string Ghost = "PRB-1990-00001";

        async Task<(HttpStatusCode, string)> AskAsync(string caseId)
        {
            var allocate = await outsider.PostFormAsync($"/cases/{caseId}/allocate", new() { ["version"] = version, ["unitId"] = borough }, "/");
            var restrict = await outsider.PostFormAsync($"/cases/{caseId}/restrict", new() { ["version"] = version, ["principals"] = "outsider", ["reason"] = "x" }, "/");
            var local = await outsider.PostApiAsync($"/api/cases/{caseId}/local-handling", new { version, on = Iso(today) }, Ct);
            var detail = JsonDocument.Parse(await local.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("detail").GetString()!.Replace(caseId, "{id}", StringComparison.Ordinal);
            Assert.True(allocate.StatusCode == restrict.StatusCode && restrict.StatusCode == local.StatusCode, $"{caseId}: {allocate.StatusCode} {restrict.StatusCode} {local.StatusCode}");
            return (local.StatusCode, detail);
        }
        var real = await AskAsync(id);
        Assert.Equal(HttpStatusCode.NotFound, real.Item1);
        Assert.Equal(await AskAsync(Ghost), real);
        Assert.DoesNotContain("borough", real.Item2, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(("dps-investigations", true), await StoredAsync(app, id));
        Assert.Contains(await app.TrailAsync(), e => e.Actor == "outsider" && e.Action == "not_found" && e.Target == "case:" + id);
    }

    [GeneratedRegex("<tr><td>error</td><td>(?<file>[^<]*)</td><td>(?<line>[^<]*)</td><td>(?<column>[^<]*)</td><td>(?<reason>[^<]*)</td></tr>")]
    private static partial Regex IssueRow();

    private static async Task<IReadOnlyList<(string File, string Line, string Column, string Reason)>> RefusedImportAsync(SignedInClient client, Dictionary<string, string> files)
    {
        var (job, page) = await CanaryForce.ImportFilesAsync(client, files);
        Assert.False(page.Contains("data-testid=\"import-done\"", StringComparison.Ordinal), $"import {job} was written");
        Assert.Contains("data-testid=\"import-rejected\"", page, StringComparison.Ordinal);
        return [.. IssueRow().Matches(page).Select(m => (m.Groups["file"].Value, m.Groups["line"].Value, m.Groups["column"].Value, WebUtility.HtmlDecode(m.Groups["reason"].Value)))];
    }

    // 3. The import: a cases.csv row that moves a restricted case to a borough, and a units.csv row that makes its unit a
    // borough, are each refused naming file, line and column; nothing in the bundle is written (the other rows neither).
    // Someone who may not see the case gets the import's generic refusal, naming no case.
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task The_import_never_puts_a_restricted_case_at_a_borough_and_writes_nothing(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider);
        var today = app.Time.Today();
        var (borough, boroughName) = await BoroughAsync(app);
        await app.AddUserAsync("outsider-senior", Roles.SeniorManager);
        var senior = await app.SignInAsync("senior");
        var investigator = await app.SignInAsync("investigator");

        // A Directorate cell of its own, through the import, holding one restricted case (granted to senior).
        var (created, done) = await CanaryForce.ImportFilesAsync(senior, Bundle(["tst-acu,Test Anti-Corruption Cell,team,,"]));
        Assert.True(done.Contains("data-testid=\"import-done\"", StringComparison.Ordinal), $"import {created} of the cell was not written");
        var id = await RecordAsync(app, investigator, borough, "tst-acu", "Officer said to run checks for a crime group");
        Assert.Equal(HttpStatusCode.Redirect, (await RestrictAsync(investigator, id)).StatusCode);
        var received = Iso(today.AddDays(-30));

        // cases.csv: a new, harmless case on line 2, the restricted case moved to the borough on line 3.
        var boroughRow = $"{borough},{boroughName},borough,,";
        var moved = await RefusedImportAsync(senior, Bundle([boroughRow, "cst,DPS Customer Service Team,cst,,"], ("cases.csv", CanaryForce.Csv(CasesHeader,
            $"TST-NEW-00001,public_complaint,,{received},{received},public,{borough},cst,,,,false",
            $"{id},conduct_matter,,{received},{Iso(today.AddDays(-29))},internal,{borough},{borough},,,,false"))));
        var issue = Assert.Single(moved);
        Assert.Equal(("cases.csv", "3", "handling_unit_id"), (issue.File, issue.Line, issue.Column));
        Assert.StartsWith($"Case {id} is restricted on a need-to-know basis, so it stays with the Directorate: it is not given to {boroughName}", issue.Reason, StringComparison.Ordinal);

        // units.csv: a new unit on line 2, the cell made a borough on line 3.
        var made = await RefusedImportAsync(senior, Bundle(["tst-other,Test Other Team,team,,", "tst-acu,Test Anti-Corruption Cell,borough,,90000"]));
        issue = Assert.Single(made);
        Assert.Equal(("units.csv", "3", "kind"), (issue.File, issue.Line, issue.Column));
        Assert.Equal($"Test Anti-Corruption Cell handles 1 restricted case(s) ({id}), and a restricted case never sits with a borough: " +
            "allocate them to another Directorate unit first, then make it a borough.", issue.Reason);

        // Nothing of either bundle was written.
        await using (var scope = app.SystemScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            Assert.False(await db.Cases.AnyAsync(c => c.Id == "TST-NEW-00001", Ct));
            Assert.False(await db.Units.AnyAsync(u => u.Id == "tst-other", Ct));
            Assert.Equal("team", await db.Units.Where(u => u.Id == "tst-acu").Select(u => u.Kind).SingleAsync(Ct));
        }
        Assert.Equal(("tst-acu", true), await StoredAsync(app, id));

        // A senior manager outside the grant: the same two bundles get the generic refusal, naming no case and no restriction.
        var outsider = await app.SignInFreshAsync("outsider-senior");
        foreach (var files in new[]
        {
            Bundle([boroughRow], ("cases.csv", CanaryForce.Csv(CasesHeader, $"{id},conduct_matter,,{received},{Iso(today.AddDays(-29))},internal,{borough},{borough},,,,false"))),
            Bundle(["tst-other,Test Other Team,team,,", "tst-acu,Test Anti-Corruption Cell,borough,,90000"]),
        })
        {
            var (job, page) = await CanaryForce.ImportFilesAsync(outsider, files);
            var told = WebUtility.HtmlDecode(page);
            Assert.False(page.Contains("data-testid=\"import-done\"", StringComparison.Ordinal), $"import {job} was written");
            Assert.Contains("This bundle would change one or more cases your account may not see or change. Nothing was written.", told, StringComparison.Ordinal);
            Assert.DoesNotContain(id, told, StringComparison.Ordinal);
            Assert.DoesNotContain("restricted", told, StringComparison.OrdinalIgnoreCase);
        }
        await using (var scope = app.SystemScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            Assert.False(await db.Units.AnyAsync(u => u.Id == "tst-other", Ct));
            Assert.Equal("team", await db.Units.Where(u => u.Id == "tst-acu").Select(u => u.Kind).SingleAsync(Ct));
        }
        Assert.Equal(("tst-acu", true), await StoredAsync(app, id));
        var trail = await app.TrailAsync();
        Assert.Contains(trail, e => e.Actor == "senior" && e.Action == "import_rejected" && (e.Detail ?? "").Contains("a restricted case at a borough", StringComparison.Ordinal));
        Assert.Contains(trail, e => e.Actor == "outsider-senior" && e.Action == "import_refused" && (e.Detail ?? "").Contains(id, StringComparison.Ordinal));
    }
}
