using System.Text;

namespace Probity.IntegrationTests.NeedToKnow;

/// <summary>
/// The canary sweep's verdicts (<see cref="CanarySweep"/>): every GET route and download, as every reader, searched
/// for what that reader must not know. One test per reader, so a failure names who saw what; each lists every leak
/// found, as a table of request, what leaked, where in the answer, and the text around it.
/// </summary>
public sealed class CanarySweepTests(CanaryForces forces)
{
    /// <summary>Every signed-in reader except the grantee (who may see the canaries), on each provider.</summary>
    public static TheoryData<Provider, string> Outsiders()
    {
        var data = new TheoryData<Provider, string>();
        foreach (var provider in new[] { Provider.Sqlite, Provider.Postgres })
            foreach (var reader in CanaryForce.Readers.Where(r => r != CanaryForce.Grantee))
                data.Add(provider, reader);
        return data;
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task Every_GET_route_and_input_has_a_canary_check(Provider provider)
    {
        var sweep = await (await forces.GetAsync(provider)).SweepAsync();
        Assert.Contains(sweep.Routes, r => r.Template == "/cases/{id}"); // discovery works at all
        TestContext.Current.SendDiagnosticMessage($"Canary sweep on {provider}: {sweep.Exchanges.Count} requests in {sweep.Took.TotalSeconds:F0} s; slowest routes: " +
            string.Join(", ", sweep.Exchanges.GroupBy(e => e.Method + " " + e.Template).Select(g => (Route: g.Key, Seconds: g.Sum(e => e.Took.TotalSeconds), Count: g.Count()))
                .OrderByDescending(g => g.Seconds).Take(12).Select(g => $"{g.Route} {g.Seconds:F1} s/{g.Count}")));
        Assert.True(sweep.Uncovered.Count == 0, "Routes the canary sweep does not cover:\n" + string.Join("\n", sweep.Uncovered));
    }

    [Theory, MemberData(nameof(Outsiders))]
    public async Task No_page_api_answer_or_download_shows_a_reader_what_they_must_not_know(Provider provider, string reader)
    {
        var force = await forces.GetAsync(provider);
        var sweep = await force.SweepAsync();
        var mine = sweep.Exchanges.Where(e => e.Reader == reader).ToList();
        Assert.NotEmpty(mine);
        var leaks = mine.SelectMany(e => e.Findings).Where(f => f.Where != "status" || f.What.Contains("hidden case", StringComparison.Ordinal)).ToList();
        var answers = leaks.Select(l => l.Request).Distinct().Count();
        TestContext.Current.SendDiagnosticMessage($"{reader} on {provider}: {mine.Count} requests swept, {answers} gave something away; the whole sweep took {sweep.Took.TotalSeconds:F0} s");
        Assert.True(leaks.Count == 0, Table($"{answers} of {mine.Count} answers to {reader} on {provider} give away what {reader} must not know:", leaks));
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task No_route_answers_500_to_any_reader(Provider provider)
    {
        var sweep = await (await forces.GetAsync(provider)).SweepAsync();
        var errors = sweep.Exchanges.SelectMany(e => e.Findings).Where(f => f.Where == "status" && f.What.StartsWith("answered 5", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, Table($"{errors.Count} server error(s) on {provider}:", errors));
    }

    /// <summary>The markers are real: where the canaries may be seen, the sweep finds them (otherwise every other test here would pass for nothing).</summary>
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task The_canaries_are_found_where_their_readers_may_see_them(Provider provider)
    {
        var f = await forces.GetAsync(provider);
        var sweep = await f.SweepAsync();
        var g = CanaryForce.Grantee;
        var expected = new (string Reader, string Request, string Marker)[]
        {
            (g, $"/cases/{f.OldCase}", f.OldSummary),
            (g, $"/cases/{f.OldCase}", f.ComplainantName),
            (g, $"/api/cases/{f.NewCase}", f.NewSummary),
            (g, $"/api/cases?officer={f.Subject}", f.OldCase),
            (g, $"/cases?officer={f.Subject}", f.NewCase),
            (g, $"/officers/{f.Subject}", f.OldCase),
            (g, $"/cases/{f.MonitoringCase}", f.AlertId),
            (g, $"POST /interchange/export [Filter.Officer={f.Subject}]", f.NewCase),
            (g, $"/monitoring/alerts/{f.AlertId}", f.MonitoringCase),
            (g, $"/registers/gold/{f.GoldItem}", f.NewCase),
            (g, $"/registers/gold/{f.GoldItem}/foi", f.OldCase),
            ("handler", $"/cases/{f.LiveCase}", f.LiveSummary),
            ("handler", $"/cases/{f.SelfCase}", f.SelfSummary),
            ("senior", $"/api/cases?officer={f.SelfStaff}", f.SelfCase),
            ("analyst", $"/performance", f.LiveCase),
            ("analyst", $"/monitoring/who-accessed?subject={f.Person}", f.Accessor),
            ("investigator", "/risk?rule=dishonesty_24m", f.SelfStaffName),
        };
        var missing = expected.Where(x => !Seen(sweep, x.Reader, x.Request, x.Marker)).Select(x => $"{x.Reader}: {x.Request} does not show {x.Marker}").ToList();
        Assert.True(missing.Count == 0, "The sweep cannot see the canaries where they are visible, so it proves nothing:\n" + string.Join("\n", missing));
    }

    private static bool Seen(SweepResult sweep, string reader, string request, string marker)
    {
        var e = sweep.Exchanges.FirstOrDefault(x => x.Reader == reader && x.Request == request);
        return e is not null && e.Status == 200 && e.Parts.Any(p => p.Text.Contains(marker, StringComparison.Ordinal));
    }

    /// <summary>One row per request: everything it gave away, where, and the text around the first of it.</summary>
    internal static string Table(string title, IReadOnlyList<Finding> findings)
    {
        var text = new StringBuilder(title).Append('\n');
        text.Append("| reader | request | what it gave away | where | excerpt |\n|---|---|---|---|---|\n");
        foreach (var request in findings.GroupBy(f => (f.Reader, f.Request)).OrderBy(g => g.Key.Request, StringComparer.Ordinal))
        {
            var first = request.First();
            var what = string.Join("; ", request.Select(f => f.What).Distinct());
            var where = string.Join("; ", request.Select(f => f.Where).Distinct());
            text.Append($"| {request.Key.Reader} | {request.Key.Request} | {what} | {where} | {first.Excerpt.Replace("|", "\\|", StringComparison.Ordinal)} |\n");
        }
        return text.ToString();
    }
}
