using Probity.Risk.Facts;

namespace Probity.Risk.Model;

/// <summary>How an evaluation is run. The defaults are what <c>probity risk evaluate</c> and the model page use.</summary>
internal sealed record RiskEvaluationOptions
{
    /// <summary>Test dates, one every <see cref="FoldSpacingMonths"/> back from the latest whose outcomes are knowable.</summary>
    public int Folds { get; init; } = 3;
    public int FoldSpacingMonths { get; init; } = 12;
    /// <summary>Training snapshots per model, one every <see cref="SnapshotSpacingMonths"/> back from the latest usable one.</summary>
    public int Snapshots { get; init; } = 3;
    public int SnapshotSpacingMonths { get; init; } = 12;
    public int Trees { get; init; } = 100;
    public RiskModelSettings Model { get; init; } = new();
    public int BootstrapReplicates { get; init; } = 1000;
    public int Seed { get; init; } = 20240601;
    public RiskOutcome Outcome { get; init; } = new();
    /// <summary>Months of history a snapshot needs behind it (the longest count window the baselines use is 24 months).</summary>
    public int HistoryMonths { get; init; } = 12;
}

/// <summary>The model against one baseline at the baseline's alert volume (per fold, or pooled over the folds).</summary>
/// <param name="Volume">How many officers are alerted on (for a rule, the number it flags).</param>
/// <param name="Ratio">The model's precision over the baseline's at this volume (= true positives over true positives).</param>
internal sealed record Comparison(string BaselineId, string BaselineTitle, double Volume, Estimate ModelPrecision, Estimate ModelRecall,
    Estimate BaselinePrecision, Estimate BaselineRecall, Estimate Ratio);

/// <param name="TestDate">The as-at date: features from what was known by then, outcomes in the window after it.</param>
/// <param name="Adverse">Officers with an adverse outcome in the window (eventual: as the data now stand).</param>
/// <param name="UnresolvedAtEnd">Officers with no adverse outcome but an allegation in the window still open at the end of the data (counted as no outcome).</param>
/// <param name="TrainingLeftOut">Officer-windows left out of training because their outcome was still unresolved at the cut.</param>
internal sealed record FoldResult(DateOnly TestDate, int Officers, int Adverse, int UnresolvedAtEnd, int TrainingRows, int TrainingAdverse, int TrainingLeftOut,
    IReadOnlyList<DateOnly> TrainingDates, double ModelAuc, IReadOnlyList<Comparison> Comparisons);

/// <summary>
/// Which ranking the unit works from, and why: the model only where, on this force's own history, it beat the best simple
/// baseline at the working alert volume (the number the "3 or more in 12 months" rule flags) with the 95% interval of the
/// ratio wholly above 1; otherwise that baseline.
/// </summary>
/// <param name="InUse">"model" or a baseline ranking id (<see cref="RiskBaselines.Count12Months"/> ...).</param>
/// <param name="Candidates">Each simple ranking's pooled precision at the working volume.</param>
internal sealed record RankingChoice(string InUse, bool ModelInUse, string Reason, string? BestBaseline, Estimate? ModelToBest, double WorkingVolume,
    IReadOnlyList<(string RankingId, Estimate Precision)> Candidates)
{
    public string InUseTitle => RiskBaselines.RankingTitle(InUse);

    public static RankingChoice NotTested(string why) =>
        new(RiskBaselines.Count12Months, false, $"The model has not been tested on this force's history ({why}), so the ranking is by {RiskBaselines.RankingTitle(RiskBaselines.Count12Months)}, the ranking behind the classic \"3 or more in 12 months\" rule.",
            null, null, 0, []);
}

internal sealed record RiskEvaluationResult(RiskOutcome Outcome, RiskEvaluationOptions Options, IReadOnlyList<FoldResult> Folds, IReadOnlyList<Comparison> Overall,
    RankingChoice Choice, FairnessReport Fairness, IReadOnlyList<string> DataGaps, string? NotEvaluated);

