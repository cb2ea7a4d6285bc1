using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probity.Database;
using Probity.Performance.Facts;
using Probity.Performance.Measures;

namespace Probity.IntegrationTests;

/// <summary>
/// Small-cell suppression as an outsider reading what the Directorate publishes would test it (ADR 0032 and its addendum):
/// the quarterly report (CSV tables, HTML, PDF), `pmf --json` and the strategy board pack carry no count of people or cases
/// from 1 to 4, in a table or in a headline measure (nor its comparisons, RAG or trend points), while the dashboard, the
/// analysts' working view, still shows an entitled reader the true figure in the same place.
/// The class has hosts of its own: on the run's shared ones, other tests add boroughs while a report is made, and the
/// dashboard read before it then lists fewer boroughs than the report (CI, 2026-12-02: 32 rows against 37).
/// </summary>
public sealed partial class PublishedFiguresTests(HostsByProvider apps) : IClassFixture<HostsByProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The columns of each table that count people or cases, as a reader of the report sees them.</summary>
    private static readonly Dictionary<string, int[]> CountColumns = new(StringComparer.Ordinal)
    {
        ["by_case_type"] = [1], ["by_source"] = [1], ["by_category"] = [1], ["distribution"] = [1, 3], ["timeliness"] = [1], ["stages"] = [1],
        ["live_age"] = [1], ["sanctions"] = [1], ["appeals"] = [1, 2], ["equality_complainants"] = [1], ["equality_subjects"] = [1, 3],
        ["borough_returns"] = [1, 2, 3],
    };

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task The_quarterly_report_hides_every_count_from_1_to_4_that_the_dashboard_shows_its_reader(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var senior = await app.SignInAsync("senior");

        // The working view: the true figures, small ones included.
        var dashboard = await senior.Http.GetStringAsync("/performance?asOf=2010-12-31&period=2010-Q3", Ct);
        Assert.DoesNotContain("[c]", dashboard, StringComparison.Ordinal);
        var working = DashboardTables(dashboard);

        var posted = await senior.PostFormAsync("/performance/report", new Dictionary<string, string> { ["year"] = "2010", ["quarter"] = "3", ["unit"] = "" });
        var job = posted.Headers.Location!.OriginalString;
        var clock = Stopwatch.StartNew();
        while ((await senior.Http.GetStringAsync(job, Ct)).Contains("data-testid=\"report-progress\"", StringComparison.Ordinal))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), "the report job did not finish within 90 s");
            await Task.Delay(200, Ct);
        }
        using var zip = new ZipArchive(new MemoryStream(await senior.Http.GetByteArrayAsync($"{job}/csv", Ct)));

        var smallInWorkingView = 0;
        foreach (var (key, columns) in CountColumns)
        {
            var published = Csv(zip.GetEntry(key + ".csv") ?? throw new InvalidOperationException($"no {key}.csv")).Skip(1).ToList();
            var shown = working[key];
            Assert.Equal(shown.Count, published.Count);
            for (var r = 0; r < published.Count; r++)
                foreach (var c in columns)
                {
                    Assert.False(IsSmall(published[r][c]), $"{key}.csv row {r + 1} publishes {published[r][c]} in '{c}'");
                    if (!IsSmall(shown[r][c])) continue;
                    smallInWorkingView++;
                    Assert.Equal("[c]", published[r][c]);
                }
        }
        Assert.True(smallInWorkingView > 0, "the demo force's Q3 2010/11 has counts from 1 to 4 on the dashboard (the test's premise)");

        // Force-wide the headline counts are large: published as the dashboard shows them.
        var measures = Csv(zip.GetEntry("measures.csv")!).Skip(1).ToDictionary(r => r[0], StringComparer.Ordinal);
        foreach (var key in new[] { "cases_received", "allegations_recorded", "live_cases" })
        {
            var truth = long.Parse(SignedInClient.TestId(dashboard, "value-" + key)!, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            Assert.True(truth > 4, $"{key} is large force-wide (the test's premise)");
            Assert.Equal(truth.ToString(CultureInfo.InvariantCulture), measures[key][4]);
            Assert.Equal(truth.ToString(CultureInfo.InvariantCulture), measures[key][5]);
        }

        var html = WebUtility.HtmlDecode(await senior.Http.GetStringAsync($"{job}/html", Ct));
        Assert.Contains("[c]: not published: a count from 1 to 4", html, StringComparison.Ordinal);
        var pdf = NeedToKnow.PdfText.Extract(await senior.Http.GetByteArrayAsync($"{job}/pdf", Ct), separateRuns: true);
        Assert.Contains("[c]", pdf, StringComparison.Ordinal);
        Assert.Contains("not published: a count from 1 to 4", pdf, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task The_json_for_other_systems_publishes_no_count_from_1_to_4(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        await app.SignInAsync("analyst"); // sets up the authenticator the command line asks a code from
        var (exit, output) = await app.RunCliAsync("analyst", "pmf", "--as-of", "2010-12-31", "--period", "2010-Q3", "--json");
        Assert.True(exit == 0, $"exited {exit}: {output}");
        using var json = JsonDocument.Parse(output[output.IndexOf('{', StringComparison.Ordinal)..(output.LastIndexOf('}') + 1)]);
        var hidden = 0;
        foreach (var table in json.RootElement.GetProperty("tables").EnumerateArray())
        {
            var key = table.GetProperty("key").GetString()!;
            if (!CountColumns.TryGetValue(key, out var columns)) continue;
            foreach (var row in table.GetProperty("rows").EnumerateArray())
                foreach (var c in columns)
                {
                    var cell = row[c].GetString()!;
                    Assert.False(IsSmall(cell), $"{key} publishes {cell}");
                    if (cell == "[c]") hidden++;
                }
        }
        Assert.True(hidden > 0, "some count is hidden in Q3 2010/11");
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task The_board_pack_hides_the_boroughs_small_counts_and_a_second_where_the_total_would_give_one_away(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        // A quarter the demo force returned whole, and not its last month (other tests may send that month's returns).
        DateOnly quarterStart;
        await using (var scope = app.SystemScope())
        {
            var months = (await scope.ServiceProvider.GetRequiredService<ProbityDb>().BoroughReturns.AsNoTracking().Select(r => new { r.Year, r.Month }).ToListAsync(Ct))
                .Select(r => new DateOnly(r.Year, r.Month, 1)).Distinct().Order().ToList();
            quarterStart = months.First(m => (m.Month - 1) % 3 == 0 && months.Contains(m.AddMonths(2)));
        }
        var quarterEnd = quarterStart.AddMonths(3).AddDays(-1);
        var senior = await app.SignInAsync("senior");

        // The working view: the boroughs' returns table on the dashboard for the quarter, true sums.
        var dashboard = await senior.Http.GetStringAsync($"/performance?period={Iso(quarterStart)}..{Iso(quarterEnd)}&asOf={Iso(quarterEnd)}", Ct);
        var working = DashboardTables(dashboard)["borough_returns"].ToDictionary(r => r[0], StringComparer.Ordinal);

        var pack = WebUtility.HtmlDecode(await senior.Http.GetStringAsync($"/registers/board-pack?month={quarterStart.AddMonths(2):yyyy-MM}", Ct));
        var rows = PackRow().Matches(pack).ToList();
        Assert.Equal(working.Count, rows.Count);
        var hidden = new int[3];
        foreach (var row in rows)
        {
            var truth = working[row.Groups["name"].Value];
            string[] cells = [row.Groups["written"].Value, row.Groups["final"].Value, row.Groups["advice"].Value];
            for (var c = 0; c < 3; c++)
            {
                Assert.False(IsSmall(cells[c]), $"the pack publishes {cells[c]} for {row.Groups["name"].Value}");
                if (cells[c] == "[c]") hidden[c]++;
                else Assert.Equal(truth[c + 1], cells[c]);
                if (IsSmall(truth[c + 1])) Assert.Equal("[c]", cells[c]);
            }
        }
        Assert.True(hidden.Sum() > 0, "the demo force's boroughs return small counts (the test's premise)");
        // With the "All boroughs" row shown, no column hides exactly one of its cells (total included): subtraction would find it.
        var total = PackTotal().Match(pack);
        Assert.True(total.Success, "the pack has the all-boroughs row");
        for (var c = 0; c < 3; c++)
            Assert.NotEqual(1, hidden[c] + (total.Groups["c" + c].Value == "[c]" ? 1 : 0));
        Assert.Contains("data-testid=\"pack-boroughs-footnote\"", pack, StringComparison.Ordinal);

        var pdf = NeedToKnow.PdfText.Extract(await senior.Http.GetByteArrayAsync($"/registers/board-pack/pdf?month={quarterStart.AddMonths(2):yyyy-MM}", Ct), separateRuns: true);
        Assert.Contains("[c]", pdf, StringComparison.Ordinal);
        Assert.Contains("not published: a count from 1 to 4", pdf, StringComparison.Ordinal);
    }

    /// <summary>
    /// A report for one small unit, as a reader who wants a small count back would read it: every headline measure built
    /// from a count from 1 to 4 (this quarter's, last quarter's, a trend point's) reads as the marker in the CSV, the HTML,
    /// the PDF and the JSON, and so do its comparisons and RAG; a headline and the route table never disagree on the same
    /// cases; the dashboard still shows the unit's true figures.
    /// </summary>
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_small_units_report_and_json_publish_no_headline_built_from_a_count_of_1_to_4(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        var quarter = Period.Quarter(2010, 3);
        // The working view's figures for each unit, as the dashboard computes them: the first unit with few cases received.
        PmfResult truth;
        await using (var scope = app.SystemScope())
        {
            var facts = await scope.ServiceProvider.GetRequiredService<FactsCache>().GetAsync(Ct, fresh: true);
            var calculator = scope.ServiceProvider.GetRequiredService<PmfCalculator>();
            var unit = facts.Units.OrderBy(u => u.Id, StringComparer.Ordinal)
                .FirstOrDefault(u => calculator.Compute(facts, quarter, u.Id, withTrend: false)["cases_received"].Current.Value is >= 1 and <= 4)
                ?? throw new InvalidOperationException("no unit of the demo force received 1 to 4 cases in Q3 2010/11 (the test's premise)");
            truth = calculator.Compute(facts, quarter, unit.Id);
        }
        var small = truth.Measures.Where(m => BuiltFromSmall(m.Current)).Select(m => m.Definition.Key).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("cases_received", small);
        var received = (long)truth["cases_received"].Current.Value!.Value;

        var senior = await app.SignInAsync("senior");
        var dashboard = await senior.Http.GetStringAsync($"/performance?asOf=2010-12-31&period=2010-Q3&unit={truth.Scope}", Ct);
        Assert.Equal(received.ToString(CultureInfo.InvariantCulture), SignedInClient.TestId(dashboard, "value-cases_received"));

        var job = await ReportAsync(senior, truth.Scope);
        using var zip = new ZipArchive(new MemoryStream(await senior.Http.GetByteArrayAsync($"{job}/csv", Ct)));
        var csv = Csv(zip.GetEntry("measures.csv")!).Skip(1).ToDictionary(r => r[0], StringComparer.Ordinal);
        var html = WebUtility.HtmlDecode(await senior.Http.GetStringAsync($"{job}/html", Ct));
        var pdf = NeedToKnow.PdfText.Extract(await senior.Http.GetByteArrayAsync($"{job}/pdf", Ct), separateRuns: true).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToArray(); // a run a line (a font change starts one with a space)
        await app.SignInAsync("analyst");
        var (exit, output) = await app.RunCliAsync("analyst", "pmf", "--as-of", "2010-12-31", "--period", "2010-Q3", "--unit", truth.Scope, "--json");
        Assert.True(exit == 0, $"exited {exit}: {output}");
        using var json = JsonDocument.Parse(output[output.IndexOf('{', StringComparison.Ordinal)..(output.LastIndexOf('}') + 1)]);
        var published = json.RootElement.GetProperty("measures").EnumerateArray().ToDictionary(m => m.GetProperty("key").GetString()!, StringComparer.Ordinal);

        foreach (var m in truth.Measures)
        {
            var key = m.Definition.Key;
            var row = csv[key];
            var htmlRow = HtmlMeasureRow(html, m.Definition.Title);
            var inPdf = Array.IndexOf(pdf, m.Definition.Title); // a long title wraps in the PDF's table: those are read in the HTML only
            if (small.Contains(key))
            {
                // value, numerator, denominator; last quarter's and last year's value, change, direction, significance; RAG
                Assert.All(row[4..15].Append(row[18]), cell => Assert.Equal("[c]", cell));
                Assert.Equal(["[c]", "[c]", "[c]"], htmlRow[..3]);
                Assert.Equal("[c]", htmlRow[^1]);
                if (inPdf >= 0) Assert.Equal("[c]", pdf[inPdf + 1]);
                else Assert.NotEqual("cases_received", key);
                foreach (var field in new[] { "value", "numerator", "denominator", "rag" }) Assert.Equal("[c]", published[key].GetProperty(field).GetString());
                Assert.Equal("[c]", published[key].GetProperty("last_period").GetProperty("change").GetString());
                Assert.Equal("[c]", published[key].GetProperty("trend").EnumerateArray().Last().GetString());
            }
            else if (row[4] != "[c]")
            {
                // Shown: the true figure, and never a comparison with a quarter in which it was built from a small count.
                Assert.Equal(m.Current.Numerator.ToString(CultureInfo.InvariantCulture), row[5]);
                if (m.LastPeriod.Value is not null && BuiltFromSmall(m.LastPeriod.Then)) Assert.Equal("[c]", row[7]);
                if (m.LastYear.Value is not null && BuiltFromSmall(m.LastYear.Then)) Assert.Equal("[c]", row[11]);
            }
            // Every trend point built from a small count is hidden, whatever the current figure.
            var trend = published[key].GetProperty("trend").EnumerateArray().ToList();
            for (var i = 0; i < m.Trend.Count; i++)
                if (BuiltFromSmall(m.Trend[i])) Assert.True(trend[i].ValueKind == JsonValueKind.String && trend[i].GetString() == "[c]", $"{key}'s trend point {i} is {trend[i]}");
        }
        Assert.Contains("[c]: not published: a measure built from a count from 1 to 4", html, StringComparison.Ordinal);
        Assert.Contains("not published: a measure built from a count from 1 to 4", string.Join(" ", pdf), StringComparison.Ordinal);

        // The route table and the timeliness measures count the same cases: hidden in one, hidden in the other.
        var timeliness = Csv(zip.GetEntry("timeliness.csv")!).Skip(1).ToList();
        foreach (var (route, key) in new[] { ("Investigation", "days_investigation"), ("Local resolution", "days_local_resolution"), ("All cases", "days_receipt_to_finalisation") })
            if (timeliness.FirstOrDefault(r => r[0] == route) is { } tableRow)
                Assert.Equal(tableRow[1] == "[c]", csv[key][5] == "[c]");
    }

    /// <summary>
    /// The board pack's headlines are a month's, force-wide: a month with 1 to 4 of something (appeals decided, Right Line
    /// reports) publishes the marker for it, its same-month-last-year figure and its RAG, on the page and in the PDF.
    /// </summary>
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task The_board_pack_hides_a_months_headline_built_from_a_count_of_1_to_4(Provider provider)
    {
        var app = await apps.GetAsync(provider);
        (DateOnly Month, string Key, long Count)? found = null;
        PmfResult? truth = null;
        await using (var scope = app.SystemScope())
        {
            var facts = await scope.ServiceProvider.GetRequiredService<FactsCache>().GetAsync(Ct, fresh: true);
            var calculator = scope.ServiceProvider.GetRequiredService<PmfCalculator>();
            for (var month = new DateOnly(2010, 12, 1); month >= new DateOnly(2008, 1, 1) && found is null; month = month.AddMonths(-1))
            {
                var result = calculator.Compute(facts, new Period(month, month.AddMonths(1).AddDays(-1), "month"), withTrend: false);
                if (result.Measures.FirstOrDefault(m => m.Definition.Kind == MeasureKind.Count && m.Current.Value is >= 1 and <= 4) is { } m)
                {
                    found = (month, m.Definition.Key, (long)m.Current.Value!.Value);
                    truth = result;
                }
            }
        }
        Assert.True(found is not null, "some month of the demo force has a force-wide count from 1 to 4 (the test's premise)");
        var (hiddenMonth, key, _) = found.Value;
        var senior = await app.SignInAsync("senior");
        var pack = WebUtility.HtmlDecode(await senior.Http.GetStringAsync($"/registers/board-pack?month={hiddenMonth:yyyy-MM}", Ct));
        var cells = PackMeasureRow(pack, key);
        Assert.Equal(["[c]", "[c]", "[c]"], new[] { cells[2], cells[3], cells[4] }); // the month, the same month last year, RAG
        Assert.Contains("data-testid=\"pack-measures-footnote\"", pack, StringComparison.Ordinal);
        // A large one beside it is published as it is.
        var large = truth!.Measures.First(m => m.Definition.Kind == MeasureKind.Count && m.Current.Value > 4 && !BuiltFromSmall(m.Current));
        Assert.Equal(((long)large.Current.Value!.Value).ToString("N0", CultureInfo.InvariantCulture), PackMeasureRow(pack, large.Definition.Key)[2]);

        var pdf = NeedToKnow.PdfText.Extract(await senior.Http.GetByteArrayAsync($"/registers/board-pack/pdf?month={hiddenMonth:yyyy-MM}", Ct), separateRuns: true).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToArray(); // a run a line (a font change starts one with a space)
        var title = truth[key].Definition.Title;
        var at = Array.IndexOf(pdf, title);
        Assert.True(at >= 0, $"the PDF has the row for {title}");
        Assert.Equal("[c]", pdf[at + 2]); // after the measure's group
        Assert.Contains("not published: a measure built from a count from 1 to 4", string.Join(" ", pdf), StringComparison.Ordinal);
    }

    /// <summary>Whether a measure's figure is built from a count from 1 to 4: its numerator, or a denominator counting people or cases.</summary>
    private static bool BuiltFromSmall(Observation o) => o.Value is not null && (IsSmall(o.Numerator) || IsSmall(o.Denominator));

    private static bool IsSmall(long n) => n is >= 1 and <= 4;

    private async Task<string> ReportAsync(SignedInClient senior, string unit)
    {
        var posted = await senior.PostFormAsync("/performance/report", new Dictionary<string, string> { ["year"] = "2010", ["quarter"] = "3", ["unit"] = unit });
        var job = posted.Headers.Location!.OriginalString;
        var clock = Stopwatch.StartNew();
        while ((await senior.Http.GetStringAsync(job, Ct)).Contains("data-testid=\"report-progress\"", StringComparison.Ordinal))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), "the report job did not finish within 90 s");
            await Task.Delay(200, Ct);
        }
        return job;
    }

    /// <summary>A measure's cells in the HTML report after its title: value, last quarter, same quarter last year, target, national, most similar, RAG.</summary>
    private static string[] HtmlMeasureRow(string html, string title)
    {
        var row = Regex.Match(html, "<tr><td>" + Regex.Escape(title) + "</td>(.*?)</tr>", RegexOptions.Singleline);
        Assert.True(row.Success, $"the HTML report has the row for {title}");
        return [.. TableCell().Matches(row.Groups[1].Value).Select(c => c.Groups["text"].Value)];
    }

    /// <summary>A measure's row on the board pack page: title, group, the month, same period last year, RAG.</summary>
    private static string[] PackMeasureRow(string page, string key)
    {
        var row = Regex.Match(page, $"<tr data-measure=\"{key}\"><th scope=\"row\">(.*?)</th>(.*?)</tr>", RegexOptions.Singleline);
        Assert.True(row.Success, $"the pack has the row for {key}");
        return [row.Groups[1].Value, .. TableCell().Matches(row.Groups[2].Value).Select(c => c.Groups["text"].Value.Trim())];
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static bool IsSmall(string cell) =>
        long.TryParse(cell, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 4;

    /// <summary>The dashboard's breakdown tables by key: each row's cells as text (links unwrapped).</summary>
    private static Dictionary<string, List<string[]>> DashboardTables(string page) =>
        DashboardTable().Matches(page).ToDictionary(m => m.Groups["key"].Value, m =>
            TableRow().Matches(m.Groups["body"].Value)
                .Select(r => TableCell().Matches(r.Groups["cells"].Value).Select(c => WebUtility.HtmlDecode(Tag().Replace(c.Groups["text"].Value, "")).Trim()).ToArray())
                .Where(cells => cells.Length > 0).ToList(),
            StringComparer.Ordinal);

    private static List<string[]> Csv(ZipArchiveEntry entry)
    {
        using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
        return Probity.Infrastructure.CsvRecordReader.ReadAll(reader);
    }

    [GeneratedRegex("<section class=\"pmf-table\" data-testid=\"table-(?<key>[a-z_]+)\">(?<body>.*?)</section>", RegexOptions.Singleline)]
    private static partial Regex DashboardTable();

    [GeneratedRegex("<tr>(?<cells>.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex TableRow();

    [GeneratedRegex("<td[^>]*>(?<text>.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex TableCell();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex("<tr data-borough=\"[^\"]+\"><th scope=\"row\">(?<name>[^<]+)</th><td data-testid=\"written\">(?<written>[^<]+)</td><td data-testid=\"final\">(?<final>[^<]+)</td><td data-testid=\"advice\">(?<advice>[^<]+)</td>")]
    private static partial Regex PackRow();

    [GeneratedRegex("<tr data-testid=\"pack-boroughs-total\"><th scope=\"row\">All boroughs</th><td>(?<c0>[^<]+)</td><td>(?<c1>[^<]+)</td><td>(?<c2>[^<]+)</td>")]
    private static partial Regex PackTotal();
}
