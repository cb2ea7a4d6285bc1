using Probity.Infrastructure.Time;
using Probity.Database;
using Probity.Risk.Model;
using Probity.Risk.Thresholds;

namespace Probity.Risk.Scores;

/// <summary>
/// The ranking the unit works from as at a day: the learned model's where it has beaten the best simple baseline on this
/// force's own history, else that baseline's (<see cref="Choice"/> says which and why), with the evidence, the fairness
/// figures at the working alert volume and what the data lack.
/// </summary>
/// <param name="AlertVolume">How many officers the "3 or more in 12 months" rule flags at the date (the top of the ranking a unit works).</param>
internal sealed record ScoredOfficers(DateOnly AsOf, IReadOnlyList<ScoredOfficer> Officers, TimeSpan Took, RankingChoice Choice, RiskEvaluationResult? Evaluation,
    FairnessReport Fairness, IReadOnlyList<string> DataGaps, string Outcome, int AlertVolume, string? Problem = null)
{
    /// <summary>
    /// The ranking as a reader may see it: never themself, and placed without them, since a gap in the places would tell
    /// them theirs (as <c>probity risk score</c> numbers its file).
    /// </summary>
    public IReadOnlyList<ScoredOfficer> VisibleTo(Kernel.CaseAccessScope reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Officers.All(o => reader.MayReadAbout(o.StaffId)) ? Officers
            : [.. Officers.Where(o => reader.MayReadAbout(o.StaffId)).Select((o, i) => o with { Rank = i + 1 })];
    }
}

/// <param name="Score">The model's probability, or the baseline's count when the ranking is a baseline's.</param>
internal sealed record ScoredOfficer(int Rank, string StaffId, string Name, string? OfficerRank, string? UnitId, double Score, IReadOnlyList<RiskFactor> Factors);

/// <summary>
/// Scores for today, kept until the store changes. Evaluating the model on the history and training it take seconds, so
/// pages read the last scores and a refresh runs in the background.
/// </summary>
internal sealed class RiskScoresCache(IServiceScopeFactory scopes, StoreChanges changes, TimeProvider time, ILogger<RiskScoresCache> log, RiskFactsCache riskFacts,
    ThresholdEngine triggers, RiskOutcome outcome)
    : StoreSnapshot<ScoredOfficers>(scopes, changes, time, log, async (_, ct) =>
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // The same facts snapshot the flags and themes use, brought up to date first.
        var facts = await riskFacts.GetAsync(ct, fresh: true);
        // As at today, or at the end of the recorded history when the store holds only older data.
        var today = time.Today();
        var latest = facts.Allegations.Count == 0 ? today : facts.Allegations.Max(a => a.ReceivedOn);
        var asOf = latest < today ? latest : today;
        return Compute(facts, asOf, triggers, new RiskEvaluationOptions { Outcome = outcome, BootstrapReplicates = 500 }, clock);
    })
{
    /// <summary>Evaluates, chooses the ranking by the evidence, ranks the officers serving at <paramref name="asOf"/> and computes the fairness figures.</summary>
    public static ScoredOfficers Compute(Facts.RiskFacts facts, DateOnly asOf, ThresholdEngine triggers, RiskEvaluationOptions options, System.Diagnostics.Stopwatch? clock = null)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(options);
        clock ??= System.Diagnostics.Stopwatch.StartNew();
        var evaluation = RiskEvaluation.Evaluate(facts, triggers, options);
        var choice = evaluation.Choice;
        string? problem = null;
        IReadOnlyList<RiskScore> scores;
        if (choice.ModelInUse)
        {
            try
            {
                scores = RiskScoring.Score(facts, asOf, options: options);
            }
            catch (InvalidOperationException ex)
            {
                // Tested on the history but not trainable today (should not happen): rank by the baseline and say so.
                choice = choice with { InUse = choice.BestBaseline ?? RiskBaselines.Count12Months, ModelInUse = false, Reason = choice.Reason + " The model could not be trained as at today (" + ex.Message + "), so the baseline is used." };
                scores = RiskScoring.RankByBaseline(facts, asOf, choice.InUse, triggers);
            }
        }
        else scores = RiskScoring.RankByBaseline(facts, asOf, choice.InUse, triggers);

        var officers = scores.Select((s, i) =>
        {
            var staff = facts.Staff[s.Staff];
            return new ScoredOfficer(i + 1, staff.Id, staff.Name, staff.Rank, staff.UnitId, s.Probability, s.Factors);
        }).ToList();

        // Fairness as the unit would see it today: who the triggers flag and who is at the top of the ranking in use.
        var snapshot = new RiskFeatures(facts).Build(asOf);
        var baselines = RiskBaselines.For(snapshot, triggers, facts);
        var three = baselines.First(b => b.Id == RiskBaselines.ThreeIn12Months);
        var volume = (int)three.Volume(null);
        if (volume == 0) volume = (int)baselines.First(b => b.Id == RiskBaselines.Top2Percent12Months).Volume(null);
        var position = scores.Select((s, i) => (s.Staff, i)).ToDictionary(x => x.Staff, x => x.i);
        var top = snapshot.Officers.Select(o => position.TryGetValue(o, out var p) && p < volume).ToArray();
        var people = snapshot.Officers.Select(o => (facts.Staff[o], asOf)).ToList();
        var fairness = RiskFairness.Compute(people,
        [
            ($"top {volume:N0} of the ranking in use", top),
            ("flagged by the configured triggers", baselines.First(b => b.Id == RiskBaselines.ConfiguredTriggers).Flagged!),
        ], null);
        return new ScoredOfficers(asOf, officers, clock.Elapsed, choice, evaluation, fairness, evaluation.DataGaps, options.Outcome.Describe(), volume, problem);
    }
}