/// <summary>
/// Honest evaluation by temporal cross-validation (ADR "Risk outcome, censoring and the fallback rule"). For each test date t,
/// the model is trained only on windows whose outcomes were knowable at t (each window ended at least the maturity period
/// before t; officers whose window still held an unresolved allegation at t are left out), scores the officers serving at t
/// from what was known then, and is judged on their eventual outcomes in the window after t, which must itself have ended
/// the maturity period before the end of the data. It is compared with each simple baseline at that baseline's alert
/// volume: precision, recall and the ratio of precisions, per fold and pooled, each with a 95% bootstrap interval
/// (officers resampled within each fold; reproducible by seed).
/// </summary>
internal static class RiskEvaluation
{
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

    /// <summary>
    /// Training snapshot dates for a model used at <paramref name="cutoff"/>: the latest is the outcome window plus the maturity
    /// period before it, then one every snapshot spacing back, each with <see cref="RiskEvaluationOptions.HistoryMonths"/> of history behind it.
    /// </summary>
    public static List<DateOnly> TrainingDates(DateOnly cutoff, DateOnly dataStart, RiskEvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var dates = new List<DateOnly>();
        if (dataStart == DateOnly.MinValue) return dates;
        var latest = cutoff.AddMonths(-(options.Outcome.WindowMonths + options.Outcome.MaturityMonths));
        for (var i = 0; i < options.Snapshots; i++)
        {
            var s = latest.AddMonths(-options.SnapshotSpacingMonths * i);
            // The history window is (s − HistoryMonths, s]: data from the first day of the window is enough.
            if (s.AddMonths(-options.HistoryMonths).AddDays(1) < dataStart) break;
            dates.Add(s);
        }
        return dates;
    }

    /// <summary>Test dates: the latest whose outcome window and maturity period end by the end of the data, then one every fold spacing back while a model can be trained for it.</summary>
    public static List<DateOnly> TestDates(DateOnly dataStart, DateOnly dataEnd, RiskEvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var dates = new List<DateOnly>();
        if (dataEnd == DateOnly.MinValue) return dates;
        var latest = dataEnd.AddMonths(-(options.Outcome.WindowMonths + options.Outcome.MaturityMonths));
        for (var f = 0; f < options.Folds; f++)
        {
            var t = latest.AddMonths(-options.FoldSpacingMonths * f);
            if (TrainingDates(t, dataStart, options).Count == 0) break;
            dates.Add(t);
        }
        dates.Reverse();
        return dates;
    }

    /// <summary>The months of history the store needs before the model can be tested once.</summary>
    public static int MonthsNeeded(RiskEvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.HistoryMonths + 2 * (options.Outcome.WindowMonths + options.Outcome.MaturityMonths);
    }

    /// <summary>Trains a model for use at <paramref name="cutoff"/> using only what was known by then.</summary>
    /// <exception cref="InvalidOperationException">Not enough history, or only one kind of outcome in it.</exception>
    public static RiskModel TrainAt(RiskFeatures features, DateOnly cutoff, RiskEvaluationOptions? options = null, Func<DateOnly, RiskSnapshot>? build = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        options ??= new RiskEvaluationOptions();
        build ??= features.Build;
        var dates = TrainingDates(cutoff, DataStart(features.Facts), options);
        if (dates.Count == 0)
            throw new InvalidOperationException($"there is not enough history before {cutoff:d MMM yyyy} to train on: a training window needs {options.HistoryMonths} months of history, " +
                $"its {options.Outcome.WindowMonths}-month outcome window and {options.Outcome.MaturityMonths} months for findings to arrive");
        var training = dates.Select(d =>
        {
            var snap = build(d);
            return (snap, features.Outcomes(options.Outcome, d, snap.Officers, knownBy: cutoff));
        }).ToList();
        return RiskModel.Train(training, options.Trees, settings: options.Model);
    }

