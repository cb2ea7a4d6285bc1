using Probity.Performance.Measures;

namespace Probity.Tests.Performance.Measures;

public sealed class StatisticsTests
{
    [Fact]
    public void Percentile_follows_R7()
    {
        // rank = 0.9 × (4 − 1) = 2.7: 3 + 0.7 × (4 − 3) = 3.7.
        Assert.Equal(3.7, Statistics.Percentile([1, 2, 3, 4], 0.9)!.Value, 12);
        Assert.Equal(1, Statistics.Percentile([4, 3, 2, 1], 0));
        Assert.Equal(4, Statistics.Percentile([4, 3, 2, 1], 1));
        Assert.Equal(5, Statistics.Percentile([5], 0.9));
        Assert.Null(Statistics.Percentile([], 0.5));
    }

    [Fact]
    public void Median_of_an_even_count_is_the_mean_of_the_middle_two()
    {
        // Sorted [1, 3, 7, 10]: rank 1.5 → 3 + 0.5 × (7 − 3) = 5.
        Assert.Equal(5, Statistics.Percentile([7, 1, 10, 3], 0.5));
        Assert.Equal(2.5, Statistics.Percentile([1, 2, 3, 4], 0.5));
    }

    [Fact]
    public void Mean_and_sample_variance()
    {
        // [2, 4, 4, 4, 5, 5, 7, 9]: mean 5; squared deviations 9+1+1+1+0+0+4+16 = 32; / 7 = 4.571.
        Assert.Equal(5, Statistics.Mean([2, 4, 4, 4, 5, 5, 7, 9]));
        Assert.Equal(32.0 / 7, Statistics.Variance([2, 4, 4, 4, 5, 5, 7, 9])!.Value, 12);
        Assert.Null(Statistics.Variance([3]));
        Assert.Null(Statistics.Mean([]));
    }

    [Fact]
    public void Wilson_of_none_starts_at_zero_and_of_all_ends_at_one()
    {
        var (low, high) = Statistics.Wilson(0, 250);
        Assert.Equal(0, low, 12);
        Assert.Equal(3.8415 / 253.8415, high, 5); // z² / (n + z²)
        var (low2, high2) = Statistics.Wilson(10, 10);
        Assert.Equal(1, high2, 12);
        Assert.Equal(0.7225, low2, 4);
        Assert.Equal((0.0, 0.0), Statistics.Wilson(0, 0));
    }

    [Fact]
    public void Z_tests_need_data()
    {
        Assert.Null(Statistics.CountZ(0, 0));
        Assert.Null(Statistics.ProportionZ(1, 0, 1, 10));
        Assert.Null(Statistics.ProportionZ(0, 10, 0, 10)); // pooled 0: no variance
        Assert.Null(Statistics.MeanZ(10, 4, 1, 12, 4, 10)); // one case
    }
}
