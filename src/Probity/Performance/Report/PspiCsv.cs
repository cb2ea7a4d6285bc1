using System.Globalization;
using System.IO.Compression;
using System.Text;
using Probity.Infrastructure;
using Probity.Performance.Measures;

namespace Probity.Performance.Report;

/// <summary>The report's tables as a zip of CSV files: measures.csv and one file per breakdown table (named by its key).</summary>
internal static class PspiCsv
{
    public static readonly string[] MeasureHeader =
    [
        "key", "title", "group", "kind", "value", "numerator", "denominator",
        "last_quarter", "last_quarter_change", "last_quarter_direction", "last_quarter_significant",
        "same_quarter_last_year", "last_year_change", "last_year_direction", "last_year_significant",
        "target", "national_average", "most_similar_forces", "rag",
    ];

    public static string Measures(PspiDocument d)
    {
        var sb = new StringBuilder();
        Csv.Line(sb, MeasureHeader);
        foreach (var m in d.Result.Measures)
            Csv.Line(sb,
            [
                m.Definition.Key, m.Definition.Title, m.Definition.Group, m.Definition.Kind.ToString().ToLowerInvariant(),
                .. m.Current.IsHidden ? [Hidden, Hidden, Hidden]
                    : new[] { N(m.Current.Value), m.Current.Numerator.ToString(CultureInfo.InvariantCulture), m.Current.Denominator.ToString(CultureInfo.InvariantCulture) },
                .. Compared(m.LastPeriod), .. Compared(m.LastYear),
                N(m.Target), N(m.National), N(m.MostSimilar), m.Rag,
            ]);
        return sb.ToString();
    }

    private const string Hidden = Contracts.SmallCellRule.Marker;

    /// <summary>A comparison's value, change, direction and significance; each the marker when it is hidden (ADR 0032 addendum).</summary>
    private static string[] Compared(Comparison c) => c.IsHidden ? [Hidden, Hidden, Hidden, Hidden]
        : [N(c.Value), N(c.Change), c.Direction, c.Significant ? "true" : "false"];

    public static string Table(BreakdownTable t)
    {
        var sb = new StringBuilder();
        Csv.Line(sb, t.Columns);
        foreach (var row in TableText.Rows(t)) Csv.Line(sb, row);
        return sb.ToString();
    }

    public static byte[] Zip(PspiDocument d)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, string text)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                using var s = entry.Open();
                s.Write(Csv.Utf8.GetBytes(text));
            }
            Add("measures.csv", Measures(d));
            foreach (var t in d.Result.Tables) Add(t.Key + ".csv", Table(t));
        }
        return buffer.ToArray();
    }

    private static string N(double? v) => v is { } x ? Math.Round(x, 4).ToString("0.####", CultureInfo.InvariantCulture) : "";
}
