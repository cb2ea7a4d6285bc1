namespace Probity.DemoForce;

/// <summary>Chooses an index with probability proportional to its weight: cumulative weights and a binary search, no allocation per draw.</summary>
internal sealed class WeightedPicker
{
    private readonly double[] _cumulative;

    public WeightedPicker(ReadOnlySpan<double> weights)
    {
        if (weights.IsEmpty) throw new ArgumentException("No weights.", nameof(weights));
        _cumulative = new double[weights.Length];
        double sum = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += Math.Max(0, weights[i]);
            _cumulative[i] = sum;
        }
        if (sum <= 0) throw new ArgumentException("At least one weight must be positive.", nameof(weights));
        Total = sum;
    }

    public double Total { get; }

    public int Next(Random rng)
    {
        var x = rng.NextDouble() * Total;
        int lo = 0, hi = _cumulative.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_cumulative[mid] > x) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }
}

/// <summary>A weighted choice among items.</summary>
internal sealed class Choice<T>
{
    private readonly T[] _items;
    private readonly WeightedPicker _picker;

    public Choice(params (T Item, double Weight)[] options)
    {
        _items = new T[options.Length];
        var weights = new double[options.Length];
        for (var i = 0; i < options.Length; i++)
        {
            _items[i] = options[i].Item;
            weights[i] = options[i].Weight;
        }
        _picker = new WeightedPicker(weights);
    }

    public Choice(T[] items, ReadOnlySpan<double> weights)
    {
        if (items.Length != weights.Length) throw new ArgumentException("One weight per item.", nameof(weights));
        _items = items;
        _picker = new WeightedPicker(weights);
    }

    public T Next(Random rng) => _items[_picker.Next(rng)];
}

internal static class DemoRandom
{
    public static bool Chance(this Random rng, double p) => rng.NextDouble() < p;

    public static T Pick<T>(this Random rng, T[] items) => items[rng.Next(items.Length)];

    /// <summary>Standard normal deviate (Box-Muller).</summary>
    public static double Gaussian(this Random rng)
    {
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>A log-normal deviate with the given mean and shape (sigma of the underlying normal).</summary>
    public static double LogNormal(this Random rng, double mean, double sigma) =>
        Math.Exp(Math.Log(mean) - sigma * sigma / 2 + sigma * rng.Gaussian());

    public static double Exponential(this Random rng, double mean) => -mean * Math.Log(1.0 - rng.NextDouble());

    public static int Poisson(this Random rng, double lambda)
    {
        if (lambda <= 0) return 0;
        if (lambda > 30) return Math.Max(0, (int)Math.Round(lambda + Math.Sqrt(lambda) * rng.Gaussian()));
        var limit = Math.Exp(-lambda);
        var k = 0;
        var p = rng.NextDouble();
        while (p > limit)
        {
            k++;
            p *= rng.NextDouble();
        }
        return k;
    }

    /// <summary>A separate, reproducible stream for one part of the generation, so that parts do not disturb each other.</summary>
    public static Random Stream(int seed, int part) => new(unchecked(seed * 1_000_003 + part * 7_919));

    /// <summary>Moves a Saturday or Sunday to the following Monday (offices record and decide on working days).</summary>
    public static DateOnly Weekday(DateOnly d) => d.DayOfWeek switch
    {
        DayOfWeek.Saturday => d.AddDays(2),
        DayOfWeek.Sunday => d.AddDays(1),
        _ => d,
    };
}
