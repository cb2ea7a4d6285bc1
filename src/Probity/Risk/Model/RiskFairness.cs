using Probity.Risk.Facts;

namespace Probity.Risk.Model;

/// <summary>How often one group is selected (flagged, or in the top of a ranking), against everyone else serving.</summary>
/// <param name="Rate">Share of the group selected, with its 95% Wilson interval.</param>
/// <param name="RatioToOthers">The group's rate over the rate among all other serving officers, with its 95% (Katz log) interval.</param>
/// <param name="LargeDisparity">The ratio is outside 0.8–1.25 and its interval excludes 1: shown as a large disparity.</param>
internal sealed record GroupRate(string Selection, int Selected, Estimate Rate, Estimate RatioToOthers, bool LargeDisparity);

/// <param name="Dimension">ethnicity | gender | length of service.</param>
/// <param name="Share">The group's share of the serving officers.</param>
/// <param name="Outcome">The group's rate of adverse outcomes (evaluations only), for context: a disparity in flags that
/// follows a disparity in outcomes is not the same as one that does not.</param>
/// <param name="Withheld">The group is too small to show its rates (<see cref="RiskFairness.MinGroupSize"/>): they are left out, as are
/// enough other groups' that the rest of the table cannot give them away.</param>
internal sealed record FairnessGroup(string Dimension, string Group, int Officers, double Share, GroupRate? Outcome, IReadOnlyList<GroupRate> Rates, bool Withheld = false);

internal sealed record FairnessReport(IReadOnlyList<string> Selections, IReadOnlyList<FairnessGroup> Groups)
{
    public bool AnyLargeDisparity => Groups.Any(g => g.Rates.Any(r => r.LargeDisparity));

    public const string Note = "Serving officers by group: the share of each group flagged or ranked at the top, against all other serving officers, with 95% intervals. " +
        "A ratio outside 0.8–1.25 whose interval excludes 1 is marked as a large disparity. The outcome rate is given so a disparity can be read against " +
        "the groups' recorded outcomes; recorded outcomes can themselves carry the disparities of how complaints are made and investigated. " +
        "The rates of a group of fewer than 10 officers are not shown (nor those of enough other groups that they cannot be worked out): in so small a group a rate names people.";
}

/// <summary>
/// Strand 3 of the strategy (disproportionality): flag and score rates by ethnicity, gender and length of service, against
/// the serving population, with intervals. Computed for every evaluation (pooled over its folds) and for the model page.
/// </summary>
internal static class RiskFairness
{
    public const string Ethnicity = "ethnicity", Gender = "gender", Service = "length of service";

    /// <summary>
    /// The fewest officers a group's rates are shown for. In a smaller group a rate names people: the one officer of a group
    /// learns from "100% flagged" that they are flagged, which the flags themselves never show them (need-to-know).
    /// </summary>
    public const int MinGroupSize = 10;

