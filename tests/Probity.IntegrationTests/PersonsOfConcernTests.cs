using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probity.AccessMonitoring.Alerts;
using Probity.Database;
using Probity.Identity;
using Probity.Identity.Contracts;
using Probity.Infrastructure.Time;
using Probity.IntegrationTests.NeedToKnow;

namespace Probity.IntegrationTests;

/// <summary>
/// The Persons of Concern register (issue 15 item 3) through the real host: who may open it, the officer on it (or
/// associated with a category (i) person) for whom it does not exist, the markers in access monitoring, reviews,
/// tactics, stale edits, bad dates and the audit trail.
/// </summary>
public sealed partial class PersonsOfConcernTests(Apps apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Readers = ["investigator", "intelligence"];
    private static readonly string[] Refused = ["handler", "analyst", "senior", "oversight", "admin"];

    [GeneratedRegex("name=\"version\" value=\"([0-9a-f-]{36})\"")]
    private static partial Regex VersionField();

    private static string Version(string page) => VersionField().Match(page) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("No version field");

    private static async Task<string> AddAsync(ProbityApp app, SignedInClient client, Dictionary<string, string> fields)
    {
        fields.TryAdd("reviewOn", CanaryForce.Iso(app.Time.Today().AddMonths(2)));
        var posted = await client.PostFormAsync("/risk/concerns?handler=Add", fields, "/risk/concerns");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var location = posted.Headers.Location!.OriginalString;
        Assert.StartsWith("/risk/concerns/POC-", location, StringComparison.Ordinal);
        return location["/risk/concerns/".Length..];
    }

    /// <summary>A member of staff with no open entry and no alert about them yet, and one with an open alert.</summary>
    private static async Task<(string Free, string AlertId, string AlertStaff)> PickAsync(ProbityApp app, int skip)
    {
        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        var onRegister = await db.PersonsOfConcern.Where(p => p.StaffId != null).Select(p => p.StaffId!).ToListAsync(Ct);
        var free = (await db.Staff.Where(s => s.StaffType == "officer").OrderByDescending(s => s.Id).Select(s => s.Id).Take(200).ToListAsync(Ct))
            .Where(s => !onRegister.Contains(s)).Skip(skip).First();
        var alert = await db.MisuseAlerts.Where(a => a.Status == AlertStatus.Open && a.Rule == "volume_spike").OrderBy(a => a.Id).Skip(skip).FirstAsync(Ct);
        return (free, alert.Id, alert.StaffId);
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Only_the_Intelligence_Bureau_and_investigators_open_the_register_and_its_entries(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        // The demo force holds entries of every category, with reviews and tactics.
        await using (var scope = app.SystemScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            Assert.Equal(["i", "ii", "iii"], await db.PersonsOfConcern.Where(p => p.Id.StartsWith("POC-DEMO")).Select(p => p.Category).Distinct().OrderBy(c => c).ToListAsync(Ct));
            Assert.True(await db.ConcernReviews.CountAsync(Ct) >= 5);
            Assert.True(await db.ConcernTactics.CountAsync(Ct) >= 8);
        }
        foreach (var user in Readers)
        {
            var client = await app.SignInAsync(user);
            var list = await client.Http.GetStringAsync("/risk/concerns", Ct);
            Assert.Contains("POC-DEMO001", list, StringComparison.Ordinal);
            Assert.Contains("verifiable intelligence or evidence indicates corruption", list, StringComparison.Ordinal);
            var entry = await client.Http.GetStringAsync("/risk/concerns/POC-DEMO001", Ct);
            Assert.Contains("Intelligence development", entry, StringComparison.Ordinal);
            Assert.Contains("data-testid=\"reviews\"", entry, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/risk/concerns/POC-000000000000", Ct)).StatusCode);
        }
        foreach (var user in Refused)
        {
            var client = await app.SignInAsync(user);
            foreach (var url in new[] { "/risk/concerns", "/risk/concerns/POC-DEMO001", "/risk/concerns/POC-000000000000" })
            {
                var response = await client.Http.GetAsync(url, Ct);
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.StartsWith("/account/denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
            }
            var token = await client.GetFormTokenAsync("/");
            var post = await client.Http.PostAsync("/risk/concerns/POC-DEMO001?handler=Tactic", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["tactic"] = "disruption", ["startedOn"] = CanaryForce.Iso(app.Time.Today()), ["owner"] = user, ["state"] = "proposed",
            }), Ct);
            Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
            Assert.True(post.StatusCode == HttpStatusCode.Redirect && post.Headers.Location!.PathAndQuery.StartsWith("/account/denied", StringComparison.Ordinal)
                || (int)post.StatusCode is 400 or 403, $"{user}: {post.StatusCode}");
        }
        await using (var scope = app.SystemScope())
            Assert.False(await scope.ServiceProvider.GetRequiredService<ProbityDb>().ConcernTactics.AnyAsync(t => Refused.Contains(t.Owner), Ct));
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task An_entry_about_the_reader_or_associating_them_with_a_corrupter_does_not_exist_for_them_nor_its_marker(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var (self, alertId, alertStaff) = await PickAsync(app, 1);
        var userName = "self-inv-" + provider.ToString().ToLowerInvariant();
        await using (var scope = app.SystemScope())
        {
            var user = await scope.ServiceProvider.GetRequiredService<DemoAccounts>().CreateAsync(userName, "Investigator on the register", Roles.Investigator, "dps-acu", ProbityApp.Password);
            user.StaffId = self;
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<ProbityUser>>().UpdateAsync(user)).Succeeded);
        }
        var bureau = await app.SignInAsync("intelligence");
        var own = await AddAsync(app, bureau, new() { ["category"] = "ii", ["staffId"] = self, ["rationale"] = "Corroborated intelligence that the officer sells information to a journalist." });
        var corrupter = await AddAsync(app, bureau, new() { ["category"] = "i", ["personDescription"] = "Nightclub owner " + userName, ["rationale"] = "Offers free entry and cash to officers for warning of licensing visits." });
        foreach (var staff in new[] { self, alertStaff })
        {
            var entryUrl = $"/risk/concerns/{corrupter}";
            var associated = await bureau.PostFormAsync(entryUrl + "?handler=Associate", new() { ["staffId"] = staff, ["basis"] = "Seen at the club weekly." }, entryUrl);
            Assert.Equal(HttpStatusCode.Redirect, associated.StatusCode);
        }

        var colleague = await app.SignInAsync("investigator");
        var list = await colleague.Http.GetStringAsync("/risk/concerns", Ct);
        Assert.Contains(own, list, StringComparison.Ordinal);
        Assert.Contains(corrupter, list, StringComparison.Ordinal);
        var alert = await colleague.Http.GetStringAsync($"/monitoring/alerts/{alertId}", Ct);
        Assert.Contains($"associated with category (i) person {corrupter}", alert, StringComparison.Ordinal);

        var subject = await app.SignInAsync(userName);
        var theirs = await subject.Http.GetStringAsync("/risk/concerns", Ct);
        Assert.DoesNotContain(own, theirs, StringComparison.Ordinal);
        Assert.DoesNotContain(corrupter, theirs, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await subject.Http.GetAsync($"/risk/concerns/{own}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await subject.Http.GetAsync($"/risk/concerns/{corrupter}", Ct)).StatusCode);
        // The colleague's alert shows them no marker of the entry that names them too.
        var theirAlert = await subject.Http.GetStringAsync($"/monitoring/alerts/{alertId}", Ct);
        Assert.DoesNotContain(corrupter, theirAlert, StringComparison.Ordinal);
        Assert.DoesNotContain("concern-association-marker", theirAlert, StringComparison.Ordinal);
        // Nor can they review their own entry away.
        var token = (await subject.Http.GetFromJsonAsync<JsonElement>("/api/antiforgery", Ct)).GetProperty("token").GetString()!;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/risk/concerns/{own}/close") { Content = JsonContent.Create(new { version = Guid.NewGuid(), reason = "Nothing in it" }) };
        request.Headers.Add("X-CSRF-TOKEN", token);
        Assert.Equal(HttpStatusCode.NotFound, (await subject.Http.SendAsync(request, Ct)).StatusCode);
        await using (var scope = app.SystemScope())
            Assert.Null((await scope.ServiceProvider.GetRequiredService<ProbityDb>().PersonsOfConcern.SingleAsync(p => p.Id == own, Ct)).ClosedOn);
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Staff_associated_with_a_category_i_person_stand_out_in_monitoring_only_to_the_registers_readers(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var (_, alertId, staff) = await PickAsync(app, 2);
        var bureau = await app.SignInAsync("intelligence");
        var entry = await AddAsync(app, bureau, new() { ["category"] = "i", ["personDescription"] = "Car dealer, former special constable", ["rationale"] = "Known to lend cars to officers in return for checks on his customers." });
        var url = $"/risk/concerns/{entry}";
        Assert.Equal(HttpStatusCode.Redirect, (await bureau.PostFormAsync(url + "?handler=Associate", new() { ["staffId"] = staff, ["basis"] = "Drives one of his cars." }, url)).StatusCode);
        // Associating staff is for category (i) only.
        var notI = await bureau.PostFormAsync("/risk/concerns/POC-DEMO003?handler=Associate", new() { ["staffId"] = staff, ["basis"] = "x" }, "/risk/concerns/POC-DEMO003");
        Assert.Contains("Only a category (i) person", await bureau.Http.GetStringAsync(notI.Headers.Location!.OriginalString, Ct), StringComparison.Ordinal);

        // Investigators read both (the Intelligence Bureau reads the register but not access monitoring).
        foreach (var user in new[] { "investigator" })
        {
            var client = await app.SignInAsync(user);
            Assert.Contains($"associated with category (i) person {entry}", await client.Http.GetStringAsync($"/monitoring/alerts/{alertId}", Ct), StringComparison.Ordinal);
            Assert.Contains($"associated with category (i) person {entry}", await client.Http.GetStringAsync($"/monitoring/alerts?staff={staff}&status=all", Ct), StringComparison.Ordinal);
        }
        await using (var scope = app.SystemScope())
            Assert.True(await scope.ServiceProvider.GetRequiredService<ProbityDb>().AuditEntries.AnyAsync(e => e.Actor == "investigator" && e.Target == "persons_of_concern_markers" && e.Detail!.Contains(entry), Ct));
        // Analysts and senior managers read alerts but not the register: nothing of it shows.
        foreach (var user in new[] { "analyst", "senior" })
        {
            var client = await app.SignInAsync(user);
            foreach (var page in new[] { $"/monitoring/alerts/{alertId}", $"/monitoring/alerts?staff={staff}&status=all" })
            {
                var html = await client.Http.GetStringAsync(page, Ct);
                Assert.DoesNotContain(entry, html, StringComparison.Ordinal);
                Assert.DoesNotContain("concern-", html, StringComparison.Ordinal);
                Assert.DoesNotContain("Person of Concern", html, StringComparison.Ordinal);
                Assert.DoesNotContain("Persons of Concern register", html, StringComparison.Ordinal);
            }
        }
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Reviews_tactics_and_closing_record_who_and_what_a_stale_edit_is_409_and_a_bad_date_a_clear_refusal(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var (staff, _, _) = await PickAsync(app, 3);
        var investigator = await app.SignInAsync("investigator");
        var entry = await AddAsync(app, investigator, new() { ["category"] = "iii", ["staffId"] = staff, ["rationale"] = "Fourteen complaints in two years, three upheld, and a tribunal finding of discrimination." });
        var url = $"/risk/concerns/{entry}";
        var page = await investigator.Http.GetStringAsync(url, Ct);
        var version = Version(page);
        var next = app.Time.Today().AddMonths(4);

        // A bad date: a clear refusal naming the field, on the page and the API, and nothing recorded.
        var bad = await investigator.PostFormAsync(url + "?handler=Review", new() { ["version"] = version, ["findings"] = "Pattern continues.", ["nextReviewOn"] = "2026-02-31" }, url);
        Assert.Contains("The next review date &#x27;2026-02-31&#x27; is not a date", await investigator.Http.GetStringAsync(bad.Headers.Location!.OriginalString, Ct), StringComparison.Ordinal);
        var token = (await investigator.Http.GetFromJsonAsync<JsonElement>("/api/antiforgery", Ct)).GetProperty("token").GetString()!;
        async Task<HttpResponseMessage> Api(string path, object body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
            request.Headers.Add("X-CSRF-TOKEN", token);
            return await investigator.Http.SendAsync(request, Ct);
        }
        var badApi = await Api($"/api/risk/concerns/{entry}/review", new { version = Guid.Parse(version), findings = "Pattern continues.", nextReviewOn = "31/12/2026" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badApi.StatusCode);
        Assert.Contains("is not a date", (await badApi.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var outside = await Api($"/api/risk/concerns/{entry}/review", new { version = Guid.Parse(version), findings = "Pattern continues.", nextReviewOn = "2099-01-01" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, outside.StatusCode);

        // A review: findings, who, and the next date becomes the entry's review date.
        var reviewed = await Api($"/api/risk/concerns/{entry}/review", new { version = Guid.Parse(version), findings = "Two more complaints since; management action agreed.", nextReviewOn = CanaryForce.Iso(next) });
        Assert.Equal(HttpStatusCode.NoContent, reviewed.StatusCode);
        // The same version again is stale: 409, and nothing changes.
        var stale = await Api($"/api/risk/concerns/{entry}/review", new { version = Guid.Parse(version), findings = "A second, stale review.", nextReviewOn = CanaryForce.Iso(next.AddDays(7)) });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var stalePage = await investigator.PostFormAsync(url + "?handler=Close", new() { ["version"] = version, ["reason"] = "Stale close" }, url);
        Assert.Contains("changed by someone else", await investigator.Http.GetStringAsync(stalePage.Headers.Location!.OriginalString, Ct), StringComparison.Ordinal);

        page = await investigator.Http.GetStringAsync(url, Ct);
        Assert.Contains("Two more complaints since; management action agreed.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("A second, stale review.", page, StringComparison.Ordinal);
        Assert.Contains(next.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture), page, StringComparison.Ordinal);

        // A tactic from the menu, moved on with a note; one not on the menu is refused.
        Assert.Equal(HttpStatusCode.Redirect, (await investigator.PostFormAsync(url + "?handler=Tactic", new()
        {
            ["tactic"] = "vetting_review", ["startedOn"] = CanaryForce.Iso(app.Time.Today()), ["owner"] = "Vetting unit", ["state"] = "proposed", ["notes"] = "Ask for a review of clearance.",
        }, url)).StatusCode);
        var offMenu = await investigator.PostFormAsync(url + "?handler=Tactic", new() { ["tactic"] = "telephone_tap", ["startedOn"] = CanaryForce.Iso(app.Time.Today()), ["owner"] = "x", ["state"] = "proposed" }, url);
        Assert.Contains("Choose a tactic from the menu", await investigator.Http.GetStringAsync(offMenu.Headers.Location!.OriginalString, Ct), StringComparison.Ordinal);
        long tacticId;
        Guid tacticVersion;
        await using (var scope = app.SystemScope())
        {
            var t = await scope.ServiceProvider.GetRequiredService<ProbityDb>().ConcernTactics.SingleAsync(x => x.ConcernId == entry, Ct);
            (tacticId, tacticVersion) = (t.Id, t.Version);
        }
        Assert.Equal(HttpStatusCode.Redirect, (await investigator.PostFormAsync(url + "?handler=TacticState", new()
        {
            ["tacticId"] = tacticId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["version"] = tacticVersion.ToString(), ["state"] = "completed", ["notes"] = "Clearance withdrawn.",
        }, url)).StatusCode);
        page = await investigator.Http.GetStringAsync(url, Ct);
        Assert.Contains("Vetting review", page, StringComparison.Ordinal);
        Assert.Contains("Clearance withdrawn.", page, StringComparison.Ordinal);

        // Closing needs a reason and records who.
        Assert.Equal(HttpStatusCode.NoContent, (await Api($"/api/risk/concerns/{entry}/close", new { version = Guid.Parse(Version(page)), reason = "Retired from the force." })).StatusCode);
        Assert.Contains("by investigator: Retired from the force.", await investigator.Http.GetStringAsync(url, Ct), StringComparison.Ordinal);

        // Every read and change is on the audit trail.
        await using (var scope = app.SystemScope())
        {
            var trail = await scope.ServiceProvider.GetRequiredService<ProbityDb>().AuditEntries.Where(e => e.Target == "person_of_concern:" + entry).ToListAsync(Ct);
            Assert.Contains(trail, e => e.Action == "create" && e.Actor == "investigator");
            Assert.Contains(trail, e => e.Action == "view" && e.Actor == "investigator");
            Assert.Contains(trail, e => e.Action == "update" && e.Detail!.StartsWith("reviewed", StringComparison.Ordinal));
            Assert.Contains(trail, e => e.Action == "update" && e.Detail!.Contains("completed", StringComparison.Ordinal));
            Assert.Contains(trail, e => e.Action == "update" && e.Detail!.StartsWith("closed", StringComparison.Ordinal));
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<ProbityDb>().ConcernReviews.CountAsync(r => r.ConcernId == entry && r.ReviewedBy == "investigator", Ct));
        }
    }

    [Fact]
    public async Task Overdue_reviews_come_first_and_the_criteria_are_shown()
    {
        var app = await apps.GetAsync(Provider.Sqlite);
        var investigator = await app.SignInAsync("investigator");
        var list = await investigator.Http.GetStringAsync("/risk/concerns", Ct);
        var rows = Regex.Matches(list, "<tr data-testid=\"concern-row\">(.*?)</tr>", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();
        var firstNotOverdue = rows.FindIndex(r => !r.Contains("review overdue", StringComparison.Ordinal));
        Assert.True(firstNotOverdue > 0, "the demo force's overdue reviews head the register");
        Assert.DoesNotContain(rows.Skip(firstNotOverdue), r => r.Contains("review overdue", StringComparison.Ordinal));
        foreach (var criteria in new[] { "seeks or would seek to corrupt", "verifiable intelligence or evidence indicates corruption", "complaints, civil claims or employment tribunals" })
            Assert.Contains(criteria, list, StringComparison.Ordinal);
    }
}
