using System.Globalization;
using System.Text;
using Probity.Risk.Facts;

namespace Probity.Risk.Model;

/// <summary>
/// Honest evaluation by temporal cross-validation: for each fold a test date t; the model is trained on snapshots at
/// t-12m, t-24m, t-36m whose labels were fully known by t (findings finalised and sanctions decided by t), then scores the
/// officers serving at t, and is judged on what happened to them in (t, t+12m]. The threshold rules are judged the same
/// way at the same alert volume.
/// </summary>
public static class RiskEvaluation
{
    public static readonly double[] TopFractions = [0.01, 0.02, 0.05];
    public const int FixedCount = 100;

    /// <summary>The last date with data: the latest case received.</summary>
    public static DateOnly DataEnd(RiskFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return facts.Allegations.Count == 0 ? DateOnly.MinValue : facts.Allegations.Max(a => a.ReceivedOn);
    }

    public static DateOnly DataStart(RiskFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return facts.Allegations.Count == 0 ? DateOnly.MinValue : facts.Allegations.Min(a => a.ReceivedOn);
    }

    /// <summary>Training snapshot dates for a model used at <paramref name="cutoff"/>: 12, 24, 36 ... months before, with at least 12 months of history each.</summary>
    public static List<DateOnly> TrainingDates(DateOnly cutoff, DateOnly dataStart, int snapshots)
    {
        var dates = new List<DateOnly>();
        for (var i = 1; i <= snapshots; i++)
        {
            var s = cutoff.AddMonths(-12 * i);
            if (s.AddMonths(-12) < dataStart) break;
            dates.Add(s);
        }
        return dates;
    }

    /// <summary>Trains a model for use at <paramref name="cutoff"/> using only what was known by then.</summary>
    public static RiskModel TrainAt(RiskFeatures features, DateOnly cutoff, int snapshots = 3, int trees = 200, Func<DateOnly, RiskSnapshot>? build = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        build ??= features.Build;
        var dates = TrainingDates(cutoff, DataStart(features.Facts), snapshots);
        if (dates.Count == 0) dates.Add(cutoff.AddMonths(-12));
        var training = dates.Select(d =>
        {
            var snap = build(d);
            return (snap, features.Labels(d, snap.Officers, knownBy: cutoff));
        }).ToList();
        return RiskModel.Train(training, trees);
    }

    /// <param name="triggers">The force's threshold triggers, the baseline the model is compared with at the same alert volume.</param>
    public static RiskEvaluationResult Evaluate(RiskFacts facts, Thresholds.ThresholdEngine triggers, int folds = 3, int snapshots = 3, int trees = 200)
    {
        var baseline = ConfiguredTriggersBaseline.For(triggers, facts);
        var features = new RiskFeatures(facts);
        var cache = new Dictionary<DateOnly, RiskSnapshot>();
        RiskSnapshot Build(DateOnly d) => cache.TryGetValue(d, out var s) ? s : cache[d] = features.Build(d);
        var end = DataEnd(facts);
        var start = DataStart(facts);
        var results = new List<FoldResult>();
        for (var f = 0; f < folds; f++)
        {
            var t = end.AddMonths(-12 * (f + 1));
            if (TrainingDates(t, start, snapshots).Count == 0) break;
            var model = TrainAt(features, t, snapshots, trees, Build);
            var test = Build(t);
            var labels = features.Labels(t, test.Officers);
            var modelScores = model.Score(test);
            var (baseScores, flagged) = baseline(test);
            results.Add(new FoldResult(t, test.Officers.Length, labels.Count(l => l), flagged, model.TrainingRows,
                Metrics(modelScores, labels), Metrics(baseScores, labels)));
        }
        results.Reverse();
        return new RiskEvaluationResult(results);
    }

    public static RankMetrics Metrics(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        var n = scores.Count;
        var order = Ranking(scores);
        var positives = labels.Count(l => l);
        var atK = new List<TopK>();
        foreach (var fraction in TopFractions)
            atK.Add(At(Math.Max(1, (int)Math.Round(n * fraction)), $"top {fraction * 100:0}%"));
        atK.Add(At(Math.Min(FixedCount, n), $"top {FixedCount}"));
        return new RankMetrics(Auc(scores, labels), atK);

        TopK At(int k, string label)
        {
            var tp = 0;
            for (var i = 0; i < k && i < n; i++) if (labels[order[i]]) tp++;
            return new TopK(label, k, tp, k == 0 ? 0 : tp / (double)k, positives == 0 ? 0 : tp / (double)positives);
        }
    }

