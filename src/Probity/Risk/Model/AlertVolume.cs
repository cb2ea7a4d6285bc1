namespace Probity.Risk.Model;

/// <summary>
/// A ranking of one population, as groups of equal score in descending order. Simple count rules tie a great deal (hundreds
/// of officers with two allegations), so the top k is taken with the boundary group shared out evenly: the expected result of
/// breaking ties at random, which favours no ranking (the model's scores rarely tie; a count's do).
/// </summary>
internal sealed class RankedGroups
{
    private readonly int[] _order;
    private readonly int[] _groupEnd;

    private RankedGroups(int[] order, int[] groupEnd)
    {
        _order = order;
        _groupEnd = groupEnd;
    }

    public int Count => _order.Length;

    public static RankedGroups From(IReadOnlyList<double> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var order = Enumerable.Range(0, scores.Count).ToArray();
        Array.Sort(order, (a, b) => scores[b].CompareTo(scores[a]) is var c && c != 0 ? c : a.CompareTo(b));
        var ends = new List<int>();
        for (var i = 0; i < order.Length; i++)
            if (i + 1 == order.Length || !scores[order[i + 1]].Equals(scores[order[i]])) ends.Add(i + 1);
        return new RankedGroups(order, [.. ends]);
    }

    /// <summary>
    /// Expected true positives among the top <paramref name="k"/> (which may be fractional under bootstrap weights): every
    /// group wholly inside counts in full, the group the boundary cuts through counts in proportion.
    /// </summary>
    /// <param name="weights">How many times each member counts (a bootstrap replicate); null = once each.</param>
    public double TruePositivesAt(double k, IReadOnlyList<bool> labels, double[]? weights = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (k <= 0) return 0;
        double taken = 0, tp = 0;
        var start = 0;
        foreach (var end in _groupEnd)
        {
            double w = 0, p = 0;
            for (var i = start; i < end; i++)
            {
                var member = _order[i];
                var wi = weights is null ? 1 : weights[member];
                w += wi;
                if (labels[member]) p += wi;
            }
            start = end;
            if (w == 0) continue;
            if (taken + w <= k)
            {
                taken += w;
                tp += p;
                if (taken >= k) break;
                continue;
            }
            tp += p * (k - taken) / w;
            break;
        }
        return tp;
    }
}

/// <summary>A figure with its 95% bootstrap interval (percentile method).</summary>
internal sealed record Estimate(double Value, double Low, double High)
{
    public static Estimate From(double value, List<double> replicates)
    {
        ArgumentNullException.ThrowIfNull(replicates);
        var finite = replicates.Where(double.IsFinite).Order().ToList();
        if (finite.Count == 0) return new Estimate(value, double.NaN, double.NaN);
        return new Estimate(value, Percentile(finite, 0.025), Percentile(finite, 0.975));
    }

    /// <summary>Linear interpolation between closest ranks, on sorted values.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double q)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0) return double.NaN;
        var pos = q * (sorted.Count - 1);
        var lo = (int)Math.Floor(pos);
        var hi = Math.Min(sorted.Count - 1, lo + 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    /// <summary>Whether the whole interval lies above 1 (a ratio reliably better), below 1, or straddles it.</summary>
    public bool Above(double x) => double.IsFinite(Low) && Low > x;
    public bool Below(double x) => double.IsFinite(High) && High < x;
}

/// <summary>Bootstrap weights: resampling n members with replacement, as counts per member; reproducible by seed.</summary>
internal static class Bootstrap
{
    public static void Draw(Random rng, double[] weights)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentNullException.ThrowIfNull(weights);
        Array.Clear(weights);
        for (var i = 0; i < weights.Length; i++) weights[rng.Next(weights.Length)]++;
    }
}
