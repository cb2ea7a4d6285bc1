using Probity.Cases.Contracts;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using Probity.Infrastructure.Time;
using Probity.Performance.Comparators;
using Probity.Performance.Facts;
using Probity.Performance.Measures;
using Probity.Performance.Report;

namespace Probity.Tests.Performance;

public sealed partial class ReportTests
{
    private static readonly Period Q3 = Period.Quarter(2010, 3);

    /// <summary>
    /// A tiny force: a borough and the Customer Service Team; four cases (two received in Q3 2010/11, one finalised in
    /// Q3 that was received in Q2, one a year earlier), six allegations, two appeals.
    /// </summary>
    private static PerformanceFacts Facts() => new()
    {
        Units =
        [
            new UnitFact("F", "Test Force", "force", null, null),
            new UnitFact("B1", "Westminster", "borough", "F", 250000),
            new UnitFact("C1", "Customer Service Team", "cst", "F", null),
        ],
        Staff =
        [
            new StaffFact("S1", "officer", "B1", new DateOnly(2000, 1, 1), null, "male", "w1"),
            new StaffFact("S2", "police_staff", "B1", new DateOnly(2001, 1, 1), null, "female", "b1"),
            new StaffFact("S3", "officer", "C1", new DateOnly(2002, 1, 1), null, "female", "a1"),
        ],
        Cases =
        [
            new CaseFact("C-1", "public_complaint", "2008", "public", D(2010, 10, 4), D(2010, 10, 5), D(2010, 10, 11), D(2010, 11, 1), "local_resolution", "B1", "B1"),
            new CaseFact("C-2", "public_complaint", "2008", "public", D(2010, 7, 5), D(2010, 7, 6), D(2010, 7, 12), D(2010, 12, 1), "local_investigation", "C1", "B1"),
            new CaseFact("C-3", "conduct_matter", "2008", "internal", D(2010, 11, 15), D(2010, 11, 16), null, null, null, "B1", "B1"),
            new CaseFact("C-4", "public_complaint", "2008", "public", D(2009, 10, 5), D(2009, 10, 6), D(2009, 10, 8), D(2009, 12, 1), "local_resolution", "B1", "B1"),
        ],
        Allegations =
        [
            new AllegationFact(0, "incivility", "locally_resolved", D(2010, 11, 1), "S1"),
            new AllegationFact(0, "other_neglect_or_failure_in_duty", "locally_resolved", D(2010, 11, 1), "S1"),
            new AllegationFact(1, "oppressive_conduct_or_harassment", "substantiated", D(2010, 12, 1), "S3"),
            new AllegationFact(1, "incivility", "not_substantiated", D(2010, 12, 1), "S3"),
            new AllegationFact(2, "incivility", null, null, "S1"),
            new AllegationFact(3, "incivility", "withdrawn", D(2009, 12, 1), "S1"),
        ],
        Appeals =
        [
            new AppealFact(1, "local_investigation", D(2010, 12, 5), D(2010, 12, 20), true),
            new AppealFact(0, "local_resolution", D(2010, 11, 5), D(2010, 11, 25), false),
        ],
        Sanctions = [new SanctionFact(1, "S3", "written_warning", D(2010, 12, 10))],
        Complainants = [new ComplainantFact(0, "male", "w1", "25-34", "B1"), new ComplainantFact(2, "female", "b1", "35-44", "B1")],
        Population = [new PopulationFact("B1", "w1", "male", "25-34", 100000), new PopulationFact("B1", "b1", "female", "35-44", 50000)],
        LoadedAt = new DateTimeOffset(2011, 1, 15, 9, 0, 0, TimeSpan.Zero),
    };

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static PspiDocument Build(bool example = true, string? unit = null)
    {
        var configuration = new ConfigurationBuilder().Build();
        var comparators = ComparatorSet.Parse(new StringReader("measure,comparator,value\ncases_received,target,10\ndays_receipt_to_finalisation,national_average,60\n"),
            example ? "EXAMPLE comparators (test)" : "force-comparators.csv", example);
        var calculator = new PmfCalculator(new CaseTargets(configuration, RulebookCatalogue.LoadBuiltIn()), comparators);
        var time = new FakeTimeProvider(new DateTimeOffset(2011, 1, 20, 10, 0, 0, TimeSpan.Zero));
        return new PspiReport(calculator, comparators, new Probity.Performance.Contracts.SmallCellRule(), time).Build(Facts(), Q3, unit);
    }

