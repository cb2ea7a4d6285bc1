using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probity.Database;
using Probity.Intelligence.Contracts;

namespace Probity.IntegrationTests.RightLine;

/// <summary>
/// Reports assessed as cases at the same moment by different Bureau members: each conversion runs in one transaction
/// that holds the trail's lock from its first save, so intakes inside conversions take case numbers one at a time. Every
/// report must end with its own case, carrying its own note (the intake's retry after a number collision, which only
/// standalone intakes can meet, is covered at the store: AuditTrailTests.Forgetting_a_failed_attempt_keeps_what_the_caller_tracked_before_it).
/// </summary>
public sealed partial class RightLineIntakeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Reports_assessed_as_cases_at_once_each_keep_their_own_case(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider);
        var reporter = app.NewClient();
        var references = new List<string>();
        for (var i = 0; i < 6; i++)
            references.Add((await RightLineClient.ReportAsync(reporter, $"Report {i}: a custody sergeant sells detainees' details.")).Reference);
        string unit;
        await using (var scope = app.SystemScope())
            unit = await scope.ServiceProvider.GetRequiredService<ProbityDb>().Units.Where(u => u.Kind == "borough").OrderBy(u => u.Id).Select(u => u.Id).FirstAsync(Ct);

        // One Bureau member per report, each on their own connection, all posting at once.
        var desks = new List<(SignedInClient Client, string Reference, string Version)>();
        foreach (var reference in references)
        {
            var bureau = await app.SignInAsync("intelligence");
            var page = await bureau.Http.GetStringAsync($"/intelligence/right-line/{reference}", Ct);
            desks.Add((bureau, reference, VersionField().Match(page).Groups[1].Value));
        }
        var answers = await Task.WhenAll(desks.Select(d => d.Client.PostFormAsync($"/intelligence/right-line/{d.Reference}?handler=Assess", new()
        {
            ["version"] = d.Version, ["assessment"] = RightLineAssessments.Case, ["note"] = $"Assessed from {d.Reference}.",
            ["unitId"] = unit, ["category"] = "corrupt_practice",
        }, $"/intelligence/right-line/{d.Reference}")));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));

        await using (var scope = app.SystemScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            var reports = await db.Set<RightLineReport>().AsNoTracking().Where(r => references.Contains(r.Id)).ToListAsync(Ct);
            Assert.Equal(6, reports.Count);
            Assert.All(reports, r => Assert.NotNull(r.CaseId));
            Assert.Equal(6, reports.Select(r => r.CaseId).Distinct().Count());
            var cases = await db.Cases.AsNoTracking().Where(c => reports.Select(r => r.CaseId).Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Summary, Ct);
            // Each case carries the note of the report that links it, not another's.
            Assert.All(reports, r => Assert.Equal($"From a Right Line report: Assessed from {r.Id}.", cases[r.CaseId!]));
        }
    }

    [GeneratedRegex("name=\"version\" value=\"([^\"]+)\"")]
    private static partial Regex VersionField();
}
