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

/// <summary>
/// A table of the report: a title, column headings and rows of cells as values (<see cref="Cell"/>; read through <see cref="Report.TableText"/>),
/// and which of its columns count people or cases and how they add up (<see cref="Counts"/>), for publishing it (<see cref="PublishedTables"/>).
/// </summary>
internal sealed record BreakdownTable(string Key, string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<Cell>> Rows, string? Note = null,
    CountLayout? Counts = null);

/// <summary>The columns of a table that count people or cases, and the columns worked out from them (ADR 0032).</summary>
internal sealed record CountLayout(IReadOnlyList<CountColumn> Columns, IReadOnlyList<Follower> Followers);

/// <summary>
/// A column counting people or cases. Its rows add up to a figure the reader knows (a headline measure, a share's whole):
/// all of them, or each of <see cref="Groups"/> (first and last row) where the rows are more than one breakdown; <see cref="Summed"/>
/// false when they add up to nothing (different populations). <see cref="TotalRow"/>: the row that shows the total itself.
/// <see cref="PartOf"/>: the column this count is part of in the same row (the rest of that whole is a count too).
/// </summary>
internal sealed record CountColumn(int Column, IReadOnlyList<(int First, int Last)>? Groups = null, int? TotalRow = null, int? PartOf = null, bool Summed = true);

/// <summary>A column worked out from count columns of its row (a share, a mean, a rate), hidden when any of them is; and from <see cref="ReferenceRow"/>'s too.</summary>
internal sealed record Follower(int Column, IReadOnlyList<int> On, int? ReferenceRow = null);

internal sealed record PmfResult(Period Period, string Scope, string ScopeName, IReadOnlyList<MeasureResult> Measures, IReadOnlyList<BreakdownTable> Tables,
    IReadOnlyList<Period> TrendPeriods)
{
    /// <summary>What the figures in this scope leave out because its date lies outside the working-day calendar.</summary>
    public IReadOnlyList<Facts.DateExclusion> Excluded { get; init; } = [];

    public MeasureResult this[string key] => Measures.First(m => m.Definition.Key == key);
}