    public static RiskEvaluationResult Evaluate(RiskFacts facts, Thresholds.ThresholdEngine triggers, RiskEvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(triggers);
        options ??= new RiskEvaluationOptions();
        var features = new RiskFeatures(facts);
        var cache = new Dictionary<DateOnly, RiskSnapshot>();
        RiskSnapshot Build(DateOnly d) => cache.TryGetValue(d, out var s) ? s : cache[d] = features.Build(d);
        var start = DataStart(facts);
        var end = DataEnd(facts);
        var gaps = RiskDataGaps.Of(facts);
        var tests = TestDates(start, end, options);
        string? notEvaluated = null;
        if (tests.Count == 0)
            notEvaluated = start == DateOnly.MinValue ? "there are no allegations in the store"
                : $"the store holds {MonthsBetween(start, end)} months of history and one test needs {MonthsNeeded(options)}: {options.HistoryMonths} of history, then a " +
                  $"{options.Outcome.WindowMonths}-month outcome window and {options.Outcome.MaturityMonths} months for its findings to arrive, once to train and once to test";

        var folds = new List<TestFold>();
        foreach (var t in tests)
        {
            RiskModel model;
            try
            {
                model = TrainAt(features, t, options, Build);
            }
            catch (InvalidOperationException ex)
            {
                notEvaluated ??= $"no model could be trained for {t:d MMM yyyy}: {ex.Message}";
                continue;
            }
            var test = Build(t);
            var eventual = features.Outcomes(options.Outcome, t, test.Officers);
            folds.Add(new TestFold(t, test.Officers, eventual, model.Score(test), RiskBaselines.For(test, triggers, facts), TrainingDates(t, start, options),
                model.TrainingRows, model.TrainingPositives, model.TrainingLeftOut));
        }
        if (folds.Count == 0)
        {
            var empty = RiskFairness.Compute([], [], null);
            return new RiskEvaluationResult(options.Outcome, options, [], [], RankingChoice.NotTested(notEvaluated ?? "no test date"), empty, gaps, notEvaluated);
        }
        return Measure(facts, folds, options, gaps);
    }

    /// <summary>One test date: who was serving, what happened to them, the model's scores and the baselines' (the maths needs nothing else).</summary>
    internal sealed record TestFold(DateOnly T, int[] Officers, OutcomeState[] Eventual, double[] ModelScores, IReadOnlyList<BaselineRanking> Baselines,
        IReadOnlyList<DateOnly> TrainingDates, int TrainingRows, int TrainingPositives, int TrainingLeftOut)
    {
        // Derived on first use and never copied: a copy made with `with { ModelScores = ... }` must rank its own scores.
        private TestFold(TestFold original)
        {
            (T, Officers, Eventual, ModelScores, Baselines) = (original.T, original.Officers, original.Eventual, original.ModelScores, original.Baselines);
            (TrainingDates, TrainingRows, TrainingPositives, TrainingLeftOut) = (original.TrainingDates, original.TrainingRows, original.TrainingPositives, original.TrainingLeftOut);
        }

        public bool[] Labels => field ??= [.. Eventual.Select(e => e == OutcomeState.Adverse)];
        public RankedGroups ModelRanking => field ??= RankedGroups.From(ModelScores);
        public RankedGroups[] BaselineRankings => field ??= [.. Baselines.Select(b => RankedGroups.From(b.Scores))];
    }

    /// <summary>One pass over the folds with one set of weights (null: the data as they are; else a bootstrap replicate).</summary>
    private sealed class Tally(int folds, int baselines, int candidates)
    {
        public readonly double[] Positives = new double[folds];
        public readonly double[,] Volume = new double[folds, baselines];
        public readonly double[,] ModelTp = new double[folds, baselines];
        public readonly double[,] BaselineTp = new double[folds, baselines];
        public readonly double[] WorkingVolume = new double[folds];
        public readonly double[] ModelTpAtWorking = new double[folds];
        public readonly double[,] CandidateTpAtWorking = new double[folds, candidates];
    }

