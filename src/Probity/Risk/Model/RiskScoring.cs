using Probity.Infrastructure;
using System.Globalization;
using System.Text;
using Probity.Interchange.Contracts;
using Probity.Risk.Facts;

namespace Probity.Risk.Model;

/// <summary>Scores every serving officer at a date (model trained on history before it) and writes the scores file.</summary>
internal static class RiskScoring
{
    public const string CsvHeader = "staff_id,score,rank,top_factors";

    /// <summary>
    /// Trains on snapshots before <paramref name="trainUntil"/> (default the as-of date) with labels known by then, and scores
    /// the officers serving at <paramref name="asOf"/> from facts known by then. Returned in rank order (1 = highest score).
    /// </summary>
    /// <exception cref="InvalidOperationException">Not enough history to train on, or only one kind of outcome in it.</exception>
    public static IReadOnlyList<RiskScore> Score(RiskFacts facts, DateOnly asOf, DateOnly? trainUntil = null, RiskEvaluationOptions? options = null)
    {
        var features = new RiskFeatures(facts);
        var cutoff = trainUntil is { } u && u < asOf ? u : asOf;
        var model = RiskEvaluation.TrainAt(features, cutoff, options);
        var snapshot = features.Build(asOf);
        return [.. model.ScoreAndExplain(snapshot).OrderByDescending(s => s.Probability).ThenBy(s => facts.Staff[s.Staff].Id, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Ranks the officers serving at <paramref name="asOf"/> by a simple baseline (the fallback when the model has not beaten
    /// it), each explained by the counts it ranks on, against peers of the same rank in the same unit. The "score" is the count.
    /// </summary>
    public static IReadOnlyList<RiskScore> RankByBaseline(RiskFacts facts, DateOnly asOf, string rankingId, Thresholds.ThresholdEngine triggers)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var snapshot = new RiskFeatures(facts).Build(asOf);
        var baseline = RiskBaselines.For(snapshot, triggers, facts).FirstOrDefault(b => b.RankingId == rankingId)
            ?? throw new ArgumentException($"'{rankingId}' is not a baseline ranking", nameof(rankingId));
        int[] shown = rankingId == RiskBaselines.Count24Months ? [RiskFeatures.Complaints24m, RiskFeatures.Complaints12m] : [RiskFeatures.Complaints12m, RiskFeatures.Complaints24m];
        var scores = new RiskScore[snapshot.Officers.Length];
        for (var k = 0; k < scores.Length; k++)
        {
            var row = snapshot.Rows[k];
            var factors = shown.Select(f => new RiskFactor(RiskFeatures.Names[f], RiskModel.Describe(f, row[f], snapshot.PeerMedians[k][f]), row[f])).ToList();
            scores[k] = new RiskScore(snapshot.Officers[k], baseline.Scores[k], factors);
        }
        // Ties stay ties in the evaluation; on a page they are listed by staff id.
        return [.. scores.OrderByDescending(s => s.Probability).ThenBy(s => facts.Staff[s.Staff].Id, StringComparer.Ordinal)];
    }

    public static async Task WriteCsvAsync(TextWriter writer, RiskFacts facts, IReadOnlyList<RiskScore> ranked, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(ranked);
        await writer.WriteLineAsync(CsvHeader.AsMemory(), ct);
        var line = new StringBuilder();
        for (var i = 0; i < ranked.Count; i++)
        {
            var s = ranked[i];
            line.Clear();
            line.Append(Csv.Field(facts.Staff[s.Staff].Id)).Append(',')
                .Append(s.Probability.ToString("0.000000", CultureInfo.InvariantCulture)).Append(',')
                .Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(Csv.Field(string.Join("; ", s.Factors.Select(f => f.Words))));
            await writer.WriteLineAsync(line, ct);
        }
    }

    /// <summary>Risk facts straight from a PIF-1 bundle in memory (demo data, tests and the benchmark; no database).</summary>
    public static RiskFacts FactsFromBundle(PifBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var cases = bundle.Cases.ToDictionary(c => c.Id, StringComparer.Ordinal);
        return new RiskFacts
        {
            Staff = [.. bundle.Staff.Select(s => new RiskStaff(s.Id, s.DisplayName, s.StaffType, s.Rank, s.UnitId, s.JoinedOn, s.LeftOn, s.VettingLevel, s.VettingExpiresOn, s.Gender, s.Ethnicity))],
            Units = [.. bundle.Units.Select(u => new RiskUnit(u.Id, u.Name, u.Kind, u.ParentUnitId))],
            Allegations = [.. bundle.Allegations.Where(a => a.StaffId is not null && cases.ContainsKey(a.CaseId)).Select(a =>
            {
                var c = cases[a.CaseId];
                return new RiskAllegation(a.StaffId!, a.CaseId, c.CaseType, a.Category, c.ReceivedOn, a.Finding, a.FinalisedOn, c.LocationUnitId);
            })],
            Sanctions = [.. bundle.Sanctions.Select(s => new RiskSanction(s.StaffId, s.CaseId, s.Outcome, s.DecidedOn))],
            BusinessInterests = [.. bundle.BusinessInterests.Select(b => new RiskInterest(b.StaffId, b.InterestType, b.AppliedOn, b.Decision, b.DecidedOn))],
            Exposure = [.. bundle.Exposure.Select(x => new RiskExposure(x.StaffId, x.Month, x.HoursOnDuty, x.CallsAttended, x.Arrests, x.StopSearches, x.UsesOfForce))],
            Postings = [.. bundle.Postings.Select(p => new RiskPosting(p.StaffId, p.UnitId, p.FromDate, p.ToDate))],
        };
    }
}
