using System.Text;
using Probity.Risk.Model;
using Probity.Risk.Thresholds;
using F = Probity.Risk.Model.RiskFeatures;

namespace Probity.Tests.Risk.Model;

public sealed class ConfiguredTriggersBaselineTests
{
    private static readonly DateOnly T = new(2024, 6, 30);

    [Fact]
    public void The_configured_triggers_rank_critical_before_warning_before_unflagged_and_count_who_they_flag()
    {
        const string rules = """{ "rules": [ { "id": "c", "title": "Complaints", "subject": "officer", "kind": "count", "windowMonths": 12, "warning": 2, "critical": 3 } ] }""";
        var engine = new ThresholdEngine(ThresholdRuleSet.Parse(new MemoryStream(Encoding.UTF8.GetBytes(rules)), "test"));
        var b = new RiskTestFacts().Officer("crit").Officer("warn").Officer("one").Officer("none");
        for (var i = 0; i < 3; i++) b.Allegation("crit", T.AddMonths(-1 - i));
        for (var i = 0; i < 2; i++) b.Allegation("warn", T.AddMonths(-1 - i));
        b.Allegation("one", T.AddMonths(-1));
        var facts = b.Build();
        var snapshot = new F(facts).Build(T);

        var (scores, flagged) = ConfiguredTriggersBaseline.For(engine, facts)(snapshot);

        Assert.Equal(2, flagged.Count(f => f));
        double Score(string id) => scores[Array.IndexOf(snapshot.Officers, facts.StaffIndex[id])];
        Assert.True(Score("crit") > Score("warn"));
        Assert.True(Score("warn") > Score("one"));
        Assert.True(Score("one") > Score("none")); // unflagged officers are still ordered by complaints, for top-k beyond the flags
    }
}
