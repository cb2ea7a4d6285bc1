using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using Probity.Performance.Contracts;
using Probity.Performance.Facts;
using Probity.Performance.Measures;
using Probity.Performance.Report;
using Probity.Tests.Performance.Measures;
using static Probity.Tests.Performance.Measures.Pmf;

namespace Probity.Tests.Performance;

/// <summary>
/// Headline measures as published (ADR 0032 addendum), tested as a reader who wants a small count back would try: from the
/// small unit's report alone, from this quarter beside last quarter's, from a headline beside a breakdown, and from the
/// headlines that add up to another. The report's four renderings and the JSON read the same published result, so each
/// test reads the rendered text, not only the result.
/// </summary>
public sealed partial class PublishedHeadlinesTests
{
    private static readonly Period Q3 = Period.Quarter(2010, 3); // 1 October to 31 December 2010
    private const string Marker = SmallCellRule.Marker;

    /// <summary>A force of a large borough (B1) and a small team (T1), with the same quarter's cases in each as given.</summary>
    private static FactsBuilder Force()
    {
        var b = new FactsBuilder().Unit("F", "force").Unit("B1", "borough", "F", "Westminster").Unit("T1", "team", "F", "Professional Standards Team 1");
        for (var i = 0; i < 40; i++) b.Case($"B-{i}", D(2010, 10, 4).AddDays(i), D(2010, 10, 5).AddDays(i), unit: "B1", location: "B1");
        return b;
    }

    private static void Received(FactsBuilder b, string unit, int count, DateOnly from)
    {
        for (var i = 0; i < count; i++) b.Case($"{unit}-{from:yyyyMM}-{i}", from.AddDays(i), from.AddDays(i + 1), unit: unit, location: unit);
    }

    private static PspiDocument Report(PerformanceFacts facts, string? unit, string comparators = "") =>
        new PspiReport(Calculator(comparators), Comparators(comparators), new SmallCellRule(), new FakeTimeProvider(new DateTimeOffset(2011, 1, 20, 10, 0, 0, TimeSpan.Zero)))
            .Build(facts, Q3, unit);