    /// <summary>Precision, recall and ratios at each baseline's volume, per fold and pooled, with bootstrap intervals; the choice of ranking; fairness.</summary>
    internal static RiskEvaluationResult Measure(RiskFacts facts, IReadOnlyList<TestFold> folds, RiskEvaluationOptions options, IReadOnlyList<string> gaps)
    {
        var baselineCount = folds[0].Baselines.Count;
        var candidates = folds[0].Baselines.Select(b => b.RankingId).Distinct(StringComparer.Ordinal).ToList();
        // A candidate ranking is read from the first baseline that uses it.
        var candidateBaseline = candidates.Select(c => folds[0].Baselines.Select((b, i) => (b, i)).First(x => x.b.RankingId == c).i).ToArray();
        var working = folds[0].Baselines.Select((b, i) => (b, i)).First(x => x.b.Id == RiskBaselines.ThreeIn12Months).i;
        var fallbackWorking = folds[0].Baselines.Select((b, i) => (b, i)).First(x => x.b.Id == RiskBaselines.Top2Percent12Months).i;

        Tally Run(double[][]? weights)
        {
            var tally = new Tally(folds.Count, baselineCount, candidates.Count);
            for (var f = 0; f < folds.Count; f++)
            {
                var fold = folds[f];
                var w = weights?[f];
                double p = 0;
                for (var i = 0; i < fold.Labels.Length; i++) if (fold.Labels[i]) p += w?[i] ?? 1;
                tally.Positives[f] = p;
                for (var b = 0; b < baselineCount; b++)
                {
                    var k = fold.Baselines[b].Volume(w);
                    tally.Volume[f, b] = k;
                    tally.ModelTp[f, b] = fold.ModelRanking.TruePositivesAt(k, fold.Labels, w);
                    tally.BaselineTp[f, b] = fold.BaselineRankings[b].TruePositivesAt(k, fold.Labels, w);
                }
            }
            // The working volume is what the "3 in 12 months" rule flags; a force where it flags nobody uses the top 2%.
            var useWorking = Enumerable.Range(0, folds.Count).Sum(f => tally.Volume[f, working]) > 0 ? working : fallbackWorking;
            for (var f = 0; f < folds.Count; f++)
            {
                var k = tally.WorkingVolume[f] = tally.Volume[f, useWorking];
                tally.ModelTpAtWorking[f] = tally.ModelTp[f, useWorking];
                for (var c = 0; c < candidates.Count; c++)
                    tally.CandidateTpAtWorking[f, c] = folds[f].BaselineRankings[candidateBaseline[c]].TruePositivesAt(k, folds[f].Labels, weights?[f]);
            }
            return tally;
        }

        var point = Run(null);
        var replicates = new List<Tally>(options.BootstrapReplicates);
        var rng = new Random(options.Seed);
        var buffers = folds.Select(f => new double[f.Labels.Length]).ToArray();
        for (var r = 0; r < options.BootstrapReplicates; r++)
        {
            foreach (var b in buffers) Bootstrap.Draw(rng, b);
            replicates.Add(Run(buffers));
        }

        static double Div(double a, double b) => b == 0 ? double.NaN : a / b;
        Estimate Est(Func<Tally, double> of) => Estimate.From(of(point), [.. replicates.Select(of)]);

        var foldResults = new List<FoldResult>();
        for (var f = 0; f < folds.Count; f++)
        {
            var fold = folds[f];
            foldResults.Add(new FoldResult(fold.T, fold.Officers.Length, fold.Labels.Count(l => l), fold.Eventual.Count(e => e == OutcomeState.Unresolved),
                fold.TrainingRows, fold.TrainingPositives, fold.TrainingLeftOut, fold.TrainingDates, Auc(fold.ModelScores, fold.Labels),
                [.. Enumerable.Range(0, baselineCount).Select(b => CompareFold(b, f))]));
        }
        var overall = Enumerable.Range(0, baselineCount).Select(b => CompareFold(b, -1)).ToList();

        // Sums over one fold, or over all of them (-1): pooled precision is all true positives over all alerts.
        Comparison CompareFold(int b, int onlyFold)
        {
            double Sum(double[,] m)
            {
                double s = 0;
                for (var f = 0; f < folds.Count; f++) if (onlyFold < 0 || f == onlyFold) s += m[f, b];
                return s;
            }
            double Pos(Tally t)
            {
                double s = 0;
                for (var f = 0; f < folds.Count; f++) if (onlyFold < 0 || f == onlyFold) s += t.Positives[f];
                return s;
            }
            var first = folds[0].Baselines[b];
            return new Comparison(first.Id, first.Title, Sum(point.Volume),
                Est(t => Div(Sum(t.ModelTp), Sum(t.Volume))), Est(t => Div(Sum(t.ModelTp), Pos(t))),
                Est(t => Div(Sum(t.BaselineTp), Sum(t.Volume))), Est(t => Div(Sum(t.BaselineTp), Pos(t))),
                Est(t => Div(Sum(t.ModelTp), Sum(t.BaselineTp))));
        }

        // The choice: the best simple ranking at the working volume, then the model against it.
        double WorkingSum(Tally t) => t.WorkingVolume.Sum();
        var candidateEstimates = candidates.Select((c, i) => (c, Est(t => Div(SumColumn(t.CandidateTpAtWorking, i), WorkingSum(t))))).ToList();
        var bestIndex = Enumerable.Range(0, candidates.Count).MaxBy(i => candidateEstimates[i].Item2.Value);
        var best = candidates[bestIndex];
        var ratio = Est(t => Div(t.ModelTpAtWorking.Sum(), SumColumn(t.CandidateTpAtWorking, bestIndex)));
        var modelWins = ratio.Above(1);
        var volume = WorkingSum(point);
        var c = System.Globalization.CultureInfo.InvariantCulture;
        var ratioWords = string.Create(c, $"{ratio.Value:0.00}x (95% interval {ratio.Low:0.00}–{ratio.High:0.00})");
        var reason = modelWins
            ? $"On this force's history the model beat the best simple baseline, ranking by {RiskBaselines.RankingTitle(best)}: at the same alert volume ({volume:N0} officer-alerts over {folds.Count} test date(s)) its precision was {ratioWords} that baseline's. The ranking is the model's."
            : $"On this force's history the model did not reliably beat the best simple baseline, ranking by {RiskBaselines.RankingTitle(best)}: at the same alert volume ({volume:N0} officer-alerts over {folds.Count} test date(s)) its precision was {ratioWords} that baseline's, and the model is used only when the whole interval is above 1. The ranking is by {RiskBaselines.RankingTitle(best)}.";
        var choice = new RankingChoice(modelWins ? "model" : best, modelWins, reason, best, ratio, volume, candidateEstimates);

        var fairness = Fairness(facts, folds, point, candidates, candidateBaseline, modelWins ? "model" : best);
        return new RiskEvaluationResult(options.Outcome, options, foldResults, overall, choice, fairness, gaps, null);
    }

