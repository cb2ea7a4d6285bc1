using System.Globalization;
using Probity.Kernel;
using Probity.Risk.Facts;

namespace Probity.Risk.Thresholds;

/// <summary>A rule that fired: who or what, how strongly, and why, in words and with the cases behind it.</summary>
internal sealed record RiskFlag(string RuleId, string RuleTitle, string Subject, string SubjectId, string SubjectName, string Level,
    double Value, double Threshold, string Explanation, IReadOnlyList<string> Evidence)
{
    /// <summary>A flag about an officer is never shown to that officer (need-to-know; flags about units are for everyone who reads risk).</summary>
    public bool VisibleTo(Probity.Kernel.CaseAccessScope reader) => Subject != "officer" || reader.MayReadAbout(SubjectId);
}

/// <summary>
/// Evaluates the threshold rules as at a date, over what was known by that date. Officers are serving officers,
/// units are the teams and boroughs staff are posted to, locations are the boroughs where matters arose.
/// </summary>
internal sealed class ThresholdEngine(ThresholdRuleSet rules)
{
    public IReadOnlyList<ThresholdRule> Rules => rules.Rules;

    public IReadOnlyList<RiskFlag> Evaluate(RiskFacts facts, DateOnly asOf)
    {
        var flags = new List<RiskFlag>();
        var officers = facts.Staff.Where(s => s.StaffType == "officer" && s.ServingOn(asOf)).ToList();
        var known = facts.Allegations.Where(a => a.ReceivedOn <= asOf).ToLookup(a => a.StaffId, StringComparer.Ordinal);
        var unitNames = facts.Units.ToDictionary(u => u.Id, u => u.Name, StringComparer.Ordinal);
        foreach (var rule in rules.Rules)
        {
            var from = asOf.AddDays(1).AddMonths(-rule.WindowMonths);
            bool InWindow(DateOnly d) => d >= from && d <= asOf;
            bool Matches(RiskAllegation a) =>
                (rule.Categories.Count == 0 || rule.Categories.Contains(a.Category)) && (rule.CaseTypes.Count == 0 || rule.CaseTypes.Contains(a.CaseType));
            var window = $"the {rule.WindowMonths} months to {asOf:d MMM yyyy}";
            switch (rule.Kind)
            {
                case "count":
                    foreach (var o in officers)
                    {
                        var hits = known[o.Id].Where(a => InWindow(a.ReceivedOn) && Matches(a)).ToList();
                        Officer(o, hits.Count, $"{Count(hits.Count, Noun(rule))} in {window}", hits.Select(a => a.CaseId));
                    }
                    break;
                case "repeat_category":
                    foreach (var o in officers)
                    {
                        var worst = known[o.Id].Where(a => InWindow(a.ReceivedOn) && Matches(a)).GroupBy(a => a.Category)
                            .OrderByDescending(g => g.Count()).FirstOrDefault();
                        if (worst is null) continue;
                        Officer(o, worst.Count(), $"{worst.Count()} allegations of {Vocabulary.Describe(worst.Key).ToLowerInvariant()} in {window}", worst.Select(a => a.CaseId));
                    }
                    break;
                case "substantiated":
                    foreach (var o in officers)
                    {
                        // A finding counts from the day it was reached, never earlier.
                        var hits = known[o.Id].Where(a => a.FindingOn(asOf) == "substantiated" && InWindow(a.FindingKnownOn!.Value) && Matches(a)).ToList();
                        Officer(o, hits.Count, $"{Count(hits.Count, "substantiated allegation")} finalised in {window}", hits.Select(a => a.CaseId));
                    }
                    break;
                case "interest_refused_then_suspected":
                    var refused = facts.BusinessInterests.Where(b => b.Decision == "refused" && b.DecidedOn is { } d && d <= asOf)
                        .GroupBy(b => b.StaffId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Min(b => b.DecidedOn!.Value), StringComparer.Ordinal);
                    foreach (var o in officers)
                    {
                        if (!refused.TryGetValue(o.Id, out var refusedOn)) continue;
                        var hits = known[o.Id].Where(a => a.ReceivedOn >= refusedOn && InWindow(a.ReceivedOn) && Matches(a)).ToList();
                        Officer(o, hits.Count, $"business interest refused on {refusedOn:d MMM yyyy}, then {Count(hits.Count, "allegation")} of business interest or corruption", hits.Select(a => a.CaseId));
                    }
                    break;
                case "vetting_lapsed":
                    foreach (var o in officers)
                    {
                        if (o.VettingExpiresOn is not { } expired || expired >= asOf) continue;
                        var days = asOf.DayNumber - expired.DayNumber;
                        Officer(o, days, $"{(o.VettingLevel ?? "vetting").ToUpperInvariant()} vetting expired on {expired:d MMM yyyy}, {days} days ago", []);
                    }
                    break;
                case "watch_list":
                    var byOfficer = officers.ToDictionary(o => o.Id, StringComparer.Ordinal);
                    foreach (var w in facts.WatchList.Where(w => w.Since <= asOf && (w.Until is null || w.Until > asOf)))
                        if (byOfficer.TryGetValue(w.StaffId, out var o))
                            Officer(o, 1, $"on the watch list since {w.Since:d MMM yyyy}: {w.Reason}", []);
                    break;
                case "top_percentile":
                    var counts = officers.Select(o => (Officer: o, Hits: known[o.Id].Where(a => InWindow(a.ReceivedOn) && Matches(a)).ToList()))
                        .Where(x => x.Hits.Count >= Math.Max(1, rule.Minimum)).OrderByDescending(x => x.Hits.Count).ToList();
                    foreach (var (o, hits) in counts)
                    {
                        // Percentile rank among all serving officers: the share with at least as many allegations.
                        var atLeast = counts.Count(x => x.Hits.Count >= hits.Count);
                        var percentile = 100.0 * atLeast / Math.Max(1, officers.Count);
                        var level = percentile <= rule.Critical ? "critical" : percentile <= rule.Warning ? "warning" : null;
                        if (level is null) continue;
                        flags.Add(new RiskFlag(rule.Id, rule.Title, "officer", o.Id, o.Name, level, Math.Round(percentile, 2), level == "critical" ? rule.Critical : rule.Warning,
                            $"{Count(hits.Count, "allegation")} in {window}: in the top {percentile.ToString("0.0", CultureInfo.InvariantCulture)}% of {officers.Count:N0} serving officers",
                            hits.Select(a => a.CaseId).Distinct().ToList()));
                    }
                    break;
                case "unit_rate":
                    var perUnit = officers.Where(o => o.UnitId is not null).GroupBy(o => o.UnitId!, StringComparer.Ordinal);
                    var totalHits = officers.Sum(o => known[o.Id].Count(a => InWindow(a.ReceivedOn) && Matches(a)));
                    var forceRate = officers.Count == 0 ? 0 : (double)totalHits / officers.Count;
                    foreach (var unit in perUnit)
                    {
                        var hits = unit.SelectMany(o => known[o.Id].Where(a => InWindow(a.ReceivedOn) && Matches(a))).ToList();
                        if (hits.Count < rule.Minimum || forceRate <= 0) continue;
                        var ratio = (double)hits.Count / unit.Count() / forceRate;
                        var name = unitNames.GetValueOrDefault(unit.Key, unit.Key);
                        Add("unit", unit.Key, name, ratio,
                            $"{hits.Count} allegations against its {unit.Count()} officers in {window}: {((double)hits.Count / unit.Count()).ToString("0.00", CultureInfo.InvariantCulture)} per officer, {ratio.ToString("0.0", CultureInfo.InvariantCulture)} times the force rate ({forceRate.ToString("0.00", CultureInfo.InvariantCulture)})",
                            hits.Select(a => a.CaseId));
                    }
                    break;
                case "rising":
                    var previousFrom = from.AddMonths(-rule.WindowMonths);
                    foreach (var place in facts.Allegations.Where(a => a.LocationUnitId is not null && Matches(a) && a.ReceivedOn >= previousFrom && a.ReceivedOn <= asOf)
                                 .GroupBy(a => a.LocationUnitId!, StringComparer.Ordinal))
                    {
                        var now = place.Where(a => a.ReceivedOn >= from).ToList();
                        var before = place.Count(a => a.ReceivedOn < from);
                        if (now.Count < rule.Minimum) continue;
                        var ratio = (double)now.Count / Math.Max(1, before);
                        Add("location", place.Key, unitNames.GetValueOrDefault(place.Key, place.Key), ratio,
                            $"{now.Count} in {window}, against {before} in the {rule.WindowMonths} months before ({ratio.ToString("0.0", CultureInfo.InvariantCulture)} times)",
                            now.Select(a => a.CaseId));
                    }
                    break;
            }

            // For officer counts the minimum applies to the count; ratio rules check their counts themselves.
            void Officer(RiskStaff o, double value, string explanation, IEnumerable<string> evidence)
            {
                if (value >= rule.Minimum) Add("officer", o.Id, o.Name, value, explanation, evidence);
            }

            void Add(string subject, string id, string name, double value, string explanation, IEnumerable<string> evidence)
            {
                var level = value >= rule.Critical ? "critical" : value >= rule.Warning ? "warning" : null;
                if (level is null) return;
                var threshold = level == "critical" ? rule.Critical : rule.Warning;
                flags.Add(new RiskFlag(rule.Id, rule.Title, subject, id, name, level, Math.Round(value, 2), threshold,
                    $"{explanation} ({level} at {threshold.ToString("0.##", CultureInfo.InvariantCulture)})", evidence.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()));
            }
        }
        return flags.OrderBy(f => f.Level == "critical" ? 0 : 1).ThenBy(f => f.Subject, StringComparer.Ordinal).ThenByDescending(f => f.Value).ThenBy(f => f.SubjectId, StringComparer.Ordinal).ToList();
    }

    private static string Noun(ThresholdRule rule) =>
        rule.CaseTypes.Count > 0 && rule.CaseTypes.All(t => t is "civil_claim") ? "civil claim"
        : rule.CaseTypes.Count > 0 && rule.CaseTypes.All(t => t is "employment_tribunal" or "grievance") ? "tribunal or grievance"
        : rule.Categories.Count > 0 ? "allegation of " + (rule.Categories.Count == 1 ? Vocabulary.Describe(rule.Categories[0]).ToLowerInvariant() : rule.Title.ToLowerInvariant().Replace("allegations of ", "", StringComparison.Ordinal))
        : "complaint or conduct allegation";

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {Plural(noun)}";

    private static string Plural(string noun) =>
        noun.StartsWith("allegation of ", StringComparison.Ordinal) ? "allegations of " + noun["allegation of ".Length..]
        : noun.EndsWith("allegation", StringComparison.Ordinal) ? noun + "s"
        : noun.EndsWith("grievance", StringComparison.Ordinal) ? noun.Replace("tribunal or grievance", "tribunals or grievances", StringComparison.Ordinal)
        : noun + "s";
}
