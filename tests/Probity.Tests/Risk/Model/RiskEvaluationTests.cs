using Probity.Risk.Facts;
using Probity.Risk.Model;

namespace Probity.Tests.Risk.Model;

/// <summary>The evaluation's maths, on rankings and outcomes small enough to work out by hand.</summary>
public sealed class RiskEvaluationTests
{
    [Fact]
    public void Auc_of_perfect_reversed_and_tied_rankings()
    {
        bool[] labels = [true, true, false, false, false];
        Assert.Equal(1.0, RiskEvaluation.Auc([0.9, 0.8, 0.3, 0.2, 0.1], labels), 6);
        Assert.Equal(0.0, RiskEvaluation.Auc([0.1, 0.2, 0.3, 0.8, 0.9], labels), 6);
        Assert.Equal(0.5, RiskEvaluation.Auc([1, 1, 1, 1, 1], labels), 6);
        Assert.Equal(5.0 / 6, RiskEvaluation.Auc([0.9, 0.5, 0.6, 0.2, 0.1], labels), 6);
    }

    [Fact]
    public void Ties_at_the_alert_boundary_are_shared_out_evenly()
    {
        // Scores 5 | 4 4 4 | 1: the top 2 take the 5 and one of three tied 4s, of which one is a positive.
        var ranking = RankedGroups.From([5, 4, 4, 4, 1]);
        bool[] labels = [true, false, true, false, true];
        Assert.Equal(1 + 1.0 / 3, ranking.TruePositivesAt(2, labels), 9);
        Assert.Equal(2, ranking.TruePositivesAt(4, labels), 9); // the whole tie group
        Assert.Equal(3, ranking.TruePositivesAt(5, labels), 9);
        Assert.Equal(0, ranking.TruePositivesAt(0, labels), 9);
        // Bootstrap weights: the top member drawn twice fills k = 2 on its own.
        Assert.Equal(2, ranking.TruePositivesAt(2, labels, [2, 0, 1, 1, 1]), 9);
        // The tie group weighs 2 (one member drawn twice, one never): k = 2 takes the 5 and half the group's 1 positive... weighted 1 of 2.
        Assert.Equal(1 + 0.5, ranking.TruePositivesAt(2, labels, [1, 0, 1, 1, 0]), 9);
    }

    /// <summary>
    /// Ten officers, three with an adverse outcome (a, b, c). The "3 in 12 months" rule flags d, a, e (3 officers); the model's
    /// top 3 are a, b, f. Precision 2/3 against 1/3: a ratio of 2. The top 2% of ten is one officer: a for the model (1/1),
    /// d for the 12-month count (0/1).
    /// </summary>
    [Fact]
    public void Precision_recall_and_ratio_at_each_baselines_alert_volume_by_hand()
    {
        var (facts, fold) = HandFold();
        var result = RiskEvaluation.Measure(facts, [fold], new RiskEvaluationOptions { BootstrapReplicates = 0 }, []);

        var three = result.Overall.Single(c => c.BaselineId == RiskBaselines.ThreeIn12Months);
        Assert.Equal(3, three.Volume);
        Assert.Equal(2.0 / 3, three.ModelPrecision.Value, 9);
        Assert.Equal(1.0 / 3, three.BaselinePrecision.Value, 9);
        Assert.Equal(2.0 / 3, three.ModelRecall.Value, 9);
        Assert.Equal(1.0 / 3, three.BaselineRecall.Value, 9);
        Assert.Equal(2.0, three.Ratio.Value, 9);

        var top2 = result.Overall.Single(c => c.BaselineId == RiskBaselines.Top2Percent12Months);
        Assert.Equal(1, top2.Volume);
        Assert.Equal(1.0, top2.ModelPrecision.Value, 9);
        Assert.Equal(0.0, top2.BaselinePrecision.Value, 9);
        Assert.True(double.IsNaN(top2.Ratio.Value), "no true positive for the baseline: the ratio is undefined, not infinite");

        var fold1 = Assert.Single(result.Folds);
        Assert.Equal(10, fold1.Officers);
        Assert.Equal(3, fold1.Adverse);
        Assert.Equal(2.0, fold1.Comparisons.Single(c => c.BaselineId == RiskBaselines.ThreeIn12Months).Ratio.Value, 9);
    }

