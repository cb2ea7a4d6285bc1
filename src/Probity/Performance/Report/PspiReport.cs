using Probity.Infrastructure.Time;
using System.Globalization;
using Probity.Performance.Comparators;
using Probity.Performance.Facts;
using Probity.Performance.Measures;

namespace Probity.Performance.Report;

/// <summary>
/// The quarterly Professional Standards Performance Indicators report: the framework's measures for one quarter
/// and scope, rendered as a printable HTML document, a PDF, a zip of CSV tables and the IPCC quarterly data return.
/// Every rendering reads the same <see cref="PspiDocument"/>, so they cannot disagree.
/// </summary>
internal sealed class PspiReport(PmfCalculator calculator, ComparatorSet comparators, Contracts.SmallCellRule smallCells, TimeProvider time)
{
    /// <param name="reader">Who the report is for: tables that list cases list only what they may open (null: the platform).</param>
    /// <remarks>The report is published (it leaves the Directorate): its tables' small counts and its headline measures built
    /// from one are suppressed (ADR 0032 and its addendum). The IPCC return is the regulator's, which receives the true figures
    /// and suppresses its own publications: it is built from the figures before publishing.</remarks>
    public PspiDocument Build(PerformanceFacts facts, Period quarter, string? unitId = null, Probity.Kernel.CaseAccessScope? reader = null)
    {
        var figures = calculator.Compute(facts, quarter, string.IsNullOrEmpty(unitId) ? null : unitId, reader: reader);
        return new PspiDocument(smallCells.Publish(figures), comparators.Source, comparators.IsExample, time.Today(),
            IpccReturn.Build(facts, figures, string.IsNullOrEmpty(unitId) ? null : unitId));
    }
}

/// <summary>Everything a rendering of the report needs.</summary>
internal sealed record PspiDocument(PmfResult Result, string ComparatorsSource, bool ComparatorsAreExample, DateOnly ReportDate, IReadOnlyList<IpccRow> Ipcc)
{
    /// <summary>"Q3 2010/11" (the period's label without its dates), or the whole label for a period that is not a quarter.</summary>
    public string QuarterName => ShortLabel(Result.Period.Label);

    public string Title => "Professional Standards Performance Indicators — " + QuarterName;

    public string Dates => $"{Result.Period.From:d MMMM yyyy} to {Result.Period.To:d MMMM yyyy}";

    public string FileStem => "pspi-" + Result.Period.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + (Result.Scope == "force" ? "" : "-" + Result.Scope);

    public IEnumerable<IGrouping<string, MeasureResult>> Groups => Result.Measures.GroupBy(m => m.Definition.Group);

    public IEnumerable<MeasureResult> TrendMeasures => Result.Measures.Where(m => m.Definition.Group == MeasureCatalogue.Timeliness);

    /// <summary>The most left-out dates the report lists one by one; a store damaged in bulk gets a count after them.</summary>
    public const int ExclusionsListed = 200;

    /// <summary>What the figures leave out because a stored date lies outside the working-day calendar, or null when nothing is.</summary>
    public string? DataQualityNote => Result.Excluded.Count == 0 ? null : string.Create(CultureInfo.InvariantCulture,
        $"Data quality: {Result.Excluded.Count:N0} stored date(s) in this scope lie outside {WorkingDays.SupportedRange}, the dates working days are known for, and are left out of these figures until corrected (Appendix C).");

    /// <summary>One line per date left out, and what was left out with it.</summary>
    public IEnumerable<string> DataQualityLines =>
        Result.Excluded.Take(ExclusionsListed).Select(e => e.Warning.Message + (e.WholeCase ? " The case is left out of every figure." : " That date is left out of the figures."))
            .Concat(Result.Excluded.Count > ExclusionsListed ? [string.Create(CultureInfo.InvariantCulture, $"… and {Result.Excluded.Count - ExclusionsListed:N0} more.")] : []);

    public static string ShortLabel(string label) => label.IndexOf(" (", StringComparison.Ordinal) is > 0 and var i ? label[..i] : label;

    // ---- formatting shared by the HTML, the PDF and the CSV ----

    /// <summary>A measure's figure as published: the marker when it is hidden (ADR 0032 addendum).</summary>
    public static string Value(MeasureDefinition def, Observation o) => o.IsHidden ? Contracts.SmallCellRule.Marker : Value(def, o.Value);

    /// <summary>The other period's figure alone (the board pack's "same period last year"): the marker when the comparison is hidden.</summary>
    public static string Value(MeasureDefinition def, Comparison c) => c.IsHidden ? Contracts.SmallCellRule.Marker : Value(def, c.Value);

    public static string Value(MeasureDefinition def, double? v) => v is not { } x ? "—" : def.Kind switch
    {
        MeasureKind.Count => x.ToString("N0", CultureInfo.InvariantCulture),
        MeasureKind.Percent => x.ToString("0.0", CultureInfo.InvariantCulture) + "%",
        _ => x.ToString("0.0", CultureInfo.InvariantCulture),
    };

    /// <summary>"41.2 ▲*": the other period's value, the direction of travel from it, and * when the change is significant.</summary>
    public static string Compared(MeasureDefinition def, Comparison c) =>
        c.IsHidden ? Contracts.SmallCellRule.Marker : c.Value is null ? "—" : Value(def, c.Value) + (c.Arrow.Length > 0 ? " " + c.Arrow : "") + (c.Significant ? "*" : "");

    public static string RagText(string rag) => rag switch
    {
        "green" => "Green", "amber" => "Amber", "red" => "Red", Contracts.SmallCellRule.Marker => Contracts.SmallCellRule.Marker, _ => "—",
    };

    public static string Unit(MeasureDefinition def) => def.Kind switch
    {
        MeasureKind.WorkingDays => "working days",
        MeasureKind.Percent => "%",
        MeasureKind.Rate => "per 1,000",
        _ => "count",
    };

    public static readonly string[] MeasureColumns = ["Measure", "Value", "Last quarter", "Same quarter last year", "Target", "National average", "Most similar forces", "RAG"];

    public static string[] MeasureRow(MeasureResult m) =>
    [
        m.Definition.Title, Value(m.Definition, m.Current), Compared(m.Definition, m.LastPeriod), Compared(m.Definition, m.LastYear),
        Value(m.Definition, m.Target), Value(m.Definition, m.National), Value(m.Definition, m.MostSimilar), RagText(m.Rag),
    ];

    /// <summary>What the marker means under a group of measures with a hidden figure, or null (ADR 0032 addendum).</summary>
    public string? HiddenNote(IEnumerable<MeasureResult> group) => group.Any(m => m.AnyHidden) ? Result.MeasuresNote : null;

    public const string SignificanceNote = "▲ up, ▼ down, ► no change on the comparison period; * the change is statistically significant (95%). RAG compares the value with the target.";
}
