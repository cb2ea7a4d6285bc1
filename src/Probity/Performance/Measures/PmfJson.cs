using System.Text.Json;
using System.Text.Json.Serialization;

namespace Probity.Performance.Measures;

/// <summary>
/// The measures as JSON, for other systems and auditors: the same numbers the report shows (published: a hidden figure reads
/// as the marker in place of its number, ADR 0032 and its addendum). The schema is documented in the README ("probity pmf").
/// </summary>
internal static class PmfJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string Serialize(PmfResult r, DateOnly asOf, string comparatorsSource) => JsonSerializer.Serialize(new
    {
        Schema = "probity-pmf/1",
        AsOf = asOf,
        Period = new { r.Period.From, r.Period.To, r.Period.Label },
        r.Scope,
        ScopeName = r.ScopeName,
        ComparatorsSource = comparatorsSource,
        Measures = r.Measures.Select(m => new
        {
            m.Definition.Key, m.Definition.Title, m.Definition.Group, Kind = m.Definition.Kind.ToString().ToLowerInvariant(),
            m.Definition.HigherIsBetter,
            Value = Shown(m.Current, o => Round(o.Value)), Numerator = Shown(m.Current, o => o.Numerator), Denominator = Shown(m.Current, o => o.Denominator),
            LastPeriod = Comparison(m.LastPeriod), LastYear = Comparison(m.LastYear),
            Target = m.Target, NationalAverage = m.National, MostSimilarForces = m.MostSimilar, m.Rag,
            Trend = m.Trend.Select(o => Shown(o, p => Round(p.Value))),
        }),
        MeasuresNote = r.MeasuresNote,
        TrendPeriods = r.TrendPeriods.Select(p => p.Label),
        Tables = r.Tables.Select(t => new { t.Key, t.Title, t.Columns, Rows = Report.TableText.Rows(t), t.Note }),
        // Stored dates outside the working-day calendar that the figures leave out (README: probity pmf --json).
        Excluded = r.Excluded.Select(e => new { e.Warning.CaseId, Field = e.Warning.What, e.Warning.Value, e.WholeCase, e.Warning.Message }),
    }, Options);

    private const string Hidden = Contracts.SmallCellRule.Marker;

    private static object? Shown<T>(Observation o, Func<Observation, T> figure) => o.IsHidden ? Hidden : figure(o);

    private static object Comparison(Comparison c) => c.IsHidden
        ? new { Value = (object?)Hidden, Change = (object?)Hidden, Direction = Hidden, Significant = (object?)Hidden, Better = (object?)Hidden }
        : new { Value = (object?)Round(c.Value), Change = (object?)Round(c.Change), c.Direction, Significant = (object?)c.Significant, Better = (object?)c.Better };

    private static double? Round(double? v) => v is { } x ? Math.Round(x, 2) : null;
}
