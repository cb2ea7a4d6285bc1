using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;

namespace Probity.Risk.Model;

/// <summary>
/// The learned risk model: LightGBM gradient-boosted trees (ML.NET) on <see cref="RiskFeatures"/>, predicting the chance
/// of an adverse outcome (<see cref="RiskOutcome"/>: a new allegation in the next 12 months later substantiated or sanctioned). Each score is explained by the
/// features that pushed it up most (ML.NET feature contributions), in words, against the officer's peers.
/// </summary>
internal sealed class RiskModel
{
    private readonly MLContext _ml;
    private readonly BinaryPredictionTransformer<CalibratedModelParametersBase<LightGbmBinaryModelParameters, PlattCalibrator>> _model;

    private RiskModel(MLContext ml, BinaryPredictionTransformer<CalibratedModelParametersBase<LightGbmBinaryModelParameters, PlattCalibrator>> model)
    {
        _ml = ml;
        _model = model;
    }

    /// <summary>Training set size (rows) and positive labels, for reports.</summary>
    public int TrainingRows { get; private init; }
    public int TrainingPositives { get; private init; }
    /// <summary>Rows left out because their outcome was still unresolved at the cut (right-censored).</summary>
    public int TrainingLeftOut { get; private init; }

    /// <summary>
    /// Trains on feature snapshots with their outcomes as known at the cut (one per row of each snapshot). Rows whose outcome
    /// was still unresolved are left out, not counted as "no outcome" (that would teach the model that officers with
    /// investigations under way are safe).
    /// </summary>
    public static RiskModel Train(IReadOnlyList<(RiskSnapshot Snapshot, OutcomeState[] Outcomes)> training, int trees = 100, int seed = 1, RiskModelSettings? settings = null)
    {
        settings ??= new RiskModelSettings();
        ArgumentNullException.ThrowIfNull(training);
        var rows = new List<Row>();
        var leftOut = 0;
        foreach (var (snapshot, outcomes) in training)
            for (var k = 0; k < snapshot.Rows.Length; k++)
            {
                if (outcomes[k] == OutcomeState.Unresolved) { leftOut++; continue; }
                rows.Add(new Row { Features = ModelInput(snapshot.Rows[k]), Label = outcomes[k] == OutcomeState.Adverse });
            }
        var positives = rows.Count(r => r.Label);
        if (positives == 0 || positives == rows.Count)
            throw new InvalidOperationException($"the training data ({rows.Count:N0} officer-windows) has only one kind of outcome; the model needs both adverse outcomes and none.");

        var ml = new MLContext(seed);
        var data = ml.Data.LoadFromEnumerable(rows);
        var trainer = ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
        {
            NumberOfIterations = trees,
            NumberOfLeaves = settings.Leaves,
            // Small forces have few adverse outcomes: leaves must hold enough officers to mean something.
            MinimumExampleCountPerLeaf = settings.MinimumLeaf > 0 ? settings.MinimumLeaf : Math.Max(20, Math.Min(100, rows.Count / 200)),
            LearningRate = settings.LearningRate,
            NumberOfThreads = Environment.ProcessorCount,
            Seed = seed,
            Verbose = false,
            Silent = true,
            HandleMissingValue = true,
            Booster = new GradientBooster.Options { L2Regularization = 1, FeatureFraction = 0.8 },
        });
        var model = trainer.Fit(data);
        return new RiskModel(ml, model) { TrainingRows = rows.Count, TrainingPositives = positives, TrainingLeftOut = leftOut };
    }

    /// <summary>The probability of an adverse outcome in the next 12 months, per row of the snapshot.</summary>
    public double[] Score(RiskSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var data = _ml.Data.LoadFromEnumerable(snapshot.Rows.Select(r => new Row { Features = ModelInput(r) }));
        var scored = _model.Transform(data);
        return [.. scored.GetColumn<float>("Probability").Select(p => (double)p)];
    }

    /// <summary>Scores and explains every officer in the snapshot: probability plus the top positive feature contributions.</summary>
    public IReadOnlyList<RiskScore> ScoreAndExplain(RiskSnapshot snapshot, int topFactors = 3)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var data = _ml.Data.LoadFromEnumerable(snapshot.Rows.Select(r => new Row { Features = ModelInput(r) }));
        var explainer = _ml.Transforms.CalculateFeatureContribution(_model, numberOfPositiveContributions: topFactors, numberOfNegativeContributions: 0, normalize: false)
            .Fit(data);
        var scored = explainer.Transform(_model.Transform(data));
        var probabilities = scored.GetColumn<float>("Probability").ToArray();
        var contributions = scored.GetColumn<float[]>("FeatureContributions").ToArray();
        var result = new RiskScore[snapshot.Rows.Length];
        for (var k = 0; k < result.Length; k++)
        {
            var c = contributions[k];
            var top = Enumerable.Range(0, c.Length).Where(f => c[f] > 0).OrderByDescending(f => c[f]).Take(topFactors)
                .Select(f => new RiskFactor(RiskFeatures.Names[f], Describe(f, snapshot.Rows[k][f], snapshot.PeerMedians[k][f]), c[f])).ToArray();
            result[k] = new RiskScore(snapshot.Officers[k], probabilities[k], top);
        }
        return result;
    }

    /// <summary>A feature's value in words with the peer median, e.g. "5 complaint allegations in the last 12 months (peers in the same rank and unit: median 1)".</summary>
    public static string Describe(int feature, float value, float peerMedian)
    {
        var v = Number(value);
        var peers = float.IsNaN(peerMedian) ? "" : $" (peers in the same rank and unit: median {Number(peerMedian)})";
        var description = RiskFeatures.Descriptions[feature];
        return feature switch
        {
            RiskFeatures.VettingLapsed => (value >= 1 ? "vetting has lapsed" : "vetting is current") + peers,
            RiskFeatures.RankOrdinal => $"rank {v}",
            RiskFeatures.TenureYears => $"{v} years of service{peers}",
            RiskFeatures.DaysSinceLastComplaint => float.IsNaN(value) ? "no complaint on record" : $"last complaint {v} days ago{peers}",
            RiskFeatures.PeerComplaintsRatio or RiskFeatures.PeerArrestsRatio => $"{description}: {v}",
            _ when RiskFeatures.Names[feature].Contains("_per_", StringComparison.Ordinal) => $"{v} {description}{peers}",
            _ => float.IsNaN(value) ? $"{description}: not recorded" : $"{v} {description}{peers}",
        };
    }

    private static string Number(float value) =>
        float.IsNaN(value) ? "unknown"
        : Math.Abs(value - MathF.Round(value)) < 0.005f && Math.Abs(value) < 1e6 ? MathF.Round(value).ToString("0", CultureInfo.InvariantCulture)
        : value.ToString(Math.Abs(value) >= 10 ? "0" : "0.0", CultureInfo.InvariantCulture);

    /// <summary>
    /// The row the trees see: raw activity volumes (hours, calls, arrests, stop searches, uses of force, arrests against
    /// peers) are hidden, so being busy is never a reason for a flag in itself; they enter only through the rates per
    /// arrest, call, hour and stop search.
    /// </summary>
    public static float[] ModelInput(float[] row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var copy = (float[])row.Clone();
        foreach (var f in RiskFeatures.ActivityVolumes) copy[f] = float.NaN;
        return copy;
    }

    private sealed class Row
    {
        [VectorType(RiskFeatures.Count)]
        public float[] Features { get; set; } = [];
        public bool Label { get; set; }
    }
}

/// <summary>
/// The trees' shape, tuned on the demo force (bench/README.md "Risk model"): small, heavily regularised trees (adverse
/// outcomes are a few percent of officers, a few hundred a year in a small force). MinimumLeaf 0 = by the size of the training data.
/// </summary>
internal sealed record RiskModelSettings(int Leaves = 4, int MinimumLeaf = 50, double LearningRate = 0.05);

/// <summary>One factor behind a score: the feature, the words a supervisor reads, and its contribution to the raw score.</summary>
internal sealed record RiskFactor(string Feature, string Words, float Contribution);

/// <summary>An officer's score (probability of an adverse outcome in the outcome window) and its top factors.</summary>
internal sealed record RiskScore(int Staff, double Probability, IReadOnlyList<RiskFactor> Factors);
