using System.Diagnostics;
using Probity.DemoForce;

namespace Probity.Tests.DemoForce;

public sealed class ScratchStats
{
    [Fact]
    public void Stats()
    {
        var msg = new System.Text.StringBuilder();
        foreach (var (until, years, seed) in new[] { (new DateOnly(2026, 11, 23), 2, 20081201), (new DateOnly(2010, 12, 31), 2, 7), (new DateOnly(2021, 6, 30), 3, 11), (new DateOnly(2026, 11, 23), 10, 20081201) })
        {
            var sw = Stopwatch.StartNew();
            var b = DemoForceGenerator.Generate(new DemoForceOptions(seed, until, years));
            var t = sw.ElapsedMilliseconds;
            var pc = b.Cases.Where(c => c.CaseType == "public_complaint" && c.FinalisedOn != null).ToList();
            var mean = pc.Average(c => c.FinalisedOn!.Value.DayNumber - c.ReceivedOn.DayNumber);
            var old = pc.Where(c => c.ReceivedOn < until.AddYears(-1)).Average(c => c.FinalisedOn!.Value.DayNumber - c.ReceivedOn.DayNumber);
            var lr = pc.Where(c => c.HandlingRoute is "local_resolution" or "otherwise_than_by_investigation").Average(c => c.FinalisedOn!.Value.DayNumber - c.ReceivedOn.DayNumber);
            var all = b.Cases.Where(c => c.CaseType == "public_complaint").ToList();
            double Sh(Func<Probity.Cases.Case, bool> f) => all.Count(f) / (double)all.Count;
            msg.Append($"{until} {years}y: {t}ms cases {b.Cases.Count} alleg {b.Allegations.Count} mean {mean:F1} old {old:F1} lr {lr:F1} cst {Sh(c => c.HandlingUnitId == "cst"):P1} bsu {Sh(c => c.HandlingUnitId!.StartsWith("bsu", StringComparison.Ordinal)):P1} sanctions {b.Sanctions.Count} appeals {b.Appeals.Count}\n");
        }
        Assert.Fail(msg.ToString());
    }
}
