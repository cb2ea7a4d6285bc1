using Probity.Identity.Contracts;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probity.Database;
using Probity.IntegrationTests.NeedToKnow;

namespace Probity.IntegrationTests;

/// <summary>
/// Borough-scoped accounts (ADR 0026): a borough's professional standards champion sees and handles the cases their
/// borough handles and nothing else, through the one need-to-know filter: by id, by search filter, through the API,
/// documents and letters, related cases, the officer profile, performance figures, exports and the command line. Each
/// test has an app of its own (it sets boroughs and restricts cases).
/// </summary>
public sealed class BoroughScopeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Two boroughs that handle cases of their own in the demo force, and a case of each.</summary>
    private sealed record Boroughs(string Mine, string MineName, string Other, string OtherName, string MyCase, string OtherCase, int MineVisible);

    private static async Task<Boroughs> ChooseAsync(ProbityApp app)
    {
        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        var boroughs = await db.Units.Where(u => u.Kind == "borough").Select(u => new { u.Id, u.Name }).ToListAsync(Ct);
        var ids = boroughs.Select(b => b.Id).ToList();
        var handled = (await db.Cases.Where(c => c.HandlingUnitId != null && ids.Contains(c.HandlingUnitId) && c.FinalisedOn == null && c.RecordedInErrorOn == null)
            .GroupBy(c => c.HandlingUnitId!).Select(g => new { Unit = g.Key, Count = g.Count() }).ToListAsync(Ct))
            .OrderByDescending(x => x.Count).ThenBy(x => x.Unit, StringComparer.Ordinal).Take(2).ToList();
        Assert.True(handled.Count == 2, "the demo force has two boroughs handling live cases");
        var mine = handled[0].Unit;
        var other = handled[1].Unit;
        var myCase = await db.Cases.Where(c => c.HandlingUnitId == mine && c.FinalisedOn == null && c.RecordedInErrorOn == null).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync(Ct);
        var otherCase = await db.Cases.Where(c => c.HandlingUnitId == other && c.FinalisedOn == null && c.RecordedInErrorOn == null).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync(Ct);
        var visible = await db.Cases.CountAsync(c => c.HandlingUnitId == mine && !c.Restricted, Ct);
        return new(mine, boroughs.Single(b => b.Id == mine).Name, other, boroughs.Single(b => b.Id == other).Name, myCase, otherCase, visible);
    }

    private static async Task SetBoroughAsync(SignedInClient admin, string user, string? borough)
    {
        var set = await admin.PostFormAsync($"/admin/users/{user}?handler=Borough", new()
        {
            ["Stamp"] = await UserAdministrationTests.StampAsync(admin, user), ["Borough"] = borough ?? "",
        }, $"/admin/users/{user}");
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        var shown = await admin.Http.GetStringAsync(set.Headers.Location!.ToString(), Ct);
        Assert.DoesNotContain("data-testid=\"error\"", shown, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> CasesAsync(SignedInClient client, string query = "")
    {
        var response = await client.Http.GetAsync("/api/cases" + query, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task An_administrator_sets_and_clears_a_borough_by_name_audited_and_the_champion_sees_only_that_boroughs_cases(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider);
        var b = await ChooseAsync(app);
        await app.AddUserAsync("champion", Roles.BoroughChampion);
        var admin = await app.SignInAsync("admin");

        // A champion whose account names no borough reads no case at all (never everything).
        var unscoped = await app.SignInFreshAsync("champion");
        Assert.Equal(0, (await CasesAsync(unscoped)).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await unscoped.Http.GetAsync($"/api/cases/{b.MyCase}", Ct)).StatusCode);

        // Chosen by name among the boroughs; a unit that is not a borough, or no unit, is refused with the name typed.
        var wrong = await admin.PostFormAsync("/admin/users/champion?handler=Borough", new()
        {
            ["Stamp"] = await UserAdministrationTests.StampAsync(admin, "champion"), ["Borough"] = "Atlantis",
        }, "/admin/users/champion");
        var refused = await admin.Http.GetStringAsync(wrong.Headers.Location!.ToString(), Ct);
        Assert.Contains("Borough: no borough is called &#x27;Atlantis&#x27;", refused, StringComparison.Ordinal);
        var notBorough = await admin.PostFormAsync("/admin/users/champion?handler=Borough", new()
        {
            ["Stamp"] = await UserAdministrationTests.StampAsync(admin, "champion"), ["Borough"] = "cst",
        }, "/admin/users/champion");
        Assert.Contains("no borough is called", await admin.Http.GetStringAsync(notBorough.Headers.Location!.ToString(), Ct), StringComparison.Ordinal);
        // A stale stamp is a conflict, not an overwrite.
        var stale = await admin.PostFormAsync("/admin/users/champion?handler=Borough", new() { ["Stamp"] = "stale", ["Borough"] = b.MineName }, "/admin/users/champion");
        Assert.Contains("changed since you opened it", await admin.Http.GetStringAsync(stale.Headers.Location!.ToString(), Ct), StringComparison.Ordinal);

        await SetBoroughAsync(admin, "champion", b.MineName);
        var page = await admin.Http.GetStringAsync("/admin/users/champion", Ct);
        Assert.Equal(b.MineName, SignedInClient.TestId(page, "borough"));
        // Setting the borough ended the session opened before it.
        Assert.False(await SessionTests.IsSignedInAsync(unscoped));

        var champion = await app.SignInFreshAsync("champion");
        var all = await CasesAsync(champion);
        Assert.Equal(b.MineVisible, all.GetProperty("total").GetInt32());
        var rows = all.GetProperty("cases").EnumerateArray().ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal(b.MineName, r.GetProperty("handlingUnit").GetString()));
        Assert.Equal(HttpStatusCode.OK, (await champion.Http.GetAsync($"/cases/{b.MyCase}", Ct)).StatusCode);

        var trail = await app.TrailAsync();
        Assert.Contains(trail, e => e.Action == "user_borough_set" && e.Actor == "admin" && e.Target == "user:champion"
            && e.Detail == $"borough none -> {b.Mine}; sessions ended");

        // Cleared: the champion is back to no case at all.
        await SetBoroughAsync(admin, "champion", null);
        Assert.False(await SessionTests.IsSignedInAsync(champion));
        var cleared = await app.SignInFreshAsync("champion");
        Assert.Equal(0, (await CasesAsync(cleared)).GetProperty("total").GetInt32());
        Assert.Contains(await app.TrailAsync(), e => e.Action == "user_borough_cleared" && e.Target == "user:champion" && e.Detail == $"borough {b.Mine} -> none; sessions ended");

        // An administrator cannot scope (or unscope) themselves.
        var self = await admin.PostFormAsync("/admin/users/admin?handler=Borough", new()
        {
            ["Stamp"] = await UserAdministrationTests.StampAsync(admin, "admin"), ["Borough"] = b.MineName,
        }, "/admin/users/admin");
        Assert.Contains("You cannot change your own borough", await admin.Http.GetStringAsync(self.Headers.Location!.ToString(), Ct), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_borough_champion_cannot_reach_another_boroughs_case_by_any_way_in(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider);
        var b = await ChooseAsync(app);
        await app.AddUserAsync("champion", Roles.BoroughChampion);
        // A senior manager posted to the borough is kept to it too: the scope is the account's, not the role's.
        await app.AddUserAsync("posted-senior", Roles.SeniorManager, "dps-smt");
        var admin = await app.SignInAsync("admin");
        await SetBoroughAsync(admin, "champion", b.MineName);
        await SetBoroughAsync(admin, "posted-senior", b.MineName);
        var senior = await app.SignInAsync("senior");

        // A complaint in each borough, recorded as the intake does; the other borough's gets a letter (a stored document)
        // and is linked to the champion's; one of the champion's own borough's cases is taken by the Directorate and restricted to a team they are not in.
        string officer;
        await using (var scope = app.SystemScope())
            officer = await scope.ServiceProvider.GetRequiredService<ProbityDb>().Staff.Where(s => s.StaffType == "officer" && s.LeftOn == null).OrderBy(s => s.Id).Skip(60).Select(s => s.Id).FirstAsync(Ct);
        object Complaint(string unit) => new
        {
            caseType = "public_complaint", receivedOn = "2010-12-01", recordedOn = "2010-12-02", source = "public", locationUnitId = unit, handlingUnitId = unit,
            summary = "Rude at a roadside stop", complainantName = "Pat Example", complainantContact = "01632 960000",
            allegations = new[] { new { category = "incivility", staffId = officer } },
        };
        b = b with { MyCase = await CanaryForce.RecordByApiAsync(senior, Complaint(b.Mine)), OtherCase = await CanaryForce.RecordByApiAsync(senior, Complaint(b.Other)) };
        await CanaryForce.EditAsync(senior, b.OtherCase, "letter", new() { ["Kind"] = "acknowledgement" });
        long letter;
        string restricted;
        string otherOnlyOfficer;
        List<string> otherOfficersCases;
        await using (var scope = app.SystemScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            letter = await db.CaseDocuments.Where(d => d.CaseId == b.OtherCase).Select(d => d.Id).FirstAsync(Ct);
            restricted = await db.Cases.Where(c => c.HandlingUnitId == b.Mine && c.FinalisedOn == null && c.Id != b.MyCase).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync(Ct);
            // An officer whose every allegation is in cases the other borough handles: their profile must show the champion none of them.
            otherOnlyOfficer = (await db.Allegations.Where(a => a.StaffId != null).GroupBy(a => a.StaffId!)
                .Where(g => g.All(a => a.Case!.HandlingUnitId == b.Other)).Select(g => g.Key).OrderBy(s => s).FirstAsync(Ct));
            otherOfficersCases = await db.Allegations.Where(a => a.StaffId == otherOnlyOfficer).Select(a => a.CaseId).Distinct().ToListAsync(Ct);
        }
        var linkVersion = (await senior.Http.GetFromJsonAsync<JsonElement>($"/api/cases/{b.MyCase}", Ct)).GetProperty("version").GetString()!;
        var linked = await senior.PostFormAsync($"/cases/{b.MyCase}/related?handler=Link", new()
        {
            ["version"] = linkVersion, ["relatedCase"] = b.OtherCase, ["relation"] = "same_incident", ["reason"] = "Same night, same street",
        }, $"/cases/{b.MyCase}");
        Assert.Equal(HttpStatusCode.Redirect, linked.StatusCode);
        Assert.Contains(b.OtherCase, await senior.Http.GetStringAsync($"/cases/{b.MyCase}", Ct), StringComparison.Ordinal);
        // Nobody can name the champion on the other borough's case, where they could not open it: refused, naming why.
        var otherVersion = (await senior.Http.GetFromJsonAsync<JsonElement>($"/api/cases/{b.OtherCase}", Ct)).GetProperty("version").GetString()!;
        var assign = await senior.PostFormAsync($"/cases/{b.OtherCase}/assign", new() { ["version"] = otherVersion, ["Investigator"] = "champion" }, $"/cases/{b.OtherCase}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, assign.StatusCode);
        Assert.Contains("kept to no other borough", SignedInClient.Alert(await assign.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        // A restricted case never sits with a borough (ADR 0026 addendum): the Directorate takes it first, then restricts it.
        await CanaryForce.EditAsync(senior, restricted, "allocate", new() { ["unitId"] = "dps-anti-corruption", ["reason"] = "Anti-corruption: the Directorate's" });
        await CanaryForce.EditAsync(senior, restricted, "restrict", new() { ["principals"] = "team:dps-acu", ["reason"] = "Anti-corruption: need to know" });

        foreach (var reader in new[] { "champion", "posted-senior" })
        {
            var client = await app.SignInFreshAsync(reader);
            foreach (var hidden in new[] { b.OtherCase, restricted })
            {
                // By id, on the page, the API and an operation's page: the same 404 as a case that does not exist.
                foreach (var url in new[] { $"/cases/{hidden}", $"/api/cases/{hidden}", $"/cases/{hidden}/route", $"/cases/{hidden}/contacts", $"/cases/{hidden}/related" })
                    Assert.True((await client.Http.GetAsync(url, Ct)).StatusCode == HttpStatusCode.NotFound, $"{reader}: {url} is not a 404");
                // By search filter: the id, the other borough as a unit filter, the page and the API alike.
                Assert.Equal(0, (await CasesAsync(client, $"?q={hidden}")).GetProperty("total").GetInt32());
                var listed = await client.Http.GetStringAsync($"/cases?q={hidden}&status=live", Ct);
                // The search box echoes what was typed; nothing else may name the case.
                Assert.DoesNotContain(hidden, listed.Replace($"value=\"{hidden}\"", "", StringComparison.Ordinal), StringComparison.Ordinal);
            }
            Assert.Equal(0, (await CasesAsync(client, $"?unit={b.Other}")).GetProperty("total").GetInt32());
            // Documents and letters: the other borough's letter is a 404, under its own case and under the champion's.
            Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync($"/cases/{b.OtherCase}/documents/{letter}", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync($"/cases/{b.MyCase}/documents/{letter}", Ct)).StatusCode);
            // Related cases: the link exists only for a reader who may open both.
            var mine = await client.Http.GetStringAsync($"/cases/{b.MyCase}", Ct);
            Assert.DoesNotContain(b.OtherCase, mine, StringComparison.Ordinal);
            Assert.DoesNotContain(b.OtherCase, await client.Http.GetStringAsync($"/api/cases/{b.MyCase}", Ct), StringComparison.Ordinal);
            // The officer profile lists none of the other borough's cases.
            var profile = await client.Http.GetAsync($"/officers/{otherOnlyOfficer}", Ct);
            var profileText = await profile.Content.ReadAsStringAsync(Ct);
            foreach (var id in otherOfficersCases) Assert.DoesNotContain(id, profileText, StringComparison.Ordinal);
            // Writing to the other borough's case: as missing, and nothing changes.
            var before = await SnapshotAsync(app, b.OtherCase);
            var post = await client.PostFormAsync($"/cases/{b.OtherCase}/contacts", new() { ["version"] = Guid.NewGuid().ToString(), ["On"] = "2010-12-01", ["Way"] = "call", ["Summary"] = "snooping" }, $"/cases/{b.MyCase}");
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
            Assert.Equal(before, await SnapshotAsync(app, b.OtherCase));
        }

        // The champion's role reads no shared figure, export or analytic: the force-wide view is not theirs.
        var champion = await app.SignInFreshAsync("champion");
        foreach (var url in new[] { "/performance", "/performance/litigation", "/risk", "/monitoring", "/registers/interests", "/registers/board-pack", "/interchange/export" })
        {
            var response = await champion.Http.GetAsync(url, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.PathAndQuery.StartsWith("/account/denied", StringComparison.Ordinal),
                $"{url} answered {(int)response.StatusCode} {response.Headers.Location}");
        }
        // The home page counts only the borough's cases.
        var home = await champion.Http.GetStringAsync("/", Ct);
        Assert.Contains("data-testid=\"my-cases\"", home, StringComparison.Ordinal);

        // The champion handles their borough's own case: a contact with the complainant goes on its timeline.
        var view = await champion.Http.GetFromJsonAsync<JsonElement>($"/api/cases/{b.MyCase}", Ct);
        var logged = await champion.PostFormAsync($"/cases/{b.MyCase}/contacts", new()
        {
            ["version"] = view.GetProperty("version").GetString()!, ["On"] = "2010-12-01", ["Way"] = "call", ["Summary"] = "Rang the complainant with an update",
        }, $"/cases/{b.MyCase}");
        Assert.Equal(HttpStatusCode.Redirect, logged.StatusCode);
        Assert.Contains(await app.TrailAsync(), e => e.Actor == "champion" && e.Target == "case:" + b.MyCase && e.Action == "update");

        // Every hidden read is on the trail as not found, never as a view.
        var trail = await app.TrailAsync();
        Assert.DoesNotContain(trail, e => e.Actor == "champion" && e.Action == "view" && e.Target == "case:" + b.OtherCase);
        Assert.DoesNotContain(trail, e => e.Actor == "champion" && e.Action == "view" && e.Target == "case:" + restricted);
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task The_command_line_as_a_borough_champion_is_kept_to_the_borough(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider);
        var b = await ChooseAsync(app);
        await app.AddUserAsync("champion", Roles.BoroughChampion);
        await SetBoroughAsync(await app.SignInAsync("admin"), "champion", b.MineName);
        await app.SignInFreshAsync("champion");
        // The export is not the champion's (Export policy): refused with exit code 2 whatever they ask for.
        var (code, output) = await app.RunCliAsync("champion", "export", "--out", Path.Combine(Path.GetTempPath(), "probity-borough-" + Guid.NewGuid().ToString("N")));
        Assert.NotEqual(0, code);
        Assert.DoesNotContain(b.OtherCase, output, StringComparison.Ordinal);
        Assert.Contains(await app.TrailAsync(), e => e.Actor == "champion" && e.Action == "denied");
    }

    private static async Task<string> SnapshotAsync(ProbityApp app, string caseId)
    {
        await using var scope = app.SystemScope();
        var c = await scope.ServiceProvider.GetRequiredService<ProbityDb>().Cases.AsNoTracking().Include(x => x.Timeline).SingleAsync(x => x.Id == caseId, Ct);
        return $"{c.Version} {c.HandlingUnitId} {c.Timeline.Count}";
    }
}
