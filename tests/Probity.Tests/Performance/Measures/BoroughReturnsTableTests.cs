using Probity.Kernel;
using Probity.Performance.Facts;
using Probity.Performance.Report;
using static Probity.Tests.Performance.Measures.Pmf;

namespace Probity.Tests.Performance.Measures;

/// <summary>
/// The boroughs' monthly returns in the PMF (ADR 0026 addendum): summed over the months beginning in the period, per
/// borough in the unit's subtree, by name; a reader kept to a borough reads its own row only.
/// </summary>
public sealed class BoroughReturnsTableTests
{
    // met ─ tp (business group) ─┬─ camden (borough)
    //                            └─ westminster (borough)
    //       dps (directorate)
    private static PerformanceFacts Facts()
    {
        var f = new FactsBuilder();
        f.Unit("met", "other").Unit("tp", "business_group", "met").Unit("camden", "borough", "tp", "Camden").Unit("westminster", "borough", "tp", "Westminster")
         .Unit("dps", "directorate", "met");
        // Q4 2009/10 is January to March 2010: Camden returned January and March; Westminster all three; December and April are outside.
        f.BoroughReturns.AddRange([
            new BoroughReturnFact("camden", 2009, 12, 50, 50, 50),
            new BoroughReturnFact("camden", 2010, 1, 3, 1, 4),
            new BoroughReturnFact("camden", 2010, 3, 2, 0, 5),
            new BoroughReturnFact("westminster", 2010, 1, 1, 1, 1),
            new BoroughReturnFact("westminster", 2010, 2, 1, 1, 1),
            new BoroughReturnFact("westminster", 2010, 3, 1, 1, 1),
            new BoroughReturnFact("westminster", 2010, 4, 70, 70, 70),
        ]);
        return f.Build();
    }

    private static IReadOnlyList<IReadOnlyList<string>> Rows(string? unit = null, CaseAccessScope? reader = null) =>
        TableText.Rows(Calculator().Compute(Facts(), Q4, unit, withTrend: false, reader: reader).Tables.Single(t => t.Key == "borough_returns"));

    [Fact]
    public void Each_borough_by_name_with_the_periods_sums_and_the_months_it_returned()
    {
        Assert.Equal(
            [["Camden", "5", "1", "9", "2", "3"], ["Westminster", "3", "3", "3", "3", "3"]],
            Rows().Select(r => r.ToArray()).ToArray());
    }

    [Fact]
    public void A_unit_shows_the_boroughs_below_it_only()
    {
        Assert.Equal(["Camden"], Rows("camden").Select(r => r[0]));
        Assert.Empty(Rows("dps"));
    }

    [Fact]
    public void A_reader_kept_to_a_borough_reads_its_own_row_only_and_one_kept_to_none_reads_none()
    {
        var kept = new CaseAccessScope("senior-camden", false, false, ["senior-camden"], Borough: "westminster");
        Assert.Equal(["Westminster"], Rows(reader: kept).Select(r => r[0]));
        Assert.Empty(Rows(reader: kept with { Borough = CaseAccessScope.NoBorough }));
        // The platform and unscoped readers read every borough.
        Assert.Equal(2, Rows(reader: CaseAccessScope.System).Count);
        Assert.Equal(2, Rows(reader: new CaseAccessScope("senior", false, false, ["senior"])).Count);
    }
}