    [Fact]
    public void A_small_units_headline_of_3_is_hidden_with_its_comparison_rag_and_trend_point_in_every_rendering_and_a_large_one_is_shown()
    {
        var b = Force();
        Received(b, "T1", 3, D(2010, 10, 4));   // this quarter: 3
        Received(b, "T1", 12, D(2010, 7, 5));   // last quarter: 12 (shown alone, but the change from it would give the 3 back)
        // Three appeals decided, one upheld: 33.3% against a target of 20% (red) says 1 of 3.
        foreach (var (i, wasUpheld) in new[] { (0, true), (1, false), (2, false) })
            b.Appeal(b.Case($"A-{i}", D(2010, 6, 1), D(2010, 6, 2), D(2010, 6, 10), D(2010, 7, 1), "local_investigation", unit: "T1", location: "T1"),
                D(2010, 7, 5), D(2010, 11, 1).AddDays(i), wasUpheld);
        var facts = b.Build();
        const string comparators = "pct_appeals_upheld,target,20,2010/11\n";

        var team = Report(facts, "T1", comparators);
        var received = team.Result["cases_received"];
        Assert.True(received.Current.IsHidden && received.LastPeriod.IsHidden && received.LastYear.IsHidden && received.Trend[^1].IsHidden);
        Assert.Equal(Marker, received.Rag);
        Assert.False(received.Trend[^2].IsHidden); // last quarter's 12 is shown as a point of its own
        Assert.Equal(12, received.Trend[^2].Value);
        Assert.True(team.Result["pct_appeals_upheld"].Current.IsHidden);
        Assert.True(team.Result["appeals_decided"].Current.IsHidden);
        Assert.Equal(Marker, team.Result["pct_appeals_upheld"].Rag);

        // HTML: the measure's row reads the marker in the value, both comparisons and the RAG; 33.3% is nowhere.
        var html = PspiHtml.Render(team);
        Assert.Equal([Marker, Marker, Marker, "—", "—", "—", Marker], HtmlRow(html, "Cases received"));
        Assert.Equal([Marker, Marker, Marker, "20.0%", "—", "—", Marker], HtmlRow(html, "Appeals upheld"));
        Assert.DoesNotContain("33.3", html, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(new SmallCellRule().HeadlinesFootnote), html, StringComparison.Ordinal);

        // CSV: value, numerator, denominator, both comparisons and the RAG.
        using var zip = new ZipArchive(new MemoryStream(PspiCsv.Zip(team)));
        var measures = Csv(zip.GetEntry("measures.csv")!);
        var row = measures.Single(r => r[0] == "cases_received");
        Assert.All(row[4..15].Append(row[18]), cell => Assert.Equal(Marker, cell));
        var upheld = measures.Single(r => r[0] == "pct_appeals_upheld");
        Assert.Equal([Marker, Marker, Marker], upheld[4..7]);
        Assert.Equal("20", upheld[15]); // the target is the force's own, not a figure from the team's cases
        Assert.DoesNotContain(measures, r => r.Any(c => c.StartsWith("33.33", StringComparison.Ordinal)));
        // The breakdown by type adds up to the hidden headline: none of its counts is published either.
        Assert.All(Csv(zip.GetEntry("by_case_type.csv")!).Skip(1), r => Assert.Equal(Marker, r[1]));

        // JSON: the same figures as the marker, the trend's last point too.
        using var json = JsonDocument.Parse(PmfJson.Serialize(team.Result, D(2010, 12, 31), "test"));
        var measure = json.RootElement.GetProperty("measures").EnumerateArray().Single(m => m.GetProperty("key").GetString() == "cases_received");
        foreach (var field in new[] { "value", "numerator", "denominator", "rag" }) Assert.Equal(Marker, measure.GetProperty(field).GetString());
        foreach (var field in new[] { "value", "change", "direction", "significant" }) Assert.Equal(Marker, measure.GetProperty("last_period").GetProperty(field).GetString());
        Assert.Equal(Marker, measure.GetProperty("trend").EnumerateArray().Last().GetString());
        Assert.Equal(12, measure.GetProperty("trend")[PmfCalculator.TrendPoints - 2].GetDouble());
        Assert.Equal(new SmallCellRule().HeadlinesFootnote, json.RootElement.GetProperty("measures_note").GetString());

        // The regulator's return has the true figures (ADR 0032: it suppresses its own publications).
        var ipcc = team.Ipcc.ToDictionary(r => (r.Section, r.Item), r => r.Value);
        Assert.Equal("3", ipcc[("cases", "received")]);
        Assert.Equal("1", ipcc[("appeals", "upheld")]);

        // Force-wide the same measure is large and is published as it is.
        var force = Report(facts, null, comparators);
        Assert.Equal(43, force.Result["cases_received"].Current.Value); // the borough's 40 and the team's 3 (the appellants' cases came in June)
        Assert.Equal(["43", "12 ▲*", "0 ▲*", "—", "—", "—", "—"], HtmlRow(PspiHtml.Render(force), "Cases received"));
        Assert.Equal("43", Csv(new ZipArchive(new MemoryStream(PspiCsv.Zip(force))).GetEntry("measures.csv")!).Single(r => r[0] == "cases_received")[4]);
    }

