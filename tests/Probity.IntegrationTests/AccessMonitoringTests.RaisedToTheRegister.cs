using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probity.AccessMonitoring.Alerts;
using Probity.Database;
using Probity.Infrastructure.Time;

namespace Probity.IntegrationTests;

/// <summary>
/// An alert raised to the Persons of Concern register, read by those who read alerts but not the register (analysts,
/// senior managers): they learn that it was raised, as they would for a case they may not see, but neither where to nor
/// the rationale written for the register.
/// </summary>
public sealed partial class AccessMonitoringTests
{
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task An_alert_raised_to_the_register_says_only_raised_to_readers_who_may_not_read_the_register(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        string alertId;
        await using (var scope = app.SystemScope())
        {
            // An open alert about someone not yet on the register, so it makes a new entry.
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            var listed = await db.PersonsOfConcern.Where(p => p.StaffId != null).Select(p => p.StaffId!).ToListAsync(Ct);
            alertId = await db.MisuseAlerts.Where(a => a.Status == AlertStatus.Open && a.CaseId == null && !listed.Contains(a.StaffId)).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync(Ct);
        }
        const string Rationale = "Browses flagged nominals on rest days; the Bureau holds a B2 report of a link to a family of interest.";
        var investigator = await app.SignInAsync("investigator");
        async Task RaiseAsync(string id)
        {
            var at = $"/monitoring/alerts/{id}";
            var raised = await investigator.PostFormAsync(at + "?handler=RaiseIntelligence", new()
            {
                ["version"] = await VersionAsync(investigator, at), ["category"] = "ii", ["rationale"] = Rationale,
                ["reviewOn"] = app.Time.Today().AddMonths(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            }, at);
            Assert.Equal(HttpStatusCode.Redirect, raised.StatusCode);
        }
        // The first alert makes a register entry (the rationale goes on the entry); a second alert about the same member of
        // staff is linked to that entry and keeps its rationale as the alert's note.
        await RaiseAsync(alertId);
        var first = await AlertAsync(app, alertId);
        var concernId = first.ConcernId;
        Assert.NotNull(concernId);
        var secondId = alertId + "-2";
        await using (var scope = app.SystemScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            db.MisuseAlerts.Add(new MisuseAlert
            {
                Id = secondId, StaffId = first.StaffId, Rule = first.Rule, Key = first.Key + "-2", Score = first.Score, FirstEventTime = first.FirstEventTime,
                LastEventTime = first.LastEventTime, EventCount = first.EventCount, Explanation = first.Explanation, EvidenceJson = first.EvidenceJson, DetectedAt = first.DetectedAt,
            });
            scope.ServiceProvider.GetRequiredService<Probity.AuditTrail.Contracts.Audit>().Change("test_arrange", $"misuse_alert/{secondId}", "a second alert about the same member of staff");
            await db.SaveChangesAsync(Ct);
        }
        await RaiseAsync(secondId);
        Assert.Equal((concernId, Rationale), ((await AlertAsync(app, secondId)).ConcernId, (await AlertAsync(app, secondId)).Note));
        var own = await investigator.Http.GetStringAsync($"/monitoring/alerts/{secondId}", Ct);
        Assert.Contains(Rationale, own, StringComparison.Ordinal);
        Assert.Contains(concernId, own, StringComparison.Ordinal);

        foreach (var (reader, id) in new[] { ("analyst", alertId), ("senior", alertId), ("analyst", secondId), ("senior", secondId) })
        {
            var client = await app.SignInAsync(reader);
            var page = await client.Http.GetStringAsync($"/monitoring/alerts/{id}", Ct);
            Assert.Equal("Raised", Message(page, "alert-status"));
            Assert.Equal("a record you may not see", Message(page, "case-link"));
            Assert.DoesNotContain(Rationale, page, StringComparison.Ordinal);
            Assert.DoesNotContain(concernId, page, StringComparison.Ordinal);
            Assert.DoesNotContain("/risk/concerns", page, StringComparison.Ordinal);
            var list = await client.Http.GetStringAsync($"/monitoring/alerts?status=raised&staff={Uri.EscapeDataString(first.StaffId)}", Ct);
            Assert.DoesNotContain(concernId, list, StringComparison.Ordinal);
        }
    }
}
