using System.Globalization;
using Probity.Performance.Facts;
using Probity.Performance.Measures;
using Probity.Performance.Report;

namespace Probity.Performance.Contracts;

/// <summary>
/// The framework's headline measures for a period, force-wide, as other modules may show them (the strategy board pack):
/// figures from the shared view (the facts snapshot: no restricted case), already worded as the quarterly report words them,
/// and published as it publishes them (a pack goes to the board): a measure built from a small count reads as the marker, with
/// its comparison and RAG, and its trend has a gap where it is hidden (ADR 0032 addendum).
/// </summary>
internal sealed class HeadlineFigures(FactsCache cache, PmfCalculator calculator, SmallCellRule smallCells)
{
    /// <param name="Value">The figure, or null when there is none or it is hidden.</param>
    /// <param name="Trend">The measure over the periods of the same length before, oldest first, ending with this one (null: none, or hidden).</param>
    /// <param name="TrendHidden">Which of the trend's points are hidden (ADR 0032 addendum).</param>
    internal sealed record Headline(string Key, string Title, string Group, double? Value, string Shown, string LastYearShown, string Rag,
        IReadOnlyList<double?> Trend, IReadOnlyList<bool> TrendHidden, string Unit);

    /// <param name="TrendStarts">The first day of each trend period (what <paramref name="TrendLabels"/> name).</param>
    /// <param name="Footnote">What the marker means, when a measure's figure is hidden; otherwise null.</param>
    internal sealed record Figures(string Period, IReadOnlyList<Headline> Measures, IReadOnlyList<string> TrendLabels, IReadOnlyList<DateOnly> TrendStarts, string? Footnote);

    public async Task<Figures> ForPeriodAsync(DateOnly from, DateOnly to, string label, CancellationToken ct)
    {
        // A pack is a report: it waits for the latest figures rather than show a snapshot from before the last change.
        var facts = await cache.GetAsync(ct, fresh: true);
        var result = smallCells.Publish(calculator.Compute(facts, new Period(from, to, label)));
        return new Figures(result.Period.Label,
            [.. result.Measures.Select(m => new Headline(m.Definition.Key, m.Definition.Title, m.Definition.Group, m.Current.Value,
                PspiDocument.Value(m.Definition, m.Current), PspiDocument.Value(m.Definition, m.LastYear), PspiDocument.RagText(m.Rag), m.TrendValues,
                [.. m.Trend.Select(o => o.IsHidden)], PspiDocument.Unit(m.Definition)))],
            [.. result.TrendPeriods.Select(p => p.From.ToString("MMM yy", CultureInfo.InvariantCulture))], [.. result.TrendPeriods.Select(p => p.From)], result.MeasuresNote);
    }
}