    [Fact]
    public void A_large_headline_after_a_small_quarter_is_shown_but_its_comparison_and_that_quarters_trend_point_are_not()
    {
        var b = Force();
        Received(b, "T1", 30, D(2010, 10, 4));
        Received(b, "T1", 2, D(2010, 7, 5));
        var team = Report(b.Build(), "T1");
        var received = team.Result["cases_received"];
        Assert.Equal(30, received.Current.Value);
        Assert.True(received.LastPeriod.IsHidden, "30 and a change of +28 give last quarter's 2 back");
        Assert.True(received.Trend[^2].IsHidden);
        Assert.False(received.Trend[^1].IsHidden);
        Assert.Equal("30", HtmlRow(PspiHtml.Render(team), "Cases received")[0]);
        Assert.Equal(Marker, HtmlRow(PspiHtml.Render(team), "Cases received")[1]);
        using var json = JsonDocument.Parse(PmfJson.Serialize(team.Result, D(2010, 12, 31), "test"));
        var trend = json.RootElement.GetProperty("measures").EnumerateArray().Single(m => m.GetProperty("key").GetString() == "cases_received").GetProperty("trend");
        Assert.Equal(Marker, trend[PmfCalculator.TrendPoints - 2].GetString());
        Assert.Equal(30, trend[PmfCalculator.TrendPoints - 1].GetDouble());
    }

    [Fact]
    public void Shares_of_the_allegations_finalised_that_would_give_a_hidden_one_back_by_subtraction_are_hidden_too()
    {
        var b = Force();
        var t = b.Case("T-1", D(2010, 1, 4), D(2010, 1, 5), D(2010, 1, 6), D(2010, 11, 1), "local_investigation", unit: "T1", location: "T1");
        void Add(string finding, int n) { for (var i = 0; i < n; i++) b.Allegation(t, finding, D(2010, 11, 1)); }
        Add("locally_resolved", 2);
        Add("substantiated", 10);
        Add("not_substantiated", 20);
        Add("withdrawn", 10);
        Add("dispensed", 8);
        var r = Report(b.Build(), "T1").Result;
        Assert.Equal(50, r["allegations_finalised"].Current.Value);
        Assert.True(r["pct_locally_resolved"].Current.IsHidden);
        // The reader has the 50 finalised; the four shares are parts of it with nothing else: a second must be hidden.
        string[] parts = ["pct_locally_resolved", "pct_investigated", "pct_withdrawn", "pct_dispensed_or_discontinued"];
        Assert.True(parts.Count(k => r[k].Current.IsHidden) >= 2, "one hidden share of four with their whole shown is found by subtraction");
        Assert.True(r["pct_dispensed_or_discontinued"].Current.IsHidden, "the smallest shown part goes next (least lost)");
        Assert.Equal(60.0, r["pct_investigated"].Current.Value);
        Assert.Equal(100.0 / 3, r["pct_substantiated"].Current.Value!.Value, 6); // 10 of 30: neither it nor the 20 not substantiated is small
    }

    [Fact]
    public void A_timeliness_measure_and_the_route_table_hide_the_same_cases_so_neither_gives_the_other_away()
    {
        var b = Force();
        for (var i = 0; i < 2; i++) b.Case($"LR-{i}", D(2010, 9, 1), D(2010, 9, 2), D(2010, 9, 3), D(2010, 10, 20), "local_resolution", unit: "T1", location: "T1");
        for (var i = 0; i < 30; i++) b.Case($"LI-{i}", D(2010, 1, 4), D(2010, 1, 5), D(2010, 1, 6), D(2010, 11, 1), "local_investigation", unit: "T1", location: "T1");
        var team = Report(b.Build(), "T1");
        var r = team.Result;
        Assert.True(r["days_local_resolution"].Current.IsHidden);
        Assert.True(r["pct_local_resolution_by_units"].Current.IsHidden); // its whole is the same 2 cases
        // The table hides the investigation row as well (its "All cases" total is shown): the measure over the same 30 goes with it.
        var timeliness = TableText.Rows(r.Tables.Single(t => t.Key == "timeliness"));
        Assert.Equal(["Investigation", Marker, Marker, Marker, Marker, Marker], timeliness.Single(x => x[0] == "Investigation"));
        Assert.True(r["days_investigation"].Current.IsHidden, "the investigation row is hidden in the table, so the measure of the same cases is");
        Assert.Equal(32, r["days_receipt_to_finalisation"].Current.Numerator);
        Assert.Equal("32", timeliness.Single(x => x[0] == "All cases")[1]);
        Assert.Equal([Marker, Marker, Marker, "—", "—", "—", Marker], HtmlRow(PspiHtml.Render(team), "Receipt to finalisation, investigations"));
    }

