using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probity.AuditTrail.Contracts;
using Probity.Database;
using Probity.Identity;
using Probity.Identity.Contracts;
using Probity.Infrastructure.Time;
using Probity.IntegrationTests.NeedToKnow;
using Probity.Workforce.Contracts;

namespace Probity.IntegrationTests;

/// <summary>
/// An adversarial review of issue 15's registers and the contact log through real HTTP: a form posted with an id from
/// another record than the one in its URL (dip samples, the support pack, Persons of Concern tactics), text longer than
/// its column, a reader recording an entry about themselves, and the home page's complainant updates.
/// </summary>
public sealed partial class AdversarialIssue15ReviewTests(Apps apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("name=\"version\" value=\"([0-9a-f-]{36})\"")]
    private static partial Regex VersionField();

    /// <summary>
    /// An oversight member (or a senior manager) posts the finding form of one sample with an item of another, sampled on
    /// a period they were never shown in this sample: the item is not found in the sample the URL names, and nothing changes.
    /// </summary>
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_finding_or_response_posted_to_one_dip_sample_with_an_item_of_another_is_not_found_and_changes_nothing(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var oversight = await app.SignInAsync("oversight");
        var senior = await app.SignInAsync("senior");
        var first = await DipSamplingAndServiceConfidenceTests.DrawAsync(oversight, ProbityApp.DemoUntil.AddYears(-2), ProbityApp.DemoUntil, 2, seed: null);
        var second = await DipSamplingAndServiceConfidenceTests.DrawAsync(oversight, ProbityApp.DemoUntil.AddYears(-2), ProbityApp.DemoUntil, 2, seed: null);
        var other = await oversight.Http.GetStringAsync($"/registers/dip-samples/{second}", Ct);
        var finding = DipSamplingAndServiceConfidenceTests.Finding(other, 1, "concerns", "Posted through another sample's form");
        var answer = await oversight.PostFormAsync($"/registers/dip-samples/{first}?handler=Finding", finding, $"/registers/dip-samples/{first}");
        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);

        // Through its own sample it is recorded; then the Directorate's response through the wrong sample is not found either.
        Assert.Equal(HttpStatusCode.Redirect, (await oversight.PostFormAsync($"/registers/dip-samples/{second}?handler=Finding", finding, $"/registers/dip-samples/{second}")).StatusCode);
        var answered = await senior.Http.GetStringAsync($"/registers/dip-samples/{second}", Ct);
        var response = DipSamplingAndServiceConfidenceTests.Respond(answered, 1, "Answered through another sample's form");
        Assert.Equal(HttpStatusCode.NotFound, (await senior.PostFormAsync($"/registers/dip-samples/{first}?handler=Respond", response, $"/registers/dip-samples/{first}")).StatusCode);

        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        var item = await db.DipSampleCases.SingleAsync(d => d.Id == finding["item"], Ct);
        Assert.Equal(second, item.SampleId);
        Assert.Null(item.Response);
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == "finding" && e.Target == "dip_sample_case:" + item.Id, Ct));
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Action == "respond" && e.Target == "dip_sample_case:" + item.Id, Ct));
        Assert.False(await db.DipSampleCases.AnyAsync(d => d.SampleId == first && d.Finding != null, Ct));
    }

    /// <summary>A senior manager on one borough's pack posts the correction form with another borough's delivery: not found, unchanged.</summary>
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_correction_posted_on_one_boroughs_pack_with_another_boroughs_delivery_is_not_found_and_changes_nothing(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var m = Guid.NewGuid().ToString("n")[..8];
        var (north, south) = ($"bor-north-{m}", $"bor-south-{m}");
        await using (var scope = app.SystemScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            db.Units.Add(new Unit { Id = north, Name = $"Northam {m}", Kind = "borough", ResidentPopulation = 40_000 });
            db.Units.Add(new Unit { Id = south, Name = $"Southam {m}", Kind = "borough", ResidentPopulation = 60_000 });
            scope.ServiceProvider.GetRequiredService<Audit>().Change("test_arrange", "unit:" + north, "two boroughs for the support pack's correction form");
            await db.SaveChangesAsync(Ct);
        }
        var senior = await app.SignInAsync("senior");
        var delivered = CanaryForce.Iso(app.Time.Today().AddDays(-10));
        Assert.Equal(HttpStatusCode.Redirect, (await senior.PostFormAsync("/registers/support?handler=Record",
            new() { ["borough"] = north, ["deliveredOn"] = delivered, ["audience"] = "Response team", ["topics"] = "Courtesy at calls" }, "/registers/support")).StatusCode);
        var pack = await senior.Http.GetStringAsync($"/registers/support/{north}", Ct);
        var delivery = Regex.Match(pack, "name=\"delivery\" value=\"([^\"]+)\"").Groups[1].Value;
        var version = VersionField().Match(pack).Groups[1].Value;

        var answer = await senior.PostFormAsync($"/registers/support/{south}?handler=Correct",
            new() { ["delivery"] = delivery, ["version"] = version, ["deliveredOn"] = delivered, ["audience"] = "Nobody", ["topics"] = "Rewritten from another pack" },
            $"/registers/support/{south}");
        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);

        await using (var scope = app.SystemScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            var stored = await db.SupportDeliveries.SingleAsync(d => d.Id == delivery, Ct);
            Assert.Equal(("Response team", "Courtesy at calls", north), (stored.Audience, stored.Topics, stored.UnitId));
            Assert.False(await db.AuditEntries.AnyAsync(e => e.Action == "correct" && e.Target == "support_delivery:" + delivery, Ct));
        }
        // On its own borough's pack the same form corrects it.
        Assert.Equal(HttpStatusCode.Redirect, (await senior.PostFormAsync($"/registers/support/{north}?handler=Correct",
            new() { ["delivery"] = delivery, ["version"] = version, ["deliveredOn"] = delivered, ["audience"] = "Response team B", ["topics"] = "Courtesy at calls" },
            $"/registers/support/{north}")).StatusCode);
    }

    /// <summary>
    /// The register's text is refused past its column's width with the field named, on the page and through the API, on
    /// every database (PostgreSQL refused the save itself, a fault); a tactic is moved on only through its own entry, and
    /// only while that entry is open.
    /// </summary>
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Persons_of_concern_text_past_its_width_is_refused_by_name_and_a_tactic_moves_only_through_its_own_open_entry(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var investigator = await app.SignInAsync("investigator");
        var (one, two) = await TwoFreeStaffAsync(app);
        var first = await AddConcernAsync(app, investigator, one);
        var second = await AddConcernAsync(app, investigator, two);

        var tooLong = await investigator.PostFormAsync("/risk/concerns?handler=Add", new()
        {
            ["category"] = "i", ["personDescription"] = new string('d', 401), ["rationale"] = "Offers officers cash for the addresses of witnesses in his brother's trial.",
            ["reviewOn"] = CanaryForce.Iso(app.Time.Today().AddMonths(2)),
        }, "/risk/concerns");
        Assert.Contains("The person's description: at most 400 characters (401 given).", WebUtility.HtmlDecode(SignedInClient.Alert(await investigator.Http.GetStringAsync(tooLong.Headers.Location!.OriginalString, Ct))), StringComparison.Ordinal);

        var url = $"/risk/concerns/{second}";
        Assert.Equal(HttpStatusCode.Redirect, (await investigator.PostFormAsync(url + "?handler=Tactic", new()
        {
            ["tactic"] = "management_action", ["startedOn"] = CanaryForce.Iso(app.Time.Today()), ["owner"] = "DI Rowe", ["notes"] = "Meeting booked", ["state"] = "proposed",
        }, url)).StatusCode);
        var hugeNotes = await investigator.PostFormAsync(url + "?handler=Tactic", new()
        {
            ["tactic"] = "management_action", ["startedOn"] = CanaryForce.Iso(app.Time.Today()), ["owner"] = new string('o', 257), ["notes"] = "x", ["state"] = "proposed",
        }, url);
        Assert.Contains("The tactic's owner: at most 256 characters (257 given).", WebUtility.HtmlDecode(SignedInClient.Alert(await investigator.Http.GetStringAsync(hugeNotes.Headers.Location!.OriginalString, Ct))), StringComparison.Ordinal);

        var page = await investigator.Http.GetStringAsync(url, Ct);
        var tactic = Regex.Match(page, "name=\"tacticId\" value=\"(\\d+)\"").Groups[1].Value;
        var tacticVersion = Regex.Match(page, "name=\"tacticId\" value=\"\\d+\">\\s*<input type=\"hidden\" name=\"version\" value=\"([0-9a-f-]{36})\"").Groups[1].Value;
        Assert.NotEqual("", tacticVersion);
        // Posted on the first entry's page with the second entry's tactic: not found, and the tactic is as it was.
        var crossed = await investigator.PostFormAsync($"/risk/concerns/{first}?handler=TacticState",
            new() { ["tacticId"] = tactic, ["version"] = tacticVersion, ["state"] = "completed", ["notes"] = "Through another entry" }, $"/risk/concerns/{first}");
        Assert.Equal(HttpStatusCode.NotFound, crossed.StatusCode);

        // The API: findings past 4,000 characters are a 422 naming the field, not a fault.
        var token = (await investigator.Http.GetFromJsonAsync<JsonElement>("/api/antiforgery", Ct)).GetProperty("token").GetString()!;
        using (var request = new HttpRequestMessage(HttpMethod.Post, $"/api/risk/concerns/{second}/review")
        {
            Content = JsonContent.Create(new { version = Guid.Parse(VersionField().Match(page).Groups[1].Value), findings = new string('f', 4001), nextReviewOn = CanaryForce.Iso(app.Time.Today().AddMonths(3)) }),
        })
        {
            request.Headers.Add("X-CSRF-TOKEN", token);
            var review = await investigator.Http.SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, review.StatusCode);
            Assert.Contains("What the review found: at most 4,000 characters (4,001 given).", (await review.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        // Closed, its tactics stand as they were at closing.
        Assert.Equal(HttpStatusCode.Redirect, (await investigator.PostFormAsync(url + "?handler=Close", new() { ["version"] = VersionField().Match(page).Groups[1].Value, ["reason"] = "Left the force" }, url)).StatusCode);
        var late = await investigator.PostFormAsync(url + "?handler=TacticState", new() { ["tacticId"] = tactic, ["version"] = tacticVersion, ["state"] = "completed", ["notes"] = "After closing" }, url);
        Assert.Contains("is closed: its tactics are no longer changed", WebUtility.HtmlDecode(SignedInClient.Alert(await investigator.Http.GetStringAsync(late.Headers.Location!.OriginalString, Ct))), StringComparison.Ordinal);

        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        var row = await db.ConcernTactics.SingleAsync(t => t.Id == long.Parse(tactic, CultureInfo.InvariantCulture), Ct);
        Assert.Equal(("proposed", "Meeting booked"), (row.State, row.Notes));
        Assert.False(await db.PersonsOfConcern.AnyAsync(p => p.PersonDescription != null && p.PersonDescription.StartsWith("ddddd"), Ct));
    }

    /// <summary>
    /// An investigator who is a member of staff tries to put themselves on the register, or associate themselves with a
    /// corrupter: refused in the same words whether or not an entry about them exists, so the refusal tells them nothing.
    /// </summary>
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_reader_cannot_record_themself_on_the_register_and_the_refusal_is_the_same_whether_or_not_they_are_on_it(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var (onIt, notOnIt) = await TwoFreeStaffAsync(app);
        var bureau = await app.SignInAsync("intelligence");
        await AddConcernAsync(app, bureau, onIt);
        var corrupter = await AddConcernAsync(app, bureau, null);
        var refusals = new List<string>();
        foreach (var staff in new[] { onIt, notOnIt })
        {
            var userName = $"self-{staff}-{provider}".ToLowerInvariant();
            await using (var scope = app.SystemScope())
            {
                var user = await scope.ServiceProvider.GetRequiredService<DemoAccounts>().CreateAsync(userName, "Investigator " + staff, Roles.Investigator, "dps-acu", ProbityApp.Password);
                user.StaffId = staff;
                Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<ProbityUser>>().UpdateAsync(user)).Succeeded);
            }
            var self = await app.SignInAsync(userName);
            var added = await self.PostFormAsync("/risk/concerns?handler=Add", new()
            {
                ["category"] = "ii", ["staffId"] = staff, ["rationale"] = "I declare myself: a test of whether the register tells me I am on it.",
                ["reviewOn"] = CanaryForce.Iso(app.Time.Today().AddMonths(2)),
            }, "/risk/concerns");
            Assert.Equal("/risk/concerns", added.Headers.Location!.OriginalString);
            var alert = SignedInClient.Alert(await self.Http.GetStringAsync("/risk/concerns", Ct));
            Assert.Contains("You cannot add an entry about yourself", alert, StringComparison.Ordinal);
            refusals.Add(alert);
            var url = $"/risk/concerns/{corrupter}";
            var associated = await self.PostFormAsync(url + "?handler=Associate", new() { ["staffId"] = staff, ["basis"] = "Myself" }, url);
            Assert.Contains("You cannot associate yourself", WebUtility.HtmlDecode(SignedInClient.Alert(await self.Http.GetStringAsync(associated.Headers.Location!.OriginalString, Ct))), StringComparison.Ordinal);
        }
        Assert.Equal(refusals[0], refusals[1]);
        await using (var scope = app.SystemScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            Assert.Equal(1, await db.PersonsOfConcern.CountAsync(p => p.StaffId == onIt, Ct));
            Assert.False(await db.PersonsOfConcern.AnyAsync(p => p.StaffId == notOnIt, Ct));
            Assert.False(await db.ConcernAssociations.AnyAsync(a => a.ConcernId == corrupter, Ct));
        }
    }

    /// <summary>
    /// An alert about someone already on the register, raised as intelligence with a rationale longer than the alert's
    /// note holds: refused naming the field (PostgreSQL refused the save with a fault), and the alert stays as it was.
    /// </summary>
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task An_alert_raised_as_intelligence_with_a_rationale_past_its_width_is_refused_by_name_not_a_fault(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        string alertId, staff, version;
        await using (var scope = app.SystemScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            var onRegister = await db.PersonsOfConcern.Where(p => p.StaffId != null).Select(p => p.StaffId!).ToListAsync(Ct);
            var alert = (await db.MisuseAlerts.Where(a => a.Status == Probity.AccessMonitoring.Alerts.AlertStatus.Open && a.ConcernId == null)
                .OrderByDescending(a => a.Id).Take(60).ToListAsync(Ct)).Where(a => !onRegister.Contains(a.StaffId)).Skip(Random.Shared.Next(0, 20)).First();
            (alertId, staff, version) = (alert.Id, alert.StaffId, alert.Version.ToString());
        }
        var investigator = await app.SignInAsync("investigator");
        await AddConcernAsync(app, investigator, staff);
        var url = $"/monitoring/alerts/{alertId}";
        var page = await investigator.Http.GetStringAsync(url, Ct);
        Assert.Contains("data-testid=\"raise-intelligence\"", page, StringComparison.Ordinal);
        var raised = await investigator.PostFormAsync(url + "?handler=RaiseIntelligence", new()
        {
            ["version"] = version, ["category"] = "ii", ["rationale"] = new string('r', 4001), ["reviewOn"] = CanaryForce.Iso(app.Time.Today().AddMonths(2)),
        }, url);
        Assert.NotEqual(HttpStatusCode.InternalServerError, raised.StatusCode);
        Assert.Contains("The rationale: at most 4,000 characters (4,001 given).", SignedInClient.Alert(await investigator.Http.GetStringAsync(raised.Headers.Location!.OriginalString, Ct)), StringComparison.Ordinal);
        await using (var scope = app.SystemScope())
        {
            var alert = await scope.ServiceProvider.GetRequiredService<ProbityDb>().MisuseAlerts.SingleAsync(a => a.Id == alertId, Ct);
            Assert.Null(alert.ConcernId);
            Assert.Equal(Probity.AccessMonitoring.Alerts.AlertStatus.Open, alert.Status);
        }
    }

    /// <summary>
    /// The home page and "my cases" list the complainants due an update within a week or whose update fell due in the last
    /// 90 days; the demo force's cases overdue for years are counted apart (most recently due first), not crowding the list.
    /// </summary>
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Complainant_updates_overdue_for_years_are_counted_apart_from_those_due_now(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var investigator = await app.SignInAsync("investigator");
        var today = app.Time.Today();
        var window = today.AddDays(-90);
        var caseload = await investigator.Http.GetStringAsync("/caseload", Ct);
        var due = DueDates(caseload, "updates-due");
        var longOverdue = DueDates(caseload, "updates-long-overdue");
        Assert.NotEmpty(longOverdue); // the demo force's cases, open since 2010 with no contact logged
        Assert.All(due, d => Assert.True(d >= window, $"{d:yyyy-MM-dd} is in the updates due, more than 90 days overdue"));
        Assert.All(longOverdue, d => Assert.True(d < window, $"{d:yyyy-MM-dd} is counted as long overdue within 90 days"));
        Assert.Equal(longOverdue.OrderByDescending(d => d), longOverdue);
        Assert.Equal(due.Order(), due);

        var home = WebUtility.HtmlDecode(await investigator.Http.GetStringAsync("/", Ct));
        Assert.All(DueDates(home, "my-updates-due"), d => Assert.True(d >= window, $"{d:yyyy-MM-dd} on the home page's updates due"));
        Assert.Contains($"{longOverdue.Count:N0} complainant", SignedInClient.TestId(home, "my-updates-long-overdue"), StringComparison.Ordinal);
    }

    private static List<DateOnly> DueDates(string html, string testId)
    {
        var table = Regex.Match(html, $"<table data-testid=\"{Regex.Escape(testId)}\">(.*?)</table>", RegexOptions.Singleline);
        return [.. Regex.Matches(table.Groups[1].Value, "<td>(\\d{1,2} [A-Z][a-z]{2} \\d{4})").Select(m => DateOnly.ParseExact(m.Groups[1].Value, "d MMM yyyy", CultureInfo.InvariantCulture))];
    }

    private static async Task<(string, string)> TwoFreeStaffAsync(ProbityApp app)
    {
        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        var onRegister = await db.PersonsOfConcern.Where(p => p.StaffId != null).Select(p => p.StaffId!).ToListAsync(Ct);
        var free = (await db.Staff.Where(s => s.StaffType == "officer").OrderBy(s => s.Id).Select(s => s.Id).Take(400).ToListAsync(Ct))
            .Where(s => !onRegister.Contains(s)).ToList();
        var start = Random.Shared.Next(0, free.Count - 2);
        return (free[start], free[start + 1]);
    }

    private static async Task<string> AddConcernAsync(ProbityApp app, SignedInClient client, string? staff)
    {
        var fields = staff is null
            ? new Dictionary<string, string> { ["category"] = "i", ["personDescription"] = "Car dealer " + Guid.NewGuid().ToString("n")[..6], ["rationale"] = "Lends cars to officers who then run his rivals' plates." }
            : new Dictionary<string, string> { ["category"] = "iii", ["staffId"] = staff, ["rationale"] = "Eleven complaints in two years, four upheld, and a civil claim settled." };
        fields["reviewOn"] = CanaryForce.Iso(app.Time.Today().AddMonths(2));
        var posted = await client.PostFormAsync("/risk/concerns?handler=Add", fields, "/risk/concerns");
        var location = posted.Headers.Location!.OriginalString;
        Assert.StartsWith("/risk/concerns/POC-", location, StringComparison.Ordinal);
        return location["/risk/concerns/".Length..];
    }
}
