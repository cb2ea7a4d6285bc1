namespace Probity.Performance.Measures;

/// <summary>The few statistics the framework needs, written out so their definitions are inspectable.</summary>
internal static class Statistics
{
    public const double Z95 = 1.959963984540054;

    public static double? Mean(IReadOnlyList<int> values) => values.Count == 0 ? null : values.Average();

    /// <summary>Percentile by linear interpolation between closest ranks (the "R-7"/Excel PERCENTILE.INC rule).</summary>
    public static double? Percentile(IReadOnlyList<int> values, double p)
    {
        if (values.Count == 0) return null;
        var sorted = values.Order().ToArray();
        var rank = p * (sorted.Length - 1);
        var lo = (int)Math.Floor(rank);
        var hi = (int)Math.Ceiling(rank);
        return sorted[lo] + (rank - lo) * (sorted[hi] - sorted[lo]);
    }

    public static double? Variance(IReadOnlyList<int> values)
    {
        if (values.Count < 2) return null;
        var mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
    }

    /// <summary>Wilson score interval for a proportion k/n (95%).</summary>
    public static (double Low, double High) Wilson(long k, long n)
    {
        if (n <= 0) return (0, 0);
        double p = (double)k / n, z2 = Z95 * Z95;
        var centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        var half = Z95 * Math.Sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    /// <summary>z for the change between two counts treated as Poisson: (a − b) / √(a + b).</summary>
    public static double? CountZ(double current, double previous) =>
        current + previous <= 0 ? null : (current - previous) / Math.Sqrt(current + previous);

    /// <summary>Two-proportion z test with a pooled proportion.</summary>
    public static double? ProportionZ(long k1, long n1, long k0, long n0)
    {
        if (n1 <= 0 || n0 <= 0) return null;
        var pooled = (double)(k1 + k0) / (n1 + n0);
        var se = Math.Sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n0));
        return se <= 0 ? null : ((double)k1 / n1 - (double)k0 / n0) / se;
    }

    /// <summary>Welch's z for a difference of means (large samples).</summary>
    public static double? MeanZ(double m1, double? v1, int n1, double m0, double? v0, int n0)
    {
        if (n1 < 2 || n0 < 2 || v1 is null || v0 is null) return null;
        var se = Math.Sqrt(v1.Value / n1 + v0.Value / n0);
        return se <= 0 ? null : (m1 - m0) / se;
    }
}