    [Fact]
    public void Two_folds_pool_all_true_positives_over_all_alerts()
    {
        var (facts, fold) = HandFold();
        var result = RiskEvaluation.Measure(facts, [fold, fold with { T = fold.T.AddYears(1) }], new RiskEvaluationOptions { BootstrapReplicates = 0 }, []);
        var three = result.Overall.Single(c => c.BaselineId == RiskBaselines.ThreeIn12Months);
        Assert.Equal(6, three.Volume);
        Assert.Equal(4.0 / 6, three.ModelPrecision.Value, 9);
        Assert.Equal(2.0, three.Ratio.Value, 9);
        Assert.Equal(2, result.Folds.Count);
    }

    [Fact]
    public void The_bootstrap_is_reproducible_by_seed_and_its_interval_holds_the_figure()
    {
        var (facts, fold) = HandFold(copies: 20);
        var options = new RiskEvaluationOptions { BootstrapReplicates = 300, Seed = 7 };
        var first = RiskEvaluation.Measure(facts, [fold], options, []).Overall.Single(c => c.BaselineId == RiskBaselines.ThreeIn12Months);
        var again = RiskEvaluation.Measure(facts, [fold], options, []).Overall.Single(c => c.BaselineId == RiskBaselines.ThreeIn12Months);
        var other = RiskEvaluation.Measure(facts, [fold], options with { Seed = 8 }, []).Overall.Single(c => c.BaselineId == RiskBaselines.ThreeIn12Months);
        Assert.Equal(first, again);
        Assert.NotEqual(first.Ratio, other.Ratio);
        Assert.InRange(first.ModelPrecision.Value, first.ModelPrecision.Low, first.ModelPrecision.High);
        Assert.True(first.ModelPrecision.Low < first.ModelPrecision.High);
        Assert.InRange(first.Ratio.Value, first.Ratio.Low, first.Ratio.High);
    }