    [Fact]
    public void Where_the_measures_hide_a_route_the_table_would_show_the_table_hides_it_too_so_the_two_never_disagree()
    {
        // 2 by local resolution, 10 investigated, 6 with no route, 7 disapplied; all past target.
        var b = Force();
        void Finalised(string prefix, int n, string? route)
        {
            for (var i = 0; i < n; i++) b.Case($"{prefix}-{i}", D(2010, 1, 4), D(2010, 1, 5), route is null ? null : D(2010, 1, 6), D(2010, 11, 1), route, unit: "T1", location: "T1");
        }
        Finalised("LR", 2, "local_resolution");
        Finalised("LI", 10, "local_investigation");
        Finalised("NR", 6, null);
        Finalised("DA", 7, "disapplication");
        var r = Report(b.Build(), "T1").Result;
        // The measures know the routes other than these two only as their rest (13): the 10 investigated go second.
        Assert.True(r["days_local_resolution"].Current.IsHidden);
        Assert.True(r["days_investigation"].Current.IsHidden);
        // Alone, the table would hide the 6 with no route second and show the 10; published with the measures it hides them too.
        var timeliness = TableText.Rows(r.Tables.Single(t => t.Key == "timeliness"));
        Assert.Equal(Marker, timeliness.Single(x => x[0] == "Investigation")[1]);
        Assert.Equal(Marker, timeliness.Single(x => x[0] == "Local resolution")[1]);
        Assert.Equal("25", timeliness.Single(x => x[0] == "All cases")[1]);
        var alone = PublishedFigures.Suppress(Calculator().Compute(b.Build(), Q3, "T1").Tables.Single(t => t.Key == "timeliness"), new SmallCellRule());
        Assert.Equal("10", TableText.Rows(alone).Single(x => x[0] == "Investigation")[1]);
    }

    [Fact]
    public void Three_of_forty_within_target_is_hidden_in_the_measure_and_in_the_all_cases_row_of_the_route_table()
    {
        var b = Force();
        for (var i = 0; i < 37; i++) b.Case($"LATE-{i}", D(2010, 1, 4), D(2010, 1, 5), D(2010, 1, 6), D(2010, 11, 1), "local_investigation", unit: "T1", location: "T1");
        for (var i = 0; i < 3; i++) b.Case($"SOON-{i}", D(2010, 10, 1), D(2010, 10, 4), D(2010, 10, 5), D(2010, 10, 20), "local_investigation", unit: "T1", location: "T1");
        var r = Report(b.Build(), "T1").Result;
        Assert.True(r["pct_finalised_within_target"].Current.IsHidden);
        Assert.Equal(40, r["days_receipt_to_finalisation"].Current.Numerator); // the cases themselves are not small
        var all = TableText.Rows(r.Tables.Single(t => t.Key == "timeliness")).Single(x => x[0] == "All cases");
        Assert.Equal("40", all[1]);
        Assert.Equal(Marker, all[5]); // 7.5% of 40 would say 3
    }

    [Fact]
    public void A_scope_with_nothing_in_it_publishes_zeros_and_no_marker()
    {
        var b = Force().Unit("E1", "team", "F", "Empty team");
        var team = Report(b.Build(), "E1");
        Assert.DoesNotContain(team.Result.Measures, m => m.AnyHidden);
        Assert.Null(team.Result.MeasuresNote);
        Assert.Equal("0", HtmlRow(PspiHtml.Render(team), "Cases received")[0]);
        Assert.DoesNotContain(Marker, PspiHtml.Render(team), StringComparison.Ordinal);
        Assert.NotEmpty(PspiPdf.Render(team));
    }

