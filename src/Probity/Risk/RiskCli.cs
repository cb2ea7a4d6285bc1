using System.CommandLine;
using Probity.Database;
using Probity.Infrastructure;
using Probity.Infrastructure.Time;

namespace Probity.Risk;

/// <summary>probity risk score | evaluate.</summary>
internal static class RiskCli
{
    public static Command Build(string[] args, Func<string[], Func<IServiceProvider, Task<int>>, Task<int>> withServices)
    {
        var riskAsOf = new Option<DateOnly>("--as-of") { Description = "Score the officers serving on this date, from what was known by then", Required = true }.InCalendar();
        var riskOut = new Option<FileInfo>("--out") { Description = "The scores file to write (staff_id,score,rank,top_factors)", Required = true };
        var riskTrainUntil = new Option<DateOnly?>("--train-until") { Description = "Train on history known by this date (default the as-of date)" }.InCalendar();
        var riskScore = new Command("score", "Score every serving officer with the learned model: chance of an adverse outcome (a new allegation later substantiated or sanctioned) in the outcome window, with the top factors") { riskAsOf, riskOut, riskTrainUntil };
        riskScore.SetAction((p, ct) => withServices(args, async sp =>
        {
            var asOf = WorkingDays.RequireCovered(p.GetValue(riskAsOf), "--as-of");
            if (p.GetValue(riskTrainUntil) is { } trainUntil) WorkingDays.RequireCovered(trainUntil, "--train-until");
            var output = p.GetValue(riskOut)!;
            var facts = await Facts.RiskFacts.LoadAsync(sp.GetRequiredService<ProbityDb>(), ct);
            // Never a reader's own score (need-to-know protects the member of staff who is asking about themselves).
            var reader = sp.GetRequiredService<ProbityDb>().Scope;
            var options = new Model.RiskEvaluationOptions { Outcome = sp.GetRequiredService<Model.RiskOutcome>() };
            IReadOnlyList<Model.RiskScore> scored;
            var byCount = false;
            try
            {
                scored = Model.RiskScoring.Score(facts, asOf, p.GetValue(riskTrainUntil), options);
            }
            catch (InvalidOperationException ex)
            {
                // Nothing to learn from before the date: the fallback the model page uses (ADR 0011), said plainly, and
                // only officers the count names (a zero count is not a prompt to look at anyone).
                Console.Error.WriteLine($"The model cannot be trained on what was known by {asOf:d MMM yyyy}: {ex.Message}. " +
                    $"Ranked instead by {Model.RiskBaselines.RankingTitle(Model.RiskBaselines.Count12Months)} (the ranking behind the \"3 or more in 12 months\" rule); the score column is that count.");
                scored = [.. Model.RiskScoring.RankByBaseline(facts, asOf, Model.RiskBaselines.Count12Months, sp.GetRequiredService<Thresholds.ThresholdEngine>()).Where(r => r.Probability >= 1)];
                byCount = true;
            }
            var ranked = scored.Where(r => reader.MayReadAbout(facts.Staff[r.Staff].Id)).ToList();
            await using (var writer = new StreamWriter(output.FullName, append: false, new System.Text.UTF8Encoding(false)))
                await Model.RiskScoring.WriteCsvAsync(writer, facts, ranked, ct);
            await sp.GetRequiredService<AuditTrail.Contracts.Audit>().RecordAsync("export", "risk_scores", $"risk score as-of {asOf:yyyy-MM-dd} officers={ranked.Count} ranking={(byCount ? Model.RiskBaselines.Count12Months : "model")} file={output.Name}", ct);
            Console.WriteLine(byCount ? $"Ranked {ranked.Count:N0} serving officers with allegations in the 12 months to {asOf:yyyy-MM-dd} by their count (not the model); written to {output.FullName}"
                : $"Scored {ranked.Count:N0} serving officers at {asOf:yyyy-MM-dd}; written to {output.FullName}");
            return 0;
        }));
        var riskFolds = new Option<int>("--folds") { Description = "How many yearly test dates (temporal cross-validation folds)", DefaultValueFactory = _ => 3 };
        var riskBootstrap = new Option<int>("--bootstrap") { Description = "Bootstrap resamples for the 95% intervals", DefaultValueFactory = _ => 1000 };
        var riskSeed = new Option<int>("--seed") { Description = "Seed of the bootstrap (same seed, same intervals)", DefaultValueFactory = _ => new Model.RiskEvaluationOptions().Seed };
        var riskJson = new Option<FileInfo?>("--json") { Description = "Also write the evaluation as JSON (schema probity-risk-evaluation/1) to this file; - for standard output instead of the text" };
        var riskEvaluate = new Command("evaluate", "Temporal cross-validation of the risk model against the simple baselines (3 or more in 12 months, top 2% by 12- and 24-month counts, the configured triggers): precision, recall and their ratio at equal alert volume with bootstrap intervals, per test date and pooled; fairness by group; which ranking is in use") { riskFolds, riskBootstrap, riskSeed, riskJson };
        riskEvaluate.SetAction((p, ct) => withServices(args, async sp =>
        {
            if (p.GetValue(riskFolds) is < 1 or > 20) throw new Kernel.ActionRefusedException("--folds must be 1 to 20.");
            if (p.GetValue(riskBootstrap) is < 0 or > 100_000) throw new Kernel.ActionRefusedException("--bootstrap must be 0 to 100000.");
            var facts = await Facts.RiskFacts.LoadAsync(sp.GetRequiredService<ProbityDb>(), ct);
            var engine = sp.GetRequiredService<Thresholds.ThresholdEngine>();
            var options = new Model.RiskEvaluationOptions
            {
                Folds = p.GetValue(riskFolds), BootstrapReplicates = p.GetValue(riskBootstrap), Seed = p.GetValue(riskSeed),
                Outcome = sp.GetRequiredService<Model.RiskOutcome>(),
            };
            var result = Model.RiskEvaluation.Evaluate(facts, engine, options);
            await sp.GetRequiredService<AuditTrail.Contracts.Audit>().RecordAsync("export", "risk_scores", $"risk evaluate folds={result.Folds.Count} in use={result.Choice.InUse}", ct);
            var json = p.GetValue(riskJson);
            if (json?.Name == "-")
            {
                Console.WriteLine(Model.RiskEvaluationReport.ToJson(result));
                return 0;
            }
            Console.WriteLine(Model.RiskEvaluationReport.ToMarkdown(result));
            if (json is not null) await File.WriteAllTextAsync(json.FullName, Model.RiskEvaluationReport.ToJson(result), ct);
            return 0;
        }));
        var risk = new Command("risk", "The Risk Identification Unit's learned risk model") { riskScore, riskEvaluate };
        return risk;
    }
}
