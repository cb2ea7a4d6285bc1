using System.Diagnostics;
using System.Globalization;
using Probity.DemoForce;
using Probity.Interchange.Mapping;
using Probity.Risk.Facts;
using Probity.Risk.Model;

/// <summary>
/// Risk model back-tests and timings, in memory (no database): on a generated demo force with monthly activity, or on the
/// City of Philadelphia's public complaint records (../shared/realdata/philadelphia, mapped by
/// docs/mappings/philadelphia.mapping.json exactly as <c>probity import --mapping</c> maps them). Prints the evaluation
/// `probity risk evaluate` prints: the model against each simple baseline at equal alert volume with bootstrap intervals.
/// Usage: dotnet run -c Release --project bench/Probity.Bench -- risk [--source demo|philadelphia] [--years 10] [--scale 1]
///   [--folds 3] [--fold-spacing 12] [--snapshots 3] [--snapshot-spacing 12] [--trees 100] [--leaves 4] [--min-leaf 50] [--maturity 12] [--undated 12]
///   [--bootstrap 1000] [--json FILE]
/// </summary>
internal static class RiskBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        int Arg(string name, int fallback) => Array.IndexOf(args, name) is >= 0 and var i && i + 1 < args.Length
            ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        string? Text(string name) => Array.IndexOf(args, name) is >= 0 and var i && i + 1 < args.Length ? args[i + 1] : null;
        var source = Text("--source") ?? "demo";
        var outcome = new RiskOutcome { MaturityMonths = Arg("--maturity", 12) };
        var options = new RiskEvaluationOptions
        {
            Folds = Arg("--folds", 3), FoldSpacingMonths = Arg("--fold-spacing", 12), Snapshots = Arg("--snapshots", 3),
            SnapshotSpacingMonths = Arg("--snapshot-spacing", 12), Trees = Arg("--trees", 100),
            Model = new RiskModelSettings(Arg("--leaves", 4), Arg("--min-leaf", 50), Arg("--learning-rate-x1000", 50) / 1000.0), BootstrapReplicates = Arg("--bootstrap", 1000), Outcome = outcome,
        };

        var clock = Stopwatch.StartNew();
        RiskFacts facts;
        if (source == "philadelphia")
        {
            var shared = FindUp("shared/realdata/philadelphia");
            var repo = FindUp("Probity.slnx", file: true);
            if (shared is null || repo is null)
            {
                // The data are not in the repository: without them the back-test is skipped, not failed.
                Console.WriteLine("Skipped: the Philadelphia data (../shared/realdata/philadelphia, looked for from the working folder up) or the repository root was not found.");
                return 0;
            }
            var mapping = MappingFile.Load(Path.Combine(Path.GetDirectoryName(repo)!, "docs", "mappings", "philadelphia.mapping.json"));
            var mapped = MappedImport.Map(mapping, shared, lenient: true);
            Console.Write(mapped.Report.ToText());
            facts = RiskScoring.FactsFromBundle(mapped.Bundle);
        }
        else
        {
            var until = new DateOnly(2025, 3, 31);
            var bundle = DemoForceGenerator.Generate(new DemoForceOptions(Seed: 20081201, Until: until, Years: Arg("--years", 10), Scale: Arg("--scale", 1), IncludeExposure: true));
            facts = RiskScoring.FactsFromBundle(bundle);
        }
        var undated = Arg("--undated", RiskAllegation.UndatedFindingMonthsDefault);
        if (undated != RiskAllegation.UndatedFindingMonthsDefault)
            facts = new RiskFacts
            {
                Staff = facts.Staff, Units = facts.Units, Sanctions = facts.Sanctions, BusinessInterests = facts.BusinessInterests, Exposure = facts.Exposure,
                Postings = facts.Postings, Allegations = [.. facts.Allegations.Select(a => a with { UndatedFindingMonths = undated })],
            };
        Console.WriteLine($"Loaded {source} in {clock.Elapsed.TotalSeconds:0.0} s: {facts.Staff.Count:N0} staff, {facts.Allegations.Count:N0} allegations, {facts.Sanctions.Count:N0} sanctions, {facts.Exposure.Count:N0} activity months, data {RiskEvaluation.DataStart(facts):yyyy-MM-dd} to {RiskEvaluation.DataEnd(facts):yyyy-MM-dd}");

        var end = RiskEvaluation.DataEnd(facts);
        clock.Restart();
        var features = new RiskFeatures(facts);
        var snapshot = features.Build(end);
        Console.WriteLine($"Index facts and build features for the {snapshot.Officers.Length:N0} officers serving on {end:yyyy-MM-dd}: {clock.Elapsed.TotalMilliseconds:N0} ms");
        clock.Restart();
        try
        {
            var model = RiskEvaluation.TrainAt(features, end, options);
            Console.WriteLine($"Train for use on {end:yyyy-MM-dd}: {clock.Elapsed.TotalSeconds:0.0} s on {model.TrainingRows:N0} rows ({model.TrainingPositives:N0} adverse outcomes, {model.TrainingLeftOut:N0} left out as unresolved), {options.Trees} trees");
            clock.Restart();
            var explained = model.ScoreAndExplain(snapshot);
            Console.WriteLine($"Score and explain {explained.Count:N0} officers: {clock.Elapsed.TotalMilliseconds:N0} ms");
        }
        catch (InvalidOperationException ex)
        {
            Console.WriteLine($"No model for {end:yyyy-MM-dd}: {ex.Message}");
        }

        clock.Restart();
        var engine = new Probity.Risk.Thresholds.ThresholdEngine(Probity.Risk.Thresholds.ThresholdRuleSet.Load(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()));
        var evaluation = RiskEvaluation.Evaluate(facts, engine, options);
        Console.WriteLine($"Evaluation ({evaluation.Folds.Count} test dates, {options.BootstrapReplicates:N0} bootstrap resamples): {clock.Elapsed.TotalSeconds:0.0} s");
        Console.WriteLine();
        Console.WriteLine(RiskEvaluationReport.ToMarkdown(evaluation));
        if (Text("--json") is { } json) await File.WriteAllTextAsync(json, RiskEvaluationReport.ToJson(evaluation));
        await Console.Out.FlushAsync();
        return 0;
    }

    /// <summary>Walks up from the working directory to the first folder holding <paramref name="relative"/>.</summary>
    private static string? FindUp(string relative, bool file = false)
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (file ? File.Exists(candidate) : Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}
