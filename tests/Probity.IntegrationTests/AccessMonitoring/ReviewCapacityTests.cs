using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probity.AccessMonitoring.Alerts;
using Probity.AccessMonitoring.Detection;
using Probity.Database;

namespace Probity.IntegrationTests.AccessMonitoring;

/// <summary>
/// The alert queue within the unit's review capacity: each London day's highest-scoring alerts up to the capacity, the
/// rest one click away; the capacity set only by those who decide alerts, under optimistic concurrency, on the audit trail.
/// </summary>
public sealed partial class ReviewCapacityTests(Apps apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string? Message(string page, string testId) =>
        Regex.Match(page, $"data-testid=\"{testId}\"[^>]*>([^<]*)<") is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value).Trim() : null;

    private static async Task<string> SetAsync(SignedInClient client, string perDay, string? version = null)
    {
        var version_ = version ?? VersionField().Match(await client.Http.GetStringAsync("/monitoring/alerts", Ct)).Groups[1].Value;
        await client.PostFormAsync("/monitoring/alerts?handler=Capacity", new() { ["perDay"] = perDay, ["version"] = version_ }, "/monitoring/alerts");
        return await client.Http.GetStringAsync("/monitoring/alerts", Ct);
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task The_queue_shows_each_days_top_alerts_within_the_review_capacity_and_the_rest_one_click_away(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var investigator = await app.SignInAsync("investigator");
        try
        {
            var page = await SetAsync(investigator, "1");
            Assert.Contains("Each day's 1 highest-scoring alerts", Message(page, "capacity"), StringComparison.Ordinal);

            List<MisuseAlert> alerts;
            await using (var scope = app.SystemScope())
                alerts = await scope.ServiceProvider.GetRequiredService<ProbityDb>().MisuseAlerts.AsNoTracking().ToListAsync(Ct);
            static bool ToWork(MisuseAlert a) => a.Status is AlertStatus.Open or AlertStatus.Assigned;
            // The day's top alert whatever its status (a decided one used the day's capacity), shown only while still to work.
            var expected = alerts.GroupBy(a => LondonTime.ToLocal(a.FirstEventTime).Date)
                .Select(day => day.OrderByDescending(a => a.Score).ThenBy(a => a.Id, StringComparer.Ordinal).First())
                .Where(ToWork).Select(a => a.Id).Order(StringComparer.Ordinal).ToList();
            var toWork = alerts.Count(ToWork);
            Assert.NotEmpty(expected);
            Assert.True(toWork > expected.Count, "the demo's alerts should be more than one a day");

            Assert.Equal(expected, Shown(page).Order(StringComparer.Ordinal).ToList());
            Assert.Equal($"{expected.Count:N0} alert{(expected.Count == 1 ? "" : "s")}", Message(page, "alert-count"));
            Assert.Equal($"Show {toWork - expected.Count:N0} more beyond capacity", Message(page, "beyond-capacity"));

            // One click: every alert to work.
            var beyond = await investigator.Http.GetStringAsync(Regex.Match(page, "data-testid=\"beyond-capacity\" href=\"([^\"]+)\"").Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal), Ct);
            Assert.Equal($"{toWork:N0} alerts", Message(beyond, "alert-count"));
            Assert.Contains("beyond the review capacity too", beyond, StringComparison.Ordinal);

            // Naming a member of staff shows all of theirs: the capacity cuts the day's queue, not an inquiry.
            var staff = alerts.Where(ToWork).GroupBy(a => a.StaffId).OrderByDescending(g => g.Count()).First();
            var theirs = await investigator.Http.GetStringAsync($"/monitoring/alerts?staff={staff.Key}", Ct);
            Assert.Equal(staff.Count(), Shown(theirs).Count);
        }
        finally
        {
            await SetAsync(investigator, MonitoringSettings.DefaultReviewCapacity.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Setting_the_capacity_refuses_nonsense_and_a_stale_form_and_is_audited_with_who_changed_it(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var investigator = await app.SignInAsync("investigator");
        var senior = await app.SignInAsync("senior");
        var stale = VersionField().Match(await investigator.Http.GetStringAsync("/monitoring/alerts", Ct)).Groups[1].Value;

        foreach (var nonsense in new[] { "0", "-3", "1001", "ten" })
        {
            var page = await SetAsync(investigator, nonsense);
            Assert.Contains("a whole number from 1 to 1,000", Message(page, "error"), StringComparison.Ordinal);
        }

        await SetAsync(senior, "12");
        var refused = await SetAsync(investigator, "40", stale);
        Assert.Contains("changed by senior since you opened the page (it is now 12 a day)", Message(refused, "error"), StringComparison.Ordinal);
        Assert.Contains("Last set by senior", refused, StringComparison.Ordinal);
        Assert.Equal("12", Regex.Match(refused, "id=\"perDay\"[^>]*value=\"(\\d+)\"").Groups[1].Value);

        await SetAsync(investigator, MonitoringSettings.DefaultReviewCapacity.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        var changes = await db.AuditEntries.AsNoTracking().Where(e => e.Target == "monitoring_settings/review_capacity").Select(e => new { e.Actor, e.Detail }).ToListAsync(Ct);
        Assert.Contains(changes, c => c.Actor == "senior" && c.Detail!.EndsWith("→ 12 alerts a day", StringComparison.Ordinal));
        Assert.Contains(changes, c => c.Actor == "investigator" && c.Detail == "review capacity 12 → 10 alerts a day");
        Assert.DoesNotContain(changes, c => c.Detail!.Contains("→ 40", StringComparison.Ordinal) || c.Detail!.Contains("→ 0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_analyst_reads_the_queue_but_cannot_set_the_capacity()
    {
        var app = await apps.GetAsync(Provider.Sqlite);
        var analyst = await app.SignInAsync("analyst");
        var page = await analyst.Http.GetStringAsync("/monitoring/alerts", Ct);
        Assert.Contains("data-testid=\"capacity\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"capacity-form\"", page, StringComparison.Ordinal);
        var denied = await analyst.PostFormAsync("/monitoring/alerts?handler=Capacity", new() { ["perDay"] = "500", ["version"] = Guid.Empty.ToString() }, "/monitoring/alerts");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/account/denied", denied.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        await using var scope = app.SystemScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<ProbityDb>().AuditEntries.AnyAsync(e => e.Actor == "analyst" && e.Target == "monitoring_settings/review_capacity", Ct));
    }

    private static List<string> Shown(string page) =>
        AlertLink().Matches(page).Select(m => m.Groups[1].Value).ToList();

    [GeneratedRegex("href=\"/monitoring/alerts/(MA-[0-9a-f]+)\" class=\"score\"")]
    private static partial Regex AlertLink();

    [GeneratedRegex("name=\"version\" value=\"([^\"]+)\"")]
    private static partial Regex VersionField();
}
