namespace Probity.Performance.Measures;

/// <summary>A measured value with what is needed to test a change: for shares the numerator and denominator, for means the variance.</summary>
internal sealed record Observation(double? Value, long Numerator, long Denominator, double? Variance)
{
    public static readonly Observation None = new(null, 0, 0, null);

    /// <summary>
    /// A figure not published (ADR 0032 addendum): read as <see cref="Contracts.SmallCellRule.Marker"/>. It holds no value and no
    /// counts, so a rendering that forgot to ask would show nothing, never the figure.
    /// </summary>
    public static readonly Observation Hidden = new(null, 0, 0, null) { IsHidden = true };

    public bool IsHidden { get; private init; }
}

/// <summary>How a value compares with another period's: direction of travel and whether the change is more than noise.</summary>
/// <remarks><see cref="Then"/>: the other period's observation, compared or not (publishing asks whether it may be shown).</remarks>
internal sealed record Comparison(double? Value, double? Change, string Direction, bool Significant, bool? Better)
{
    public static readonly Comparison None = new(null, null, "none", false, null);

    /// <summary>A comparison not published (ADR 0032 addendum): either period's figure is hidden, so its value, change, direction and significance are.</summary>
    public static readonly Comparison Hidden = new(null, null, "none", false, null) { Then = Observation.Hidden };

    public Observation Then { get; init; } = Observation.None;

    public bool IsHidden => Then.IsHidden;

    public string Arrow => Direction switch { "up" => "▲", "down" => "▼", "flat" => "►", _ => "" };
}

/// <param name="Rag">green, amber, red, none; published and hidden, the marker.</param>
/// <param name="Trend">The measure in each of the result's trend periods, oldest first (the last is <paramref name="Current"/>).</param>
internal sealed record MeasureResult(MeasureDefinition Definition, Observation Current, Comparison LastPeriod, Comparison LastYear,
    double? Target, double? National, double? MostSimilar, string Rag, IReadOnlyList<Observation> Trend)
{
    /// <summary>The trend's values for a chart: a hidden point is no value (a gap).</summary>
    public IReadOnlyList<double?> TrendValues => [.. Trend.Select(o => o.Value)];

    /// <summary>Whether anything of the measure is hidden as published: its figure, a comparison or a point of its trend.</summary>
    public bool AnyHidden => Current.IsHidden || LastPeriod.IsHidden || LastYear.IsHidden || Trend.Any(o => o.IsHidden);
}

/// <summary>
/// A table of the report: a title, column headings and rows of cells as values (<see cref="Cell"/>; read through <see cref="Report.TableText"/>),
/// and which of its columns count people or cases and how they add up (<see cref="Counts"/>), for publishing it (<see cref="PublishedFigures"/>).
/// </summary>
internal sealed record BreakdownTable(string Key, string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<Cell>> Rows, string? Note = null,
    CountLayout? Counts = null);

/// <summary>
/// The columns of a table that count people or cases, and the columns worked out from them (ADR 0032). <see cref="Headlines"/>:
/// cells that are, by definition, a count a headline measure is built from (<see cref="HeadlineCounts"/>): the table is then
/// published together with the measures, so a count hidden in one is hidden in the other (ADR 0032 addendum).
/// </summary>
internal sealed record CountLayout(IReadOnlyList<CountColumn> Columns, IReadOnlyList<Follower> Followers, IReadOnlyList<HeadlineCell>? Headlines = null);

/// <summary>The cell at <see cref="Row"/>, <see cref="Column"/> is the headline count named <see cref="Count"/> (a <see cref="HeadlineCounts"/> name).</summary>
internal sealed record HeadlineCell(int Row, int Column, string Count);

/// <summary>
/// A column counting people or cases (its cells counts, or shares of the whole in <see cref="PartOf"/>: a share of a shown whole
/// gives its part away, so the part is the count). Its rows add up to a figure the reader knows (a headline measure, a share's whole):
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
    /// <summary>Published: what the marker means in the headline measures, when one of their figures is hidden (ADR 0032 addendum).</summary>
    public string? MeasuresNote { get; init; }

    /// <summary>What the figures in this scope leave out because its date lies outside the working-day calendar.</summary>
    public IReadOnlyList<Facts.DateExclusion> Excluded { get; init; } = [];

    public MeasureResult this[string key] => Measures.First(m => m.Definition.Key == key);
}
