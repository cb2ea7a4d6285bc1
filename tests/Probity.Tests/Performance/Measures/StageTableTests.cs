using Probity.Performance.Report;
using static Probity.Tests.Performance.Measures.Pmf;

namespace Probity.Tests.Performance.Measures;

public sealed class StageTableTests
{
    [Fact]
    public void Each_stage_shows_mean_median_and_90th_percentile_in_working_days()
    {
        // Q4 2009/10 = 1 Jan – 31 Mar 2010. Three complaints, all stages inside the quarter, no bank holidays between
        // 4 Jan and 31 Mar 2010 (Good Friday is 2 April):
        //   A: received Mon 4 Jan, recorded Tue 5 Jan (1), decided Thu 7 Jan (2), finalised Thu 14 Jan (5) → receipt to finalisation 8
        //   B: received Mon 4 Jan, recorded Mon 11 Jan (5), decided Mon 18 Jan (5), finalised Mon 25 Jan (5) → 15
        //   C: received Mon 4 Jan, recorded Mon 4 Jan (0), decided Tue 5 Jan (1), finalised Mon 1 Mar (39) → 40
        var b = new FactsBuilder();
        b.Case("A", D(2010, 1, 4), D(2010, 1, 5), D(2010, 1, 7), D(2010, 1, 14), "local_resolution");
        b.Case("B", D(2010, 1, 4), D(2010, 1, 11), D(2010, 1, 18), D(2010, 1, 25), "local_investigation");
        b.Case("C", D(2010, 1, 4), D(2010, 1, 4), D(2010, 1, 5), D(2010, 3, 1), "local_investigation");
        b.Case("claim", D(2010, 1, 4), D(2010, 1, 4), null, D(2010, 1, 6), type: "civil_claim"); // not a handled type: excluded

        var table = Calculator().Compute(b.Build(), Q4, withTrend: false).Tables.Single(t => t.Key == "stages");
        var rows = TableText.Rows(table);

        Assert.Equal(["Receipt to recording", "3", "2.0", "1.0", "4.2"], rows[0]);               // [1,5,0]: mean 2, median 1, p90 0.2*... = 1+0.8*4 = 4.2
        Assert.Equal(["Recording to handling decision", "3", "2.7", "2.0", "4.4"], rows[1]);     // [2,5,1]: mean 2.67, median 2, p90 2+0.8*3 = 4.4
        Assert.Equal(["Handling decision to finalisation", "3", "16.3", "5.0", "32.2"], rows[2]); // [5,5,39]: mean 16.33, p90 5+0.8*34 = 32.2
        Assert.Equal(["Receipt to finalisation", "3", "21.0", "15.0", "35.0"], rows[3]);         // [8,15,40]: mean 21, p90 15+0.8*25 = 35
    }
}
