using System.Diagnostics;
using Probity.DemoForce;

namespace Probity.Tests.DemoForce;

public sealed class ScratchStats
{
    [Fact]
    public void Stats()
    {
        var msg = new System.Text.StringBuilder();
        foreach (var (scale, years) in new[] { (1, 10), (1, 10), (10, 10), (10, 10) })
        {
            GC.Collect();
            var pause = GC.GetTotalPauseDuration();
            var g2 = GC.CollectionCount(2);
            var sw = Stopwatch.StartNew();
            var b = DemoForceGenerator.Generate(new DemoForceOptions(Until: new DateOnly(2026, 11, 23), Years: years, Scale: scale));
            msg.Append($"scale {scale} years {years}: {sw.ElapsedMilliseconds} ms, gc pause {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds} ms gen2 {GC.CollectionCount(2) - g2}, staff {b.Staff.Count} cases {b.Cases.Count} allegations {b.Allegations.Count}\n");
        }
        Assert.Fail(msg.ToString());
    }
}
