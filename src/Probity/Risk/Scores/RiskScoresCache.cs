using Probity.Infrastructure.Time;
using Probity.Database;
using Probity.Risk.Model;

namespace Probity.Risk.Scores;

/// <summary>Every serving officer's model score as at a day, with the factors behind it.</summary>
public sealed record ScoredOfficers(DateOnly AsOf, IReadOnlyList<ScoredOfficer> Officers, TimeSpan Took, string? Problem = null);

public sealed record ScoredOfficer(int Rank, string StaffId, string Name, string? OfficerRank, string? UnitId, double Probability, IReadOnlyList<RiskFactor> Factors);

/// <summary>
/// The learned model's scores for today, trained on the history before today and kept until the store changes.
/// Training takes seconds, so pages read the last scores and a refresh runs in the background.
/// </summary>
public sealed class RiskScoresCache(IServiceScopeFactory scopes, StoreChanges changes, TimeProvider time, ILogger<RiskScoresCache> log, RiskFactsCache riskFacts)
    : StoreSnapshot<ScoredOfficers>(scopes, changes, time, log, async (_, ct) =>
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // The same facts snapshot the flags and themes use, brought up to date first.
        var facts = await riskFacts.GetAsync(ct, fresh: true);
        // As at today, or at the end of the recorded history when the store holds only older data.
        var today = time.Today();
        var latest = facts.Allegations.Count == 0 ? today : facts.Allegations.Max(a => a.ReceivedOn);
        var asOf = latest < today ? latest : today;
        IReadOnlyList<RiskScore> scores;
        try
        {
            scores = RiskScoring.Score(facts, asOf);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            return new ScoredOfficers(asOf, [], clock.Elapsed, "The model could not be trained on this history: " + ex.Message);
        }
        var officers = scores.Select((s, i) =>
        {
            var staff = facts.Staff[s.Staff];
            return new ScoredOfficer(i + 1, staff.Id, staff.Name, staff.Rank, staff.UnitId, s.Probability, s.Factors);
        }).ToList();
        return new ScoredOfficers(asOf, officers, clock.Elapsed);
    });
