namespace Probity.Performance.Measures;

/// <summary>A measured value with what is needed to test a change: for shares the numerator and denominator, for means the variance.</summary>
internal sealed record Observation(double? Value, long Numerator, long Denominator, double? Variance)
{
    public static readonly Observation None = new(null, 0, 0, null);
}

/// <summary>How a value compares with another period's: direction of travel and whether the change is more than noise.</summary>
internal sealed record Comparison(double? Value, double? Change, string Direction, bool Significant, bool? Better)
{
    public static readonly Comparison None = new(null, null, "none", false, null);

    public string Arrow => Direction switch { "up" => "▲", "down" => "▼", "flat" => "►", _ => "" };
}

internal sealed record MeasureResult(MeasureDefinition Definition, Observation Current, Comparison LastPeriod, Comparison LastYear,
    double? Target, double? National, double? MostSimilar, string Rag, IReadOnlyList<double?> Trend);

/// <summary>A table of the report: a title, column headings and rows of cells as values (<see cref="Cell"/>; read through <see cref="Report.TableText"/>).</summary>
internal sealed record BreakdownTable(string Key, string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<Cell>> Rows, string? Note = null);

internal sealed record PmfResult(Period Period, string Scope, string ScopeName, IReadOnlyList<MeasureResult> Measures, IReadOnlyList<BreakdownTable> Tables,
    IReadOnlyList<Period> TrendPeriods)
{
    /// <summary>What the figures in this scope leave out because its date lies outside the working-day calendar.</summary>
    public IReadOnlyList<Facts.DateExclusion> Excluded { get; init; } = [];

    public MeasureResult this[string key] => Measures.First(m => m.Definition.Key == key);
}
