using Probity.Risk.Facts;
using Probity.Risk.Thresholds;

namespace Probity.Risk.Model;

/// <summary>
/// One simple way of choosing whom to look at, which the model has to beat at the same alert volume: its ranking (what
/// the fallback would rank by), and how many it alerts on (the officers a rule flags, or a fixed share of the force).
/// </summary>
/// <param name="RankingId">The ranking behind it (two rules can share one: "3 in 12 months" and "top 2% by 12 months").</param>
/// <param name="Flagged">For a rule: the officers it flags, which sets the alert volume. Null for a top-share baseline.</param>
/// <param name="Share">For a top-share baseline: the share of serving officers alerted on.</param>
internal sealed record BaselineRanking(string Id, string Title, string RankingId, double[] Scores, bool[]? Flagged, double Share)
{
    /// <summary>The alert volume: flagged officers (each counted by its bootstrap weight), or the share of the population.</summary>
    public double Volume(double[]? weights)
    {
        if (Flagged is null) return Math.Max(1, Math.Round(Share * (weights?.Sum() ?? Scores.Length)));
        double k = 0;
        for (var i = 0; i < Flagged.Length; i++) if (Flagged[i]) k += weights?[i] ?? 1;
        return k;
    }
}

/// <summary>
/// The simple baselines every evaluation reports (issue 11): 3 or more allegations in 12 months; the top 2% by 12-month
/// count; the top 2% by 24-month count; the force's configured triggers. Counts are complaint and conduct allegations, as
/// the classic early-intervention rules count them. A count ranking breaks its ties by the other window's count (a
/// stronger baseline than pure ties, so the model has the harder test); ties that remain are shared out evenly.
/// </summary>
internal static class RiskBaselines
{
    public const string ThreeIn12Months = "three_in_12_months";
    public const string Top2Percent12Months = "top_2pct_12_months";
    public const string Top2Percent24Months = "top_2pct_24_months";
    public const string ConfiguredTriggers = "configured_triggers";

    /// <summary>The rankings a fallback can use, with what each ranks by.</summary>
    public const string Count12Months = "count_12m";
    public const string Count24Months = "count_24m";

    public static string RankingTitle(string rankingId) => rankingId switch
    {
        Count12Months => "complaint allegations in the last 12 months",
        Count24Months => "complaint allegations in the last 24 months",
        ConfiguredTriggers => "the configured threshold triggers (critical, then warning, then complaints in 12 months)",
        "model" => "the learned model",
        _ => rankingId,
    };

    public static IReadOnlyList<BaselineRanking> For(RiskSnapshot snapshot, ThresholdEngine triggers, RiskFacts facts)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var n = snapshot.Rows.Length;
        double[] c12 = new double[n], c24 = new double[n];
        var three = new bool[n];
        for (var i = 0; i < n; i++)
        {
            var r = snapshot.Rows[i];
            c12[i] = r[RiskFeatures.Complaints12m] + 1e-4 * r[RiskFeatures.Complaints24m];
            c24[i] = r[RiskFeatures.Complaints24m] + 1e-4 * r[RiskFeatures.Complaints12m];
            three[i] = r[RiskFeatures.Complaints12m] >= 3;
        }
        var (triggerScores, triggerFlagged) = ConfiguredTriggersBaseline.For(triggers, facts)(snapshot);
        return
        [
            new(ThreeIn12Months, "3 or more allegations in 12 months", Count12Months, c12, three, 0),
            new(Top2Percent12Months, "top 2% by 12-month count", Count12Months, c12, null, 0.02),
            new(Top2Percent24Months, "top 2% by 24-month count", Count24Months, c24, null, 0.02),
            new(ConfiguredTriggers, $"the configured triggers ({triggers.Rules.Count} rules)", ConfiguredTriggers, triggerScores, triggerFlagged, 0),
        ];
    }
}