    [Fact]
    public void The_pdf_is_a_multi_page_pdf_with_a_page_count()
    {
        var pdf = PspiPdf.Render(Build());
        Assert.Equal("%PDF", Encoding.ASCII.GetString(pdf, 0, 4));
        var text = Encoding.Latin1.GetString(pdf);
        var count = CountPattern().Matches(text).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max();
        Assert.True(count >= 5, $"/Count {count}: expected a title page, contents, measures, breakdowns and appendices");
        Assert.Contains("/FontFile2", text, StringComparison.Ordinal); // real text in an embedded font, not pictures of text
        Assert.Contains("EOF", text[^8..], StringComparison.Ordinal);
        File.WriteAllBytes(Path.Combine(Path.GetTempPath(), "probity-pspi-unit-test.pdf"), pdf);
    }

    [Fact]
    public void The_html_has_the_title_the_contents_every_measure_and_the_example_warning()
    {
        var d = Build();
        var html = PspiHtml.Render(d);
        Assert.Contains("<title>Professional Standards Performance Indicators — Q3 2010/11</title>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"contents\"", html, StringComparison.Ordinal);
        foreach (var (id, title) in PspiHtml.Sections(d))
        {
            Assert.Contains($"<a href=\"#{id}\">{WebUtility.HtmlEncode(title)}</a>", html, StringComparison.Ordinal);
            Assert.Contains($"id=\"{id}\"", html, StringComparison.Ordinal);
        }
        foreach (var m in MeasureCatalogue.All)
        {
            Assert.Contains($"<td>{WebUtility.HtmlEncode(m.Title)}</td>", html, StringComparison.Ordinal);
            Assert.Contains(WebUtility.HtmlEncode(m.Definition), html, StringComparison.Ordinal);
        }
        Assert.Contains(PspiHtml.ExampleWarning[..40], html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(7, Regex.Count(html, "<svg class=\"chart\"")); // a trend chart per timeliness measure
    }

    [Fact]
    public void Real_comparators_carry_no_example_warning()
    {
        var html = PspiHtml.Render(Build(example: false));
        Assert.DoesNotContain(PspiHtml.ExampleWarning[..40], html, StringComparison.Ordinal);
        Assert.Contains("force-comparators.csv", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_csv_zip_has_measures_and_one_file_per_table_each_with_a_header_and_a_row_per_table_row()
    {
        var d = Build();
        using var zip = new ZipArchive(new MemoryStream(PspiCsv.Zip(d)));
        var measures = ReadCsv(zip.GetEntry("measures.csv")!);
        Assert.Equal(PspiCsv.MeasureHeader, measures[0]);
        Assert.Equal(MeasureCatalogue.All.Count + 1, measures.Count);
        var received = measures.Single(r => r[0] == "cases_received");
        Assert.Equal(["[c]", "[c]", "[c]"], received[4..7]); // 2 received: a small headline is published hidden (ADR 0032 addendum)
        Assert.Equal("10", received[15]); // target
        var live = measures.Single(r => r[0] == "live_cases");
        Assert.Equal("[c]", live[4]); // C-3 alone
        foreach (var t in d.Result.Tables)
        {
            var rows = ReadCsv(zip.GetEntry(t.Key + ".csv") ?? throw new InvalidOperationException($"no {t.Key}.csv"));
            Assert.Equal(t.Columns, rows[0]);
            var expected = TableText.Rows(t);
            Assert.Equal(expected.Count + 1, rows.Count);
            for (var i = 0; i < expected.Count; i++) Assert.Equal(expected[i], rows[i + 1]);
        }
        Assert.Equal(d.Result.Tables.Count + 1, zip.Entries.Count);
    }

    /// <summary>The report is published (ADR 0032): no count of people or cases from 1 to 4 in any of its tables, in any rendering.</summary>
    [Fact]
    public void The_report_publishes_no_count_from_1_to_4_in_any_table_and_says_what_the_marker_means()
    {
        var d = Build();
        var rule = new Probity.Performance.Contracts.SmallCellRule();
        foreach (var t in d.Result.Tables.Where(t => t.Counts is not null))
            foreach (var row in t.Rows)
                foreach (var column in t.Counts!.Columns)
                    Assert.False(row[column.Column] is CountCell { Count: { } n } && rule.IsSmall(n), $"{t.Key}: a count of 1 to 4 is published");
        var categories = d.Result.Tables.Single(t => t.Key == "by_category");
        Assert.All(TableText.Rows(categories), r => Assert.Equal(["[c]", "[c]"], r.Skip(1)));
        Assert.Contains(rule.Footnote, categories.Note, StringComparison.Ordinal);
        var html = PspiHtml.Render(d);
        Assert.Contains("<td class=\"num\">[c]</td>", html, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(rule.Footnote), html, StringComparison.Ordinal);
        using var zip = new ZipArchive(new MemoryStream(PspiCsv.Zip(d)));
        Assert.Equal(["Category", "Number", "Share"], ReadCsv(zip.GetEntry("by_category.csv")!)[0]);
        Assert.All(ReadCsv(zip.GetEntry("by_category.csv")!).Skip(1), r => Assert.Equal("[c]", r[1]));
    }

    [Fact]
    public void Csv_fields_are_quoted_as_rfc_4180_says()
    {
        var sb = new StringBuilder();
        Probity.Infrastructure.Csv.Line(sb, ["plain", "a,b", "say \"hi\"", "two\nlines", ""]);
        Assert.Equal("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n", sb.ToString());
    }

    [Fact]
    public void The_ipcc_return_has_the_hand_counted_figures()
    {
        var d = Build();
        var csv = Encoding.UTF8.GetString(IpccReturn.ToCsv(d.Ipcc));
        var rows = ParseCsv(csv);
        Assert.Equal(["section", "item", "value"], rows[0]);
        var v = rows.Skip(1).ToDictionary(r => (r[0], r[1]), r => r[2]);
        Assert.Equal("2", v[("cases", "received")]);       // C-1, C-3
        Assert.Equal("2", v[("cases", "recorded")]);       // C-1, C-3
        Assert.Equal("2", v[("cases", "finalised")]);      // C-1, C-2
        Assert.Equal("1", v[("cases", "live_at_period_end")]); // C-3
        Assert.Equal("3", v[("allegations", "recorded")]); // C-1's two, C-3's one
        Assert.Equal("4", v[("allegations", "finalised")]);
        Assert.Equal("2", v[("allegations_finalised", "locally_resolved")]);
        Assert.Equal("2", v[("allegations_finalised", "investigated")]);
        Assert.Equal("1", v[("allegations_finalised", "substantiated")]);
        Assert.Equal("1", v[("allegations_finalised", "not_substantiated")]);
        Assert.Equal("0", v[("allegations_finalised", "withdrawn")]);
        Assert.Equal("2", v[("appeals", "decided")]);
        Assert.Equal("1", v[("appeals", "upheld")]);
        Assert.Equal("2", v[("allegations_recorded_by_category", "incivility")]);
        Assert.Equal("1", v[("allegations_recorded_by_category", "other_neglect_or_failure_in_duty")]);
        Assert.False(v.ContainsKey(("allegations_recorded_by_category", "oppressive_conduct_or_harassment"))); // C-2 was recorded in Q2
        Assert.Equal(20, WorkingDays.Between(D(2010, 10, 4), D(2010, 11, 1))); // four whole weeks, no bank holiday
        var mean = (20 + WorkingDays.Between(D(2010, 7, 5), D(2010, 12, 1))) / 2.0;
        Assert.Equal(mean.ToString("0.0", CultureInfo.InvariantCulture), v[("timeliness", "mean_working_days_receipt_to_finalisation")]);
        Assert.Equal("2010-10-01", v[("return", "period_from")]);
    }

    [Fact]
    public void A_unit_report_counts_only_that_unit()
    {
        var v = Build(unit: "C1").Ipcc.ToDictionary(r => (r.Section, r.Item), r => r.Value);
        Assert.Equal("0", v[("cases", "received")]);
        Assert.Equal("1", v[("cases", "finalised")]); // C-2 is handled by the CST
        Assert.Equal("C1", v[("return", "scope")]);
    }

    [Fact]
    public void Long_cell_text_is_wrapped_and_cut_with_an_ellipsis()
    {
        using var font = new SkiaSharp.SKFont(SkiaSharp.SKTypeface.Default, 8);
        var lines = Probity.Infrastructure.Pdf.PdfLines.Wrap("word " + string.Concat(Enumerable.Repeat("averyveryverylongword ", 30)), font, 60, 3);
        Assert.Equal(3, lines.Count);
        Assert.EndsWith("…", lines[^1], StringComparison.Ordinal);
        Assert.All(lines, l => Assert.True(font.MeasureText(l) <= 60.5f, $"'{l}' is wider than the cell"));
    }

    private static List<string[]> ReadCsv(ZipArchiveEntry entry)
    {
        using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
        return ParseCsv(reader.ReadToEnd());
    }

    /// <summary>The file as the import would read it; every record of a published file ends in CRLF.</summary>
    private static List<string[]> ParseCsv(string text)
    {
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        return Probity.Infrastructure.CsvRecordReader.ReadAll(new StringReader(text));
    }

    [GeneratedRegex(@"/Count (\d+)")]
    private static partial Regex CountPattern();
}
