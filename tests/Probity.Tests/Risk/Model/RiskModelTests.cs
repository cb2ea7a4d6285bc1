using Probity.DemoForce;
using Probity.Risk.Model;

namespace Probity.Tests.Risk.Model;

public sealed class RiskModelTests
{
    /// <summary>
    /// A synthetic force where complaints follow activity (arrests x personal rate) but substantiated misconduct follows only
    /// the personal rate: a busy officer with an ordinary rate must not score above a quiet officer with a high rate, even
    /// though the busy one has more complaints.
    /// </summary>
    [Fact]
    public void A_busy_officer_with_an_ordinary_rate_is_not_ranked_above_a_quiet_officer_with_a_high_rate()
    {
        var rng = new Random(42);
        var b = new RiskTestFacts();
        var start = new DateOnly(2019, 1, 1);
        const int months = 72;
        var kinds = new Dictionary<string, (bool Busy, bool High)>();
        for (var i = 0; i < 1200; i++)
        {
            var id = $"o{i:D4}";
            var busy = i % 2 == 0;
            var high = rng.NextDouble() < 0.2;
            kinds[id] = (busy, high);
            b.Officer(id, unit: busy ? "u1" : "u2");
            var arrests = busy ? 20 : 2;
            var rate = high ? 0.06 : 0.01; // complaints per arrest
            b.Activity(id, start, months, arrests, calls: busy ? 60 : 8, hours: 150, stops: busy ? 10 : 1, force: busy ? 4 : 0);
            for (var m = 0; m < months; m++)
            {
                var day = start.AddMonths(m).AddDays(rng.Next(28));
                for (var c = Poisson(rng, arrests * rate); c > 0; c--)
                    b.Allegation(id, day, rng.NextDouble() < 0.5 ? "incivility" : "other_assault", "not_substantiated", day.AddMonths(4));
                if (rng.NextDouble() < (high ? 0.04 : 0.003))
                    b.Allegation(id, day, "corrupt_practice", "substantiated", day.AddMonths(3), caseType: "conduct_matter");
            }
        }
        var facts = b.Build();
        var asOf = new DateOnly(2024, 1, 1);
        var ranked = RiskScoring.Score(facts, asOf);
        double Mean(bool busy, bool high) => ranked.Where(s => kinds[facts.Staff[s.Staff].Id] == (busy, high)).Average(s => s.Probability);
        var busyOrdinary = Mean(busy: true, high: false);
        var quietHigh = Mean(busy: false, high: true);
        Assert.True(quietHigh > busyOrdinary, $"quiet high-rate {quietHigh:0.000} should score above busy ordinary {busyOrdinary:0.000}");

        // The busy ordinary officers do have more complaints, so raw counts alone would rank them higher.
        var features = new RiskFeatures(facts);
        var snap = features.Build(asOf);
        double MeanComplaints(bool busy, bool high) => snap.Officers.Select((o, k) => (o, k)).Where(x => kinds[facts.Staff[x.o].Id] == (busy, high))
            .Average(x => snap.Rows[x.k][RiskFeatures.Complaints36m]);
        Assert.True(MeanComplaints(true, false) > MeanComplaints(false, true));
    }

    private static int Poisson(Random rng, double mean)
    {
        var l = Math.Exp(-mean);
        var k = 0;
        var p = 1.0;
        do { k++; p *= rng.NextDouble(); } while (p > l);
        return k - 1;
    }

    [Fact]
    public async Task End_to_end_on_a_demo_force_beats_chance_and_writes_the_scores_file()
    {
        var until = new DateOnly(2024, 12, 31);
        var bundle = DemoForceGenerator.Generate(new DemoForceOptions(Seed: 5, Until: until, Years: 6, IncludeExposure: true));
        var facts = RiskScoring.FactsFromBundle(bundle);

        var triggers = new Probity.Risk.Thresholds.ThresholdEngine(Probity.Risk.Thresholds.ThresholdRuleSet.Load(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()));
        var options = new RiskEvaluationOptions { Folds = 1, Trees = 60, BootstrapReplicates = 50 };
        var evaluation = RiskEvaluation.Evaluate(facts, triggers, options);
        var fold = Assert.Single(evaluation.Folds);
        Assert.True(fold.ModelAuc > 0.5, $"AUC {fold.ModelAuc}");
        Assert.Equal(4, fold.Comparisons.Count);
        Assert.Contains("## Verdict", RiskEvaluationReport.ToMarkdown(evaluation), StringComparison.Ordinal);
        Assert.NotEmpty(evaluation.Fairness.Groups);

        var asOf = until.AddMonths(-6);
        var ranked = RiskScoring.Score(facts, asOf, options: options);
        var serving = facts.Staff.Count(s => s.StaffType == "officer" && s.ServingOn(asOf));
        Assert.Equal(serving, ranked.Count);
        using var writer = new StringWriter();
        await RiskScoring.WriteCsvAsync(writer, facts, ranked, TestContext.Current.CancellationToken);
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("staff_id,score,rank,top_factors", lines[0].TrimEnd('\r'));
        Assert.Equal(serving + 1, lines.Length);
        Assert.StartsWith(facts.Staff[ranked[0].Staff].Id + ",", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(",1", string.Join(',', lines[1].Split(',').Take(3)), StringComparison.Ordinal);
        Assert.NotEmpty(ranked[0].Factors);
        Assert.Contains("peers in the same rank and unit", string.Join(";", ranked.Take(50).SelectMany(r => r.Factors).Select(f => f.Words)), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_activity_data_the_model_still_runs_and_says_what_it_lacks()
    {
        // Most real exports: complaints and staff, no exposure.csv.
        var until = new DateOnly(2024, 12, 31);
        var bundle = DemoForceGenerator.Generate(new DemoForceOptions(Seed: 5, Until: until, Years: 6, IncludeExposure: false));
        var facts = RiskScoring.FactsFromBundle(bundle);
        Assert.Empty(facts.Exposure);

        var triggers = new Probity.Risk.Thresholds.ThresholdEngine(Probity.Risk.Thresholds.ThresholdRuleSet.Load(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()));
        var options = new RiskEvaluationOptions { Folds = 1, Trees = 30, BootstrapReplicates = 20 };
        var evaluation = RiskEvaluation.Evaluate(facts, triggers, options);
        Assert.Null(evaluation.NotEvaluated);
        Assert.Single(evaluation.Folds);
        var gap = Assert.Single(evaluation.DataGaps, g => g.StartsWith("No activity data", StringComparison.Ordinal));
        var report = RiskEvaluationReport.ToMarkdown(evaluation);
        Assert.Contains("What the data lack:", report, StringComparison.Ordinal);
        Assert.Contains(gap, report, StringComparison.Ordinal);

        // Ranked on what there is: nobody is explained by arrests, calls or hours the store does not hold.
        var ranked = RiskScoring.Score(facts, until.AddMonths(-6), options: options);
        Assert.NotEmpty(ranked);
        var words = string.Join(";", ranked.Take(200).SelectMany(r => r.Factors).Select(f => f.Words));
        Assert.DoesNotContain("arrests", words, StringComparison.Ordinal);
        Assert.DoesNotContain("hours", words, StringComparison.Ordinal);
    }
}