    [Fact]
    public void Every_measure_says_what_it_is_built_from_and_every_sum_names_counts_a_measure_reads()
    {
        Assert.Equal(MeasureCatalogue.All.Select(m => m.Key).Order(StringComparer.Ordinal), HeadlineCounts.Of.Keys.Order(StringComparer.Ordinal));
        var read = HeadlineCounts.Of.Values.SelectMany(c => new[] { c.Numerator, c.Denominator }).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var (total, parts) in HeadlineCounts.Sums)
        {
            Assert.Contains(total, read);
            Assert.All(parts.SkipLast(1), p => Assert.Contains(p, read));
            Assert.DoesNotContain(parts[^1], read); // the rest is never published, only worked out
        }
    }

    [Fact]
    public void Counts_read_from_no_measures_are_all_zero_so_publishing_a_period_without_measures_hides_nothing()
    {
        var counts = HeadlineCounts.Read(new Dictionary<string, Observation>(StringComparer.Ordinal));
        Assert.All(HeadlineCounts.Sums.SelectMany(s => s.Parts.Append(s.Total)), name => Assert.Equal(0, counts[name]));
        // A store whose findings do not add up (an upheld count above the decided, as a bad import could leave) reads no rest below 0.
        var odd = HeadlineCounts.Read(new Dictionary<string, Observation>(StringComparer.Ordinal) { ["pct_appeals_upheld"] = new(null, 7, 3, null) });
        Assert.Equal(0, odd[HeadlineCounts.AppealsNotUpheld]);
    }

    [Fact]
    public void The_working_view_is_not_published_so_nothing_in_it_is_hidden()
    {
        var b = Force();
        Received(b, "T1", 3, D(2010, 10, 4));
        var working = Calculator().Compute(b.Build(), Q3, "T1");
        Assert.Equal(3, working["cases_received"].Current.Value);
        Assert.DoesNotContain(working.Measures, m => m.AnyHidden);
    }

    [Fact]
    public void The_board_packs_right_line_quarter_holding_a_hidden_month_is_hidden_as_the_months_beside_it_would_give_it_back()
    {
        // Eight months to November 2010; the Right Line headline of May is hidden (3 reports), the others shown.
        var starts = Enumerable.Range(0, 8).Select(i => new DateOnly(2010, 4, 1).AddMonths(i)).ToList();
        var hidden = starts.Select(d => d.Month == 5).ToList();
        var headline = new HeadlineFigures.Headline("right_line_reports", "Right Line reports received", MeasureCatalogue.Volume, 12, "12", "9", "—",
            [.. starts.Select((_, i) => hidden[i] ? null : (double?)10)], hidden, "count");
        var figures = new HeadlineFigures.Figures("November 2010", [headline], [.. starts.Select(d => d.ToString("MMM yy", System.Globalization.CultureInfo.InvariantCulture))], starts, null);
        Probity.Intelligence.Contracts.RightLineVolumes.Quarter[] quarters = [new(2010, 1, 30), new(2010, 2, 23), new(2010, 3, 30), new(2010, 4, 2)];
        var shown = Probity.Registers.BoardPack.BoardPackHandler.PublishRightLine(quarters, figures, new SmallCellRule());
        // Q1 is shown; Q2 (April to June) holds May: 23 less April's and June's 10 would be May's 3; Q4 to date is 2.
        Assert.Equal(["30", Marker, "30", Marker], shown);
    }

    /// <summary>A measure's row in the HTML report: its cells after the title (value, comparisons, target, national, most similar, RAG).</summary>
    private static string[] HtmlRow(string html, string title)
    {
        var row = Regex.Match(html, "<tr><td>" + Regex.Escape(WebUtility.HtmlEncode(title)) + "</td>(.*?)</tr>", RegexOptions.Singleline);
        Assert.True(row.Success, $"no row for {title}");
        return [.. Cell().Matches(row.Groups[1].Value).Select(c => WebUtility.HtmlDecode(c.Groups[1].Value))];
    }

    private static List<string[]> Csv(ZipArchiveEntry entry)
    {
        using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
        return Probity.Infrastructure.CsvRecordReader.ReadAll(reader);
    }

    [GeneratedRegex("<td[^>]*>(.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex Cell();
}