    /// <param name="people">Each row's member of staff and the date they were serving on (for length of service).</param>
    /// <param name="selections">Named selections, one flag per row (flagged by the triggers, in the top k of a ranking ...).</param>
    /// <param name="outcomes">Each row's adverse outcome, or null where outcomes are not known (the model page).</param>
    public static FairnessReport Compute(IReadOnlyList<(RiskStaff Staff, DateOnly On)> people, IReadOnlyList<(string Name, bool[] Selected)> selections, bool[]? outcomes)
    {
        ArgumentNullException.ThrowIfNull(people);
        ArgumentNullException.ThrowIfNull(selections);
        var groups = new List<FairnessGroup>();
        var n = people.Count;
        foreach (var (dimension, groupOf) in new (string, Func<RiskStaff, DateOnly, string>)[]
                 { (Ethnicity, (s, _) => EthnicGroup(s.Ethnicity)), (Gender, (s, _) => GenderGroup(s.Gender)), (Service, ServiceBand) })
        {
            var keys = new string[n];
            for (var i = 0; i < n; i++) keys[i] = groupOf(people[i].Staff, people[i].On);
            var sizes = keys.GroupBy(k => k, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var withheld = Withhold(sizes);
            foreach (var group in sizes.Keys.OrderBy(g => Array.IndexOf(ServiceBands, g)).ThenBy(g => g == "not recorded").ThenBy(g => g, StringComparer.Ordinal))
            {
                var inGroup = keys.Select(k => k == group).ToArray();
                var size = sizes[group];
                var share = n == 0 ? 0 : (double)size / n;
                if (withheld.Contains(group))
                {
                    groups.Add(new FairnessGroup(dimension, group, size, share, outcomes is null ? null : Hidden("adverse outcome"), [.. selections.Select(s => Hidden(s.Name))], Withheld: true));
                    continue;
                }
                var rates = selections.Select(s => Rate(s.Name, inGroup, s.Selected)).ToList();
                groups.Add(new FairnessGroup(dimension, group, size, share, outcomes is null ? null : Rate("adverse outcome", inGroup, outcomes) with { LargeDisparity = false }, rates));
            }
        }
        return new FairnessReport([.. selections.Select(s => s.Name)], groups);
    }

    /// <summary>
    /// The groups of one dimension whose rates are not shown: those under <see cref="MinGroupSize"/>, and then the smallest
    /// others until the withheld groups number two or more and hold at least that many officers between them, since a
    /// dimension's shown rates and the total selected give away what the withheld groups hold together.
    /// </summary>
    private static HashSet<string> Withhold(Dictionary<string, int> sizes)
    {
        var withheld = sizes.Where(g => g.Value < MinGroupSize).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        if (withheld.Count == 0) return withheld;
        foreach (var (group, _) in sizes.Where(g => !withheld.Contains(g.Key)).OrderBy(g => g.Value).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            if (withheld.Count >= 2 && withheld.Sum(g => sizes[g]) >= MinGroupSize) break;
            withheld.Add(group);
        }
        return withheld;
    }

    private static GroupRate Hidden(string name) => new(name, 0, new Estimate(double.NaN, double.NaN, double.NaN), new Estimate(double.NaN, double.NaN, double.NaN), false);

    private static GroupRate Rate(string name, bool[] inGroup, bool[] selected)
    {
        int a = 0, n1 = 0, c = 0, n2 = 0;
        for (var i = 0; i < inGroup.Length; i++)
        {
            if (inGroup[i]) { n1++; if (selected[i]) a++; }
            else { n2++; if (selected[i]) c++; }
        }
        var rate = Wilson(a, n1);
        var ratio = RateRatio(a, n1, c, n2);
        var large = double.IsFinite(ratio.Value) && (ratio.Value >= 1.25 || ratio.Value <= 0.8) && (ratio.Above(1) || ratio.Below(1));
        return new GroupRate(name, a, rate, ratio, large);
    }

    /// <summary>Wilson score interval for a proportion k/n (95%).</summary>
    public static Estimate Wilson(int k, int n)
    {
        if (n == 0) return new Estimate(double.NaN, double.NaN, double.NaN);
        const double z = 1.959963984540054;
        var p = (double)k / n;
        var denominator = 1 + z * z / n;
        var centre = (p + z * z / (2 * n)) / denominator;
        var half = z * Math.Sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / denominator;
        return new Estimate(p, Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    /// <summary>Ratio of two proportions (a/n1) / (c/n2) with the Katz log interval (95%); half a count added when a cell is empty.</summary>
    public static Estimate RateRatio(int a, int n1, int c, int n2)
    {
        if (n1 == 0 || n2 == 0) return new Estimate(double.NaN, double.NaN, double.NaN);
        if (a == 0 && c == 0) return new Estimate(double.NaN, double.NaN, double.NaN);
        var ratio = (double)a / n1 / ((double)c / n2);
        double aa = a, cc = c, m1 = n1, m2 = n2;
        if (a == 0 || c == 0) { aa += 0.5; cc += 0.5; m1 += 0.5; m2 += 0.5; }
        var logRatio = Math.Log(aa / m1 / (cc / m2));
        var se = Math.Sqrt(1 / aa - 1 / m1 + 1 / cc - 1 / m2);
        const double z = 1.959963984540054;
        return new Estimate(ratio, Math.Exp(logRatio - z * se), Math.Exp(logRatio + z * se));
    }

    /// <summary>The broad group of a PIF-1 ethnicity code (census codes a1..w9 fold into their group).</summary>
    public static string EthnicGroup(string? code) => code switch
    {
        null or "" or "not_stated" => "not recorded",
        "white" or "black" or "asian" or "mixed" or "other" => code,
        _ => code[0] switch { 'w' => "white", 'b' => "black", 'a' => "asian", 'm' => "mixed", 'o' => "other", _ => "not recorded" },
    };

    public static string GenderGroup(string? code) => code is null or "" or "not_stated" ? "not recorded" : code;

    /// <summary>Length of service on a date, in bands.</summary>
    public static string ServiceBand(RiskStaff staff, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(staff);
        if (staff.JoinedOn is not { } joined || joined > on) return "not recorded";
        var years = (on.DayNumber - joined.DayNumber) / 365.25;
        return ServiceBands[years switch { < 2 => 0, < 5 => 1, < 10 => 2, < 20 => 3, _ => 4 }];
    }

    private static readonly string[] ServiceBands = ["under 2 years", "2 to 5 years", "5 to 10 years", "10 to 20 years", "20 years or more"];
}
