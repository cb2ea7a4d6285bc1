using System.Globalization;
using Probity.Performance.Facts;
using Probity.Performance.Measures;
using Probity.Performance.Report;

namespace Probity.Performance.Contracts;

/// <summary>
/// The framework's headline measures for a period, force-wide, as other modules may show them (the strategy board pack):
/// figures from the shared view (the facts snapshot: no restricted case), already worded as the quarterly report words them.
/// </summary>
internal sealed class HeadlineFigures(FactsCache cache, PmfCalculator calculator)
{
    /// <param name="Trend">The measure over the periods of the same length before, oldest first, ending with this one.</param>
    internal sealed record Headline(string Key, string Title, string Group, double? Value, string Shown, string LastYearShown, string Rag,
        IReadOnlyList<double?> Trend, string Unit);

    internal sealed record Figures(string Period, IReadOnlyList<Headline> Measures, IReadOnlyList<string> TrendLabels);

    public async Task<Figures> ForPeriodAsync(DateOnly from, DateOnly to, string label, CancellationToken ct)
    {
        // A pack is a report: it waits for the latest figures rather than show a snapshot from before the last change.
        var facts = await cache.GetAsync(ct, fresh: true);
        var result = calculator.Compute(facts, new Period(from, to, label));
        return new Figures(result.Period.Label,
            [.. result.Measures.Select(m => new Headline(m.Definition.Key, m.Definition.Title, m.Definition.Group, m.Current.Value,
                PspiDocument.Value(m.Definition, m.Current.Value), PspiDocument.Value(m.Definition, m.LastYear.Value), PspiDocument.RagText(m.Rag), m.Trend, PspiDocument.Unit(m.Definition)))],
            [.. result.TrendPeriods.Select(p => p.From.ToString("MMM yy", CultureInfo.InvariantCulture))]);
    }
}
