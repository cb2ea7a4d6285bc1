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

namespace Probity.IntegrationTests;

/// <summary>
/// Small-cell suppression as an outsider reading what the Directorate publishes would test it (ADR 0032): the quarterly
/// report (CSV tables, HTML, PDF), `pmf --json` and the strategy board pack carry no count of people or cases from 1 to 4,
/// while the dashboard, the analysts' working view, still shows an entitled reader the true figure in the same place.
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
