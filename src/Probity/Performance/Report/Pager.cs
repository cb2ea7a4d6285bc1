using Probity.Infrastructure.Pdf;
using System.Globalization;
using Probity.Performance.Measures;

namespace Probity.Performance.Report;

/// <summary>
/// The report's page flow (the shared <see cref="PdfPageFlow"/>), which also records the page each section starts on: a
/// dry run finds them, and the drawing run prints them in the contents.
/// </summary>
internal sealed class Pager : PdfPageFlow
{
    public const float CellSize = 7.5f, Pad = PdfTableStyle.Pad;

    private readonly Dictionary<string, int> _sections = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, int>? _knownSections;

    public Pager(PspiDocument d, SkiaSharp.SKDocument? doc, IReadOnlyDictionary<string, int>? knownSections, int knownPages) : base(doc, knownPages)
    {
        _knownSections = knownSections;
        Header = p => p.HeaderLine(d.Title);
        Footer = p => p.FooterLine("PSPI " + d.QuarterName + " · " + d.Result.ScopeName,
            "Report date " + d.ReportDate.ToString("d MMMM yyyy", CultureInfo.InvariantCulture), p.PageOfPages);
    }

    public IReadOnlyDictionary<string, int> SectionPages => _sections;

    /// <summary>The page a section starts on (known from the dry run; 0 during it).</summary>
    public int SectionPage(string id) => _knownSections?.GetValueOrDefault(id) ?? 0;

    public void Heading(string title, string id)
    {
        Ensure(40);
        _sections[id] = Page;
        Heading(title);
    }

    public void SubHeading(string title, string id)
    {
        Ensure(30);
        _sections[id] = Page;
        SubHeading(title);
    }

    public void Warning(string text) => Warning(text, Fonts.WarnFill);

    /// <summary>A line chart of a measure's quarterly trend, with a value axis, quarter labels and gaps where there is no value.</summary>
    public void Chart(MeasureResult m, IReadOnlyList<string> labels)
    {
        var values = m.TrendValues;
        TrendChart("Trend: " + m.Definition.Title, values, [.. labels.Select(PspiDocument.ShortLabel)],
            Axis.NiceMax(values.Where(v => v is not null).Select(v => v!.Value).DefaultIfEmpty(0).Max()), Axis.Tick,
            "Quarter", PspiDocument.Unit(m.Definition), m.Trend.Count > 0 && (m.Trend[^1].IsHidden || m.Trend[^1].Value is not null) ? PspiDocument.Value(m.Definition, m.Trend[^1]) : null);
    }
}