    /// <summary>Indices by descending score; ties keep their original order.</summary>
    public static int[] Ranking(IReadOnlyList<double> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var order = Enumerable.Range(0, scores.Count).ToArray();
        Array.Sort(order, (a, b) => scores[b].CompareTo(scores[a]) is var c && c != 0 ? c : a.CompareTo(b));
        return order;
    }

    /// <summary>Area under the ROC curve from ranks (Mann-Whitney U), ties counted as half.</summary>
    public static double Auc(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        var order = Enumerable.Range(0, scores.Count).ToArray();
        Array.Sort(order, (a, b) => scores[a].CompareTo(scores[b]));
        double rankSumPositive = 0;
        long positives = 0;
        var i = 0;
        while (i < order.Length)
        {
            var j = i;
            while (j + 1 < order.Length && scores[order[j + 1]].Equals(scores[order[i]])) j++;
            var averageRank = (i + j) / 2.0 + 1;
            for (var k = i; k <= j; k++) if (labels[order[k]]) { rankSumPositive += averageRank; positives++; }
            i = j + 1;
        }
        long negatives = scores.Count - positives;
        if (positives == 0 || negatives == 0) return double.NaN;
        return (rankSumPositive - positives * (positives + 1) / 2.0) / (positives * (double)negatives);
    }
}

public sealed record TopK(string Label, int K, int TruePositives, double Precision, double Recall);
public sealed record RankMetrics(double Auc, IReadOnlyList<TopK> AtK);
public sealed record FoldResult(DateOnly TestDate, int Officers, int Positives, int BaselineFlagged, int TrainingRows, RankMetrics Model, RankMetrics Baseline);

public sealed record RiskEvaluationResult(IReadOnlyList<FoldResult> Folds)
{
    /// <summary>Per-fold and mean figures, model beside threshold rules, as a Markdown table.</summary>
    public string ToMarkdown()
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine("| fold (test date) | officers | adverse outcomes | rules flag | measure | model | threshold rules |");
        sb.AppendLine("|---|--:|--:|--:|---|--:|--:|");
        foreach (var f in Folds)
        {
            sb.AppendLine(c, $"| {f.TestDate:yyyy-MM-dd} | {f.Officers:N0} | {f.Positives:N0} | {f.BaselineFlagged:N0} | AUC | {f.Model.Auc:0.000} | {f.Baseline.Auc:0.000} |");
            for (var i = 0; i < f.Model.AtK.Count; i++)
            {
                var m = f.Model.AtK[i];
                var b = f.Baseline.AtK[i];
                sb.AppendLine(c, $"| | | | | precision / recall, {m.Label} (k={m.K:N0}) | {m.Precision:P1} / {m.Recall:P1} | {b.Precision:P1} / {b.Recall:P1} |");
            }
        }
        if (Folds.Count > 0)
        {
            sb.AppendLine(c, $"| **mean of {Folds.Count}** | | | | AUC | {Folds.Average(f => f.Model.Auc):0.000} | {Folds.Average(f => f.Baseline.Auc):0.000} |");
            for (var i = 0; i < Folds[0].Model.AtK.Count; i++)
            {
                var label = Folds[0].Model.AtK[i].Label;
                double mp = Folds.Average(f => f.Model.AtK[i].Precision), mr = Folds.Average(f => f.Model.AtK[i].Recall);
                double bp = Folds.Average(f => f.Baseline.AtK[i].Precision), br = Folds.Average(f => f.Baseline.AtK[i].Recall);
                int mtp = Folds.Sum(f => f.Model.AtK[i].TruePositives), btp = Folds.Sum(f => f.Baseline.AtK[i].TruePositives);
                int k = Folds.Sum(f => f.Model.AtK[i].K);
                var tpChange = btp == 0 ? "n/a" : ((mtp - btp) / (double)btp).ToString("+0%;-0%;0%", c);
                var fpChange = k - btp == 0 ? "n/a" : (((k - mtp) - (k - btp)) / (double)(k - btp)).ToString("+0%;-0%;0%", c);
                sb.AppendLine(c, $"| | | | | precision / recall, {label} (true positives {tpChange}, false positives {fpChange}) | {mp:P1} / {mr:P1} | {bp:P1} / {br:P1} |");
            }
        }
        return sb.ToString();
    }
}
