using System.Diagnostics;
using System.Globalization;
using Probity.DemoForce;
using Probity.Risk.Model;

/// <summary>
/// Risk model timings on a generated demo force with monthly activity, in memory (no database): feature building,
/// training, scoring and explaining every serving officer, then the temporal cross-validation against the threshold rules.
/// Usage: dotnet run -c Release --project bench/Probity.Bench -- risk [--years 10] [--scale 1] [--folds 3] [--trees 200]
/// </summary>
internal static class RiskBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        int Arg(string name, int fallback) => Array.IndexOf(args, name) is >= 0 and var i && i + 1 < args.Length
            ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        var years = Arg("--years", 10);
        var scale = Arg("--scale", 1);
        var folds = Arg("--folds", 3);
        var trees = Arg("--trees", 200);
        var until = new DateOnly(2025, 3, 31);

        var clock = Stopwatch.StartNew();
        var bundle = DemoForceGenerator.Generate(new DemoForceOptions(Seed: 20081201, Until: until, Years: years, Scale: scale, IncludeExposure: true));
        var facts = RiskScoring.FactsFromBundle(bundle);
        Console.WriteLine($"Generated in {clock.Elapsed.TotalSeconds:0.0} s: {facts.Staff.Count:N0} staff, {facts.Allegations.Count:N0} allegations, {facts.Sanctions.Count:N0} sanctions, {facts.Exposure.Count:N0} activity months");

        var asOf = until.AddMonths(-12);
        clock.Restart();
        var features = new RiskFeatures(facts);
        var indexed = clock.Elapsed;
        clock.Restart();
        var snapshot = features.Build(asOf);
        var built = clock.Elapsed;
        Console.WriteLine($"Index facts: {indexed.TotalMilliseconds:N0} ms; features for {snapshot.Officers.Length:N0} serving officers at {asOf:yyyy-MM-dd}: {built.TotalMilliseconds:N0} ms");

        clock.Restart();
        var model = RiskEvaluation.TrainAt(features, asOf, trees: trees);
        var trained = clock.Elapsed;
        Console.WriteLine($"Train (3 snapshots, features included): {trained.TotalSeconds:0.0} s on {model.TrainingRows:N0} rows ({model.TrainingPositives:N0} adverse outcomes), {trees} trees");

        clock.Restart();
        var scores = model.Score(snapshot);
        var scored = clock.Elapsed;
        clock.Restart();
        var explained = model.ScoreAndExplain(snapshot);
        var explainedTime = clock.Elapsed;
        Console.WriteLine($"Score {scores.Length:N0} officers: {scored.TotalMilliseconds:N0} ms; score + explain (top 3 factors): {explainedTime.TotalMilliseconds:N0} ms");
        Console.WriteLine($"Score at a date from cold (features + score + explain): {(built + explainedTime).TotalSeconds:0.0} s");

        var top = explained.OrderByDescending(s => s.Probability).First();
        Console.WriteLine($"Highest score {top.Probability:0.000} ({facts.Staff[top.Staff].Id}): {string.Join("; ", top.Factors.Select(f => f.Words))}");

        clock.Restart();
        var engine = new Probity.Risk.Thresholds.ThresholdEngine(Probity.Risk.Thresholds.ThresholdRuleSet.Load(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()));
        var evaluation = RiskEvaluation.Evaluate(facts, engine, folds: folds, trees: trees);
        Console.WriteLine($"Evaluation ({evaluation.Folds.Count} folds): {clock.Elapsed.TotalSeconds:0.0} s");
        Console.WriteLine();
        Console.WriteLine(evaluation.ToMarkdown());
        await Console.Out.FlushAsync();
        return 0;
    }
}
