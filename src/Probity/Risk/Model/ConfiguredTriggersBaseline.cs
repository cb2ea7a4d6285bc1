using Probity.Risk.Facts;
using Probity.Risk.Thresholds;

namespace Probity.Risk.Model;

/// <summary>
/// The force's own configured threshold triggers as a baseline: at each test date the officers they flag, ranked by
/// critical then warning flags, then by complaints in the last 12 months, so the model and the triggers can be compared
/// at the same alert volume (the number the triggers flag).
/// </summary>
internal static class ConfiguredTriggersBaseline
{
    public static Func<RiskSnapshot, (double[] Scores, bool[] Flagged)> For(ThresholdEngine engine, RiskFacts facts) => snapshot =>
    {
        var flags = engine.Evaluate(facts, snapshot.AsOf).Where(f => f.Subject == "officer").ToLookup(f => f.SubjectId, StringComparer.Ordinal);
        var scores = new double[snapshot.Officers.Length];
        var flagged = new bool[scores.Length];
        for (var i = 0; i < scores.Length; i++)
        {
            var officerFlags = flags[facts.Staff[snapshot.Officers[i]].Id].ToList();
            flagged[i] = officerFlags.Count > 0;
            scores[i] = officerFlags.Count(f => f.Level == "critical") * 1_000_000.0 + officerFlags.Count(f => f.Level == "warning") * 1_000.0
                + snapshot.Rows[i][RiskFeatures.Complaints12m];
        }
        return (scores, flagged);
    };
}