    private static double SumColumn(double[,] m, int column)
    {
        double s = 0;
        for (var f = 0; f < m.GetLength(0); f++) s += m[f, column];
        return s;
    }

    /// <summary>Pooled over the folds at the working volume: who the ranking in use, the "3 in 12 months" rule and the configured triggers select, by group.</summary>
    private static FairnessReport Fairness(RiskFacts facts, IReadOnlyList<TestFold> folds, Tally point, List<string> candidates, int[] candidateBaseline, string inUse)
    {
        var people = new List<(RiskStaff, DateOnly)>();
        var outcomes = new List<bool>();
        var model = new List<bool>();
        var three = new List<bool>();
        var triggersFlagged = new List<bool>();
        var inUseSelected = new List<bool>();
        for (var f = 0; f < folds.Count; f++)
        {
            var fold = folds[f];
            var k = (int)Math.Round(point.WorkingVolume[f]);
            var modelTop = TopSet(fold.ModelScores, k);
            var ranking = inUse == "model" ? fold.ModelScores : fold.Baselines[candidateBaseline[candidates.IndexOf(inUse)]].Scores;
            var inUseTop = inUse == "model" ? modelTop : TopSet(ranking, k);
            var threeRule = fold.Baselines.First(b => b.Id == RiskBaselines.ThreeIn12Months).Flagged!;
            var trig = fold.Baselines.First(b => b.Id == RiskBaselines.ConfiguredTriggers).Flagged!;
            for (var i = 0; i < fold.Officers.Length; i++)
            {
                people.Add((facts.Staff[fold.Officers[i]], fold.T));
                outcomes.Add(fold.Labels[i]);
                model.Add(modelTop[i]);
                three.Add(threeRule[i]);
                triggersFlagged.Add(trig[i]);
                inUseSelected.Add(inUseTop[i]);
            }
        }
        var selections = new List<(string, bool[])>
        {
            ("model, top k", [.. model]),
            ("3 or more in 12 months", [.. three]),
            ("configured triggers", [.. triggersFlagged]),
        };
        if (inUse != "model") selections.Add(($"ranking in use ({inUse}), top k", [.. inUseSelected]));
        return RiskFairness.Compute(people, selections, [.. outcomes]);
    }

    /// <summary>The k highest scores (ties at the boundary by position, as a page would list them).</summary>
    public static bool[] TopSet(IReadOnlyList<double> scores, int k)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var top = new bool[scores.Count];
        var order = Ranking(scores);
        for (var i = 0; i < Math.Min(k, order.Length); i++) top[order[i]] = true;
        return top;
    }

    private static int MonthsBetween(DateOnly a, DateOnly b) => (b.Year - a.Year) * 12 + b.Month - a.Month;

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
