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

namespace Probity.IntegrationTests;

/// <summary>
/// The borough scope's loose ends (ADR 0026, second addendum), through real HTTP on both databases: a restricted case
/// stays with the Directorate (local handling and allocation by hand to a borough refused, naming why, on the trail); a
/// person kept to a borough is no longer named on a case that leaves it (on the timeline and the trail); and the boroughs'
/// returns in the performance figures and the board pack, each borough-scoped reader seeing their own borough's only.
/// Apps of their own: they move cases between units and add borough-scoped accounts.
/// </summary>
public sealed partial class BoroughLooseEndsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Task<HttpResponseMessage> ApiAsync(SignedInClient client, string path, object body) => client.PostApiAsync(path, body, Ct);

    private static async Task<JsonElement> CaseAsync(SignedInClient client, string id) => await client.Http.GetFromJsonAsync<JsonElement>($"/api/cases/{id}", Ct);

    private static async Task<string> VersionAsync(SignedInClient client, string id) => (await CaseAsync(client, id)).GetProperty("version").GetGuid().ToString();

    private static async Task<string> RefusalAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()!;
    }

    private sealed record Force(string Borough, string BoroughName, string First, string Second);

    /// <summary>The first borough, two serving officers, and accounts kept to the borough (one of them, when asked, a subject).</summary>
    private static async Task<Force> ArrangeAsync(ProbityApp app, params (string User, string Role, bool Subject)[] kept)
    {
        Force force;
        await using (var scope = app.SystemScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            var borough = await db.Units.Where(u => u.Kind == "borough").OrderBy(u => u.Id).Select(u => new { u.Id, u.Name }).FirstAsync(Ct);
            var officers = await db.Staff.Where(s => s.StaffType == "officer" && s.LeftOn == null).OrderBy(s => s.Id).Skip(60).Take(2).Select(s => s.Id).ToListAsync(Ct);
            force = new Force(borough.Id, borough.Name, officers[0], officers[1]);
        }
        foreach (var (user, role, subject) in kept)
        {
            await app.AddUserAsync(user, role);
            await using var scope = app.SystemScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ProbityUser>>();
            var account = (await users.FindByNameAsync(user))!;
            account.BoroughUnitId = force.Borough;
            if (subject) account.StaffId = force.First;
            Assert.True((await users.UpdateAsync(account)).Succeeded);
        }
        return force;
    }

    /// <summary>A conduct matter arising in the borough, with the Directorate, against one officer assessed short of gross misconduct.</summary>
    private static async Task<string> AssessedCaseAsync(ProbityApp app, SignedInClient investigator, Force force, string officer, string summary)
    {
        var today = app.Time.Today();
        var id = await NeedToKnow.CanaryForce.RecordByApiAsync(investigator, new
        {
            caseType = "conduct_matter", receivedOn = Iso(today.AddDays(-30)), recordedOn = Iso(today.AddDays(-29)), source = "internal",
            locationUnitId = force.Borough, handlingUnitId = "dps-investigations", summary,
            allegations = new[] { new { category = "other_neglect_or_failure_in_duty", staffId = officer } },
        });
        var assessed = await ApiAsync(investigator, $"/api/cases/{id}/severity", new { version = await VersionAsync(investigator, id), staffId = officer, severity = "misconduct", assessedOn = Iso(today.AddDays(-10)), rationale = "A lapse, not a pattern." });
        Assert.Equal(HttpStatusCode.NoContent, assessed.StatusCode);
        return id;
    }

    private static async Task<string> HandUnitAsync(ProbityApp app, string id)
    {
        await using var scope = app.SystemScope();
        return (await scope.ServiceProvider.GetRequiredService<ProbityDb>().Cases.AsNoTracking().SingleAsync(c => c.Id == id, Ct)).HandlingUnitId!;
    }

    // 1. A restricted case (a corruption case) is kept to named people and teams; a borough's champions are not among those
    // a case is opened to. Handing it to the borough would leave it with a unit that cannot open it: refused, both ways in.
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_restricted_case_stays_with_the_Directorate_and_an_officer_never_sees_their_own_case_through_their_borough(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider);
        var today = app.Time.Today();
        var force = await ArrangeAsync(app, ("champion", Roles.BoroughChampion, false), ("subject-champion", Roles.BoroughChampion, true));
        var investigator = await app.SignInAsync("investigator");
        var champion = await app.SignInFreshAsync("champion");
        var subject = await app.SignInFreshAsync("subject-champion");

        var id = await AssessedCaseAsync(app, investigator, force, force.Second, "Officer said to sell police information");
        var restricted = await investigator.PostFormAsync($"/cases/{id}/restrict", new() { ["version"] = await VersionAsync(investigator, id), ["principals"] = "senior", ["reason"] = "Corruption: need to know" }, $"/cases/{id}");
        Assert.Equal(HttpStatusCode.Redirect, restricted.StatusCode);

        // Through the API: 422 naming the case, the borough and why.
        var api = await ApiAsync(investigator, $"/api/cases/{id}/local-handling", new { version = await VersionAsync(investigator, id), on = Iso(today) });
        var why = await RefusalAsync(api, HttpStatusCode.UnprocessableEntity);
        Assert.Contains($"Case {id} is restricted on a need-to-know basis, so it stays with the Directorate: it is not given to {force.BoroughName}", why, StringComparison.Ordinal);
        // The page says so before anyone presses the button, and offers no button.
        var page = WebUtility.HtmlDecode(await investigator.Http.GetStringAsync($"/cases/{id}/local-handling", Ct));
        Assert.Contains("restricted on a need-to-know basis, so it stays with the Directorate", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"local-handling\"", page, StringComparison.Ordinal);
        // Pressed anyway (a form kept from before), and by hand through the allocation page: refused alike, the form shown again.
        var pressed = await investigator.PostFormAsync($"/cases/{id}/local-handling", new() { ["version"] = await VersionAsync(investigator, id), ["On"] = Iso(today), ["Reason"] = "try" }, $"/cases/{id}/local-handling");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, pressed.StatusCode);
        Assert.Contains("so it stays with the Directorate", WebUtility.HtmlDecode(SignedInClient.Alert(await pressed.Content.ReadAsStringAsync(Ct))), StringComparison.Ordinal);
        var byHand = await investigator.PostFormAsync($"/cases/{id}/allocate", new() { ["version"] = await VersionAsync(investigator, id), ["unitId"] = force.Borough, ["reason"] = "The borough's" }, $"/cases/{id}/allocate");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, byHand.StatusCode);
        Assert.Contains($"it is not given to {force.BoroughName}", WebUtility.HtmlDecode(SignedInClient.Alert(await byHand.Content.ReadAsStringAsync(Ct))), StringComparison.Ordinal);
        Assert.Equal("dps-investigations", await HandUnitAsync(app, id));
        Assert.Equal(HttpStatusCode.NotFound, (await champion.Http.GetAsync($"/api/cases/{id}", Ct)).StatusCode);

        // Every refusal is on the trail, whichever door, naming the case and why; nothing changed it.
        var trail = await app.TrailAsync();
        var refusals = trail.Where(e => e.Actor == "investigator" && e.Action == "refused" && e.Target == "case:" + id).Select(e => e.Detail ?? "").ToList();
        Assert.Contains(refusals, d => d.Contains("/api/cases/" + id + "/local-handling", StringComparison.Ordinal) && d.Contains("stays with the Directorate", StringComparison.Ordinal));
        Assert.Contains(refusals, d => d.StartsWith($"/cases/{id}/local-handling:", StringComparison.Ordinal) && d.Contains("stays with the Directorate", StringComparison.Ordinal));
        Assert.Contains(refusals, d => d.StartsWith($"/cases/{id}/allocate:", StringComparison.Ordinal) && d.Contains("stays with the Directorate", StringComparison.Ordinal));
        Assert.DoesNotContain(trail, e => e.Target == "case:" + id && (e.Detail ?? "").StartsWith("handled_locally:", StringComparison.Ordinal));

        // An unrestricted case about the officer who is a champion goes to their borough like any other: their fellow
        // champion sees it; they never do, by address, page or list.
        var own = await AssessedCaseAsync(app, investigator, force, force.First, "Champion's own conduct in question");
        Assert.Equal(HttpStatusCode.NoContent, (await ApiAsync(investigator, $"/api/cases/{own}/local-handling", new { version = await VersionAsync(investigator, own), on = Iso(today) })).StatusCode);
        Assert.Equal(force.Borough, await HandUnitAsync(app, own));
        Assert.Equal(HttpStatusCode.OK, (await champion.Http.GetAsync($"/api/cases/{own}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await subject.Http.GetAsync($"/api/cases/{own}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await subject.Http.GetAsync($"/cases/{own}", Ct)).StatusCode);
        Assert.DoesNotContain(own, await subject.Http.GetStringAsync("/api/cases", Ct), StringComparison.Ordinal);
        Assert.Contains(await app.TrailAsync(), e => e.Actor == "subject-champion" && e.Action == "not_found" && e.Target == "case:" + own);
    }

    // 2. A champion named as investigating officer on their borough's case is no longer named once the case leaves the
    // borough, whether a reassessment takes it back or the Directorate allocates it by hand: on the timeline and the trail.
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_champion_named_on_a_case_is_no_longer_named_when_it_leaves_their_borough(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider);
        var today = app.Time.Today();
        var force = await ArrangeAsync(app, ("champion", Roles.BoroughChampion, false));
        var investigator = await app.SignInAsync("investigator");
        var senior = await app.SignInAsync("senior");
        var champion = await app.SignInFreshAsync("champion");

        async Task<string> HandedAndAssignedAsync(string summary)
        {
            var id = await AssessedCaseAsync(app, investigator, force, force.Second, summary);
            Assert.Equal(HttpStatusCode.NoContent, (await ApiAsync(investigator, $"/api/cases/{id}/local-handling", new { version = await VersionAsync(investigator, id), on = Iso(today) })).StatusCode);
            var assigned = await senior.PostFormAsync($"/cases/{id}/assign", new() { ["version"] = await VersionAsync(senior, id), ["Investigator"] = "champion", ["Supervisor"] = "senior" }, $"/cases/{id}");
            Assert.True(assigned.StatusCode == HttpStatusCode.Redirect, SignedInClient.Alert(await assigned.Content.ReadAsStringAsync(Ct)));
            Assert.Contains(id, await champion.Http.GetStringAsync("/caseload", Ct), StringComparison.Ordinal);
            return id;
        }
        async Task<(string? Investigator, string? Supervisor)> NamedAsync(string id)
        {
            await using var scope = app.SystemScope();
            var c = await scope.ServiceProvider.GetRequiredService<ProbityDb>().Cases.AsNoTracking().SingleAsync(x => x.Id == id, Ct);
            return (c.InvestigatingOfficer, c.Supervisor);
        }

        // Taken back by a reassessment to gross misconduct (the champion's own).
        var back = await HandedAndAssignedAsync("Officer said to have ignored a call for help");
        var gross = await ApiAsync(champion, $"/api/cases/{back}/severity", new { version = await VersionAsync(champion, back), staffId = force.Second, severity = "gross_misconduct", assessedOn = Iso(today), rationale = "New evidence." });
        Assert.Equal(HttpStatusCode.NoContent, gross.StatusCode);
        Assert.Equal(("dps-investigations", ((string?)null, (string?)"senior")), (await HandUnitAsync(app, back), await NamedAsync(back)));
        var history = WebUtility.HtmlDecode(await investigator.Http.GetStringAsync($"/cases/{back}", Ct));
        Assert.Contains($"investigating officer champion is no longer named: kept to {force.BoroughName}, which no longer handles the case", history, StringComparison.Ordinal);
        Assert.Contains(await app.TrailAsync(), e => e.Actor == "champion" && e.Action == "update" && e.Target == "case:" + back
            && (e.Detail ?? "").Contains("goes back from", StringComparison.Ordinal) && (e.Detail ?? "").Contains("investigating officer champion is no longer named", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await champion.Http.GetAsync($"/api/cases/{back}", Ct)).StatusCode);
        Assert.DoesNotContain(back, await champion.Http.GetStringAsync("/caseload", Ct), StringComparison.Ordinal);

        // Allocated by hand to the Directorate's Customer Service Team.
        var byHand = await HandedAndAssignedAsync("Officer said to have been rude to a caller");
        var allocated = await investigator.PostFormAsync($"/cases/{byHand}/allocate", new() { ["version"] = await VersionAsync(investigator, byHand), ["unitId"] = "cst", ["reason"] = "Back to us" }, $"/cases/{byHand}/allocate");
        Assert.Equal(HttpStatusCode.Redirect, allocated.StatusCode);
        Assert.Equal(("cst", ((string?)null, (string?)"senior")), (await HandUnitAsync(app, byHand), await NamedAsync(byHand)));
        var entry = (await CaseAsync(investigator, byHand)).GetProperty("timeline").EnumerateArray().Last(e => e.GetProperty("kind").GetString() == "allocated");
        Assert.Contains($"investigating officer champion is no longer named: kept to {force.BoroughName}", entry.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains(await app.TrailAsync(), e => e.Actor == "investigator" && e.Action == "update" && e.Target == "case:" + byHand && (e.Detail ?? "").Contains("is no longer named", StringComparison.Ordinal));
        Assert.DoesNotContain(byHand, await champion.Http.GetStringAsync("/caseload", Ct), StringComparison.Ordinal);

        // A Directorate officer kept to no borough stays named when a case moves between Directorate units.
        var allocatedAgain = await investigator.PostFormAsync($"/cases/{byHand}/allocate", new() { ["version"] = await VersionAsync(investigator, byHand), ["unitId"] = "dps-investigations" }, $"/cases/{byHand}/allocate");
        Assert.Equal(HttpStatusCode.Redirect, allocatedAgain.StatusCode);
        Assert.Equal(((string?)null, (string?)"senior"), await NamedAsync(byHand));
    }

    [GeneratedRegex("<tr data-borough=\"(?<id>[^\"]+)\"><th scope=\"row\">(?<name>[^<]+)</th><td data-testid=\"written\">(?<written>[^<]+)</td><td data-testid=\"final\">(?<final>[^<]+)</td><td data-testid=\"advice\">(?<advice>[^<]+)</td><td data-testid=\"months\">(?<months>[^<]+)</td>")]
    private static partial Regex PackRow();

    [GeneratedRegex("<section class=\"pmf-table\" data-testid=\"table-borough_returns\">(?<body>.*?)</section>", RegexOptions.Singleline)]
    private static partial Regex PmfTable();

    [GeneratedRegex("<tr>\\s*<td><a href=\"[^\"]*\">(?<name>[^<]+)</a></td>\\s*<td>(?<written>[^<]+)</td>\\s*<td>(?<final>[^<]+)</td>\\s*<td>(?<advice>[^<]+)</td>\\s*<td>(?<months>[^<]+)</td>\\s*<td>(?<due>[^<]+)</td>", RegexOptions.Singleline)]
    private static partial Regex PmfRow();

    // 3. The boroughs' returns in the board pack (per borough, the month's quarter) and the performance figures (a
    // breakdown table in the period), by name; an account kept to a borough sees its own borough's only; champions read
    // neither (no shared figure is theirs: ADR 0026), and see their own borough's returns on the returns page.
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Borough_returns_are_in_the_board_pack_and_the_performance_figures_each_borough_scoped_reader_seeing_their_own(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider);
        var force = await ArrangeAsync(app, ("borough-senior", Roles.SeniorManager, false), ("champion", Roles.BoroughChampion, false));
        var today = app.Time.Today();
        // The pack for the demo force's last month of returns, whose quarter has returns for every borough but the fourths.
        DateOnly month, quarterStart;
        Dictionary<string, (string Name, int Written, int Final, int Advice, int Months)> expected;
        await using (var scope = app.SystemScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            var boroughs = await db.Units.Where(u => u.Kind == "borough").ToDictionaryAsync(u => u.Id, u => u.Name, Ct);
            var returns = await db.BoroughReturns.AsNoTracking().ToListAsync(Ct);
            month = returns.Select(r => new DateOnly(r.Year, r.Month, 1)).Max();
            quarterStart = new DateOnly(month.Year, (month.Month - 1) / 3 * 3 + 1, 1);
            var inQuarter = returns.Where(r => new DateOnly(r.Year, r.Month, 1) >= quarterStart && new DateOnly(r.Year, r.Month, 1) <= month).ToList();
            expected = boroughs.ToDictionary(b => b.Key, b =>
            {
                var mine = inQuarter.Where(r => r.BoroughUnitId == b.Key).ToList();
                return (b.Value, mine.Sum(r => r.WrittenWarnings), mine.Sum(r => r.FinalWrittenWarnings), mine.Sum(r => r.ManagementAdvice), mine.Count);
            });
        }
        Assert.True(expected[force.Borough].Months > 0, "the demo force has returns in the quarter");
        var due = month.Month - quarterStart.Month + 1;
        var monthText = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

        // The Directorate's senior manager: every borough, by name, with the quarter's sums and the months returned.
        var senior = await app.SignInAsync("senior");
        var pack = WebUtility.HtmlDecode(await senior.Http.GetStringAsync($"/registers/board-pack?month={monthText}", Ct));
        var rows = PackRow().Matches(pack).ToDictionary(m => m.Groups["id"].Value);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), rows.Keys.Order(StringComparer.Ordinal));
        foreach (var (id, e) in expected)
        {
            var r = rows[id];
            Assert.Equal((e.Name, $"{e.Months} of {due}"), (r.Groups["name"].Value, r.Groups["months"].Value));
            // The pack is published: a count from 1 to 4 reads "[c]", as may a larger one hidden beside it (ADR 0032).
            foreach (var (count, shown) in new[] { (e.Written, r.Groups["written"].Value), (e.Final, r.Groups["final"].Value), (e.Advice, r.Groups["advice"].Value) })
                if (count is >= 1 and <= 4) Assert.Equal("[c]", shown);
                else if (shown != "[c]") Assert.Equal(count.ToString("N0", CultureInfo.InvariantCulture), shown);
        }
        Assert.Contains("data-testid=\"pack-boroughs-total\"", pack, StringComparison.Ordinal);
        Assert.Contains($"{quarterStart.Year} Q{(quarterStart.Month - 1) / 3 + 1}", pack, StringComparison.Ordinal);

        // A senior manager kept to the borough: that borough's row only, no other borough's name, no force total; and the PDF.
        var kept = await app.SignInFreshAsync("borough-senior");
        var keptPack = WebUtility.HtmlDecode(await kept.Http.GetStringAsync($"/registers/board-pack?month={monthText}", Ct));
        Assert.Equal([force.Borough], PackRow().Matches(keptPack).Select(m => m.Groups["id"].Value));
        var another = expected.First(b => b.Key != force.Borough).Value.Name;
        Assert.DoesNotContain($"<th scope=\"row\">{another}</th>", keptPack, StringComparison.Ordinal);
        Assert.DoesNotContain("pack-boroughs-total", keptPack, StringComparison.Ordinal);
        var pdf = await kept.Http.GetAsync($"/registers/board-pack/pdf?month={monthText}", Ct);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(await pdf.Content.ReadAsByteArrayAsync(Ct), 0, 4), StringComparison.Ordinal);

        // The performance figures: the same sums for the quarter, a breakdown table like the others, by name; kept to the borough, one row.
        var quarterEnd = quarterStart.AddMonths(3).AddDays(-1);
        var quarterText = $"{Iso(quarterStart)}..{Iso(quarterEnd)}";
        var asOf = Iso(quarterEnd < today ? quarterEnd : today);
        var pmf = WebUtility.HtmlDecode(await senior.Http.GetStringAsync($"/performance?period={quarterText}&asOf={asOf}", Ct));
        var table = PmfTable().Match(pmf);
        Assert.True(table.Success, "the performance page has the boroughs' returns table");
        var pmfRows = PmfRow().Matches(table.Groups["body"].Value).ToDictionary(m => m.Groups["name"].Value);
        Assert.Equal(expected.Count, pmfRows.Count);
        var camden = pmfRows[force.BoroughName];
        var quarterReturns = await ReturnsInAsync(app, force.Borough, quarterStart, quarterStart.AddMonths(2) < today ? quarterStart.AddMonths(2) : new DateOnly(today.Year, today.Month, 1));
        Assert.Equal((quarterReturns.Written.ToString("N0", CultureInfo.CurrentCulture), quarterReturns.Months.ToString("N0", CultureInfo.CurrentCulture)), (camden.Groups["written"].Value, camden.Groups["months"].Value));
        var keptPmf = WebUtility.HtmlDecode(await kept.Http.GetStringAsync($"/performance?period={quarterText}&asOf={asOf}", Ct));
        Assert.Equal([force.BoroughName], PmfRow().Matches(PmfTable().Match(keptPmf).Groups["body"].Value).Select(m => m.Groups["name"].Value));

        // A champion reads neither the pack nor the performance figures (the canary sweep holds the same for every route).
        var champion = await app.SignInFreshAsync("champion");
        foreach (var route in new[] { $"/registers/board-pack?month={monthText}", "/performance" })
        {
            var denied = await champion.Http.GetAsync(route, Ct);
            Assert.StartsWith("/account/denied", denied.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
        var trail = await app.TrailAsync();
        Assert.Contains(trail, e => e.Actor == "borough-senior" && e.Action == "view" && e.Target == "board_pack" && e.Detail == monthText);
        Assert.Contains(trail, e => e.Actor == "borough-senior" && e.Action == "export" && e.Target == "board_pack" && e.Detail == monthText);
    }

    private static async Task<(int Written, int Months)> ReturnsInAsync(ProbityApp app, string borough, DateOnly from, DateOnly lastMonth)
    {
        await using var scope = app.SystemScope();
        var returns = await scope.ServiceProvider.GetRequiredService<ProbityDb>().BoroughReturns.AsNoTracking().Where(r => r.BoroughUnitId == borough).ToListAsync(Ct);
        var mine = returns.Where(r => new DateOnly(r.Year, r.Month, 1) >= from && new DateOnly(r.Year, r.Month, 1) <= lastMonth).ToList();
        return (mine.Sum(r => r.WrittenWarnings), mine.Count);
    }
}