    [Fact]
    public void The_model_is_used_only_when_its_ratio_to_the_best_baseline_is_reliably_above_one()
    {
        // 200 copies of the hand fold: the model's 2/3 against the best count's 1/3 is far outside chance.
        var (facts, fold) = HandFold(copies: 200);
        var strong = RiskEvaluation.Measure(facts, [fold], new RiskEvaluationOptions { BootstrapReplicates = 200 }, []);
        Assert.True(strong.Choice.ModelInUse, strong.Choice.Reason);
        Assert.Equal("model", strong.Choice.InUse);
        Assert.Contains("beat the best simple baseline", strong.Choice.Reason, StringComparison.Ordinal);

        // The model's scores reversed: it loses, and the ranking falls back to the best simple ranking.
        var reversed = fold with { ModelScores = [.. fold.ModelScores.Select(s => -s)] };
        var weak = RiskEvaluation.Measure(facts, [reversed], new RiskEvaluationOptions { BootstrapReplicates = 200 }, []);
        Assert.False(weak.Choice.ModelInUse, weak.Choice.Reason);
        Assert.NotEqual("model", weak.Choice.InUse);
        Assert.Contains("did not reliably beat", weak.Choice.Reason, StringComparison.Ordinal);
        Assert.Contains($"The ranking is by {RiskBaselines.RankingTitle(weak.Choice.InUse)}", weak.Choice.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_history_too_short_to_test_falls_back_to_the_twelve_month_count_and_says_why()
    {
        var facts = new RiskTestFacts().Officer("a").Allegation("a", new DateOnly(2024, 1, 5), finding: "substantiated", finalised: new DateOnly(2024, 3, 1)).Build();
        var engine = new Probity.Risk.Thresholds.ThresholdEngine(Probity.Risk.Thresholds.ThresholdRuleSet.Load(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()));
        var result = RiskEvaluation.Evaluate(facts, engine, new RiskEvaluationOptions { BootstrapReplicates = 0 });
        Assert.Empty(result.Folds);
        Assert.False(result.Choice.ModelInUse);
        Assert.Equal(RiskBaselines.Count12Months, result.Choice.InUse);
        Assert.Contains("one test needs 60", result.NotEvaluated, StringComparison.Ordinal);
        Assert.Contains("has not been tested", RiskEvaluationReport.ToMarkdown(result), StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_prints_every_baseline_with_intervals_and_the_json_has_no_nan()
    {
        var (facts, fold) = HandFold(copies: 5);
        var result = RiskEvaluation.Measure(facts, [fold], new RiskEvaluationOptions { BootstrapReplicates = 50 }, ["No activity data (exposure.csv): ..."]);
        var text = RiskEvaluationReport.ToMarkdown(result);
        foreach (var title in new[] { "3 or more allegations in 12 months", "top 2% by 12-month count", "top 2% by 24-month count", "the configured triggers" })
            Assert.Contains(title, text, StringComparison.Ordinal);
        Assert.Contains("No activity data", text, StringComparison.Ordinal);
        Assert.Matches(@"\d+\.\d% \(\d+\.\d–\d+\.\d\)", text);
        var json = RiskEvaluationReport.ToJson(result);
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal(RiskEvaluationReport.Schema, doc.RootElement.GetProperty("schema").GetString());
        Assert.Equal(4, doc.RootElement.GetProperty("overall").GetArrayLength());
        Assert.DoesNotContain("NaN", json, StringComparison.Ordinal);
    }

    /// <summary>The ten-officer fold described above, repeated <paramref name="copies"/> times.</summary>
    internal static (RiskFacts Facts, RiskEvaluation.TestFold Fold) HandFold(int copies = 1)
    {
        var b = new RiskTestFacts();
        string[] ids = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];
        bool[] adverse = [true, true, true, false, false, false, false, false, false, false];
        double[] model = [10, 9, 1, 2, 3, 8, 4, 5, 6, 7];
        float[] c12 = [3, 0, 0, 5, 3, 0, 1, 0, 2, 0];
        bool[] triggers = [true, false, false, true, true, false, false, false, true, false];
        var n = ids.Length * copies;
        var officers = new int[n];
        var labels = new OutcomeState[n];
        var modelScores = new double[n];
        var count12 = new double[n];
        var count24 = new double[n];
        var flagged3 = new bool[n];
        var flaggedTriggers = new bool[n];
        for (var c = 0; c < copies; c++)
            for (var i = 0; i < ids.Length; i++)
            {
                var k = c * ids.Length + i;
                b.Officer($"{ids[i]}{c}");
                officers[k] = k;
                labels[k] = adverse[i] ? OutcomeState.Adverse : OutcomeState.None;
                modelScores[k] = model[i] - c * 1e-6; // no ties across copies
                count12[k] = c12[i] - c * 1e-6;
                count24[k] = c12[i];
                flagged3[k] = c12[i] >= 3;
                flaggedTriggers[k] = triggers[i];
            }
        BaselineRanking[] baselines =
        [
            new(RiskBaselines.ThreeIn12Months, "3 or more allegations in 12 months", RiskBaselines.Count12Months, count12, flagged3, 0),
            new(RiskBaselines.Top2Percent12Months, "top 2% by 12-month count", RiskBaselines.Count12Months, count12, null, 0.02),
            new(RiskBaselines.Top2Percent24Months, "top 2% by 24-month count", RiskBaselines.Count24Months, count24, null, 0.02),
            new(RiskBaselines.ConfiguredTriggers, "the configured triggers (1 rule)", RiskBaselines.ConfiguredTriggers, count12, flaggedTriggers, 0),
        ];
        return (b.Build(), new RiskEvaluation.TestFold(new DateOnly(2020, 6, 30), officers, labels, modelScores, baselines, [new DateOnly(2018, 6, 30)], 100, 10, 2));
    }
}
