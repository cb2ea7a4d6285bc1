using Probity.Risk.Model;

namespace Probity.Tests.Risk.Model;

public sealed class RiskEvaluationTests
{
    [Fact]
    public void Auc_of_perfect_reversed_and_tied_rankings()
    {
        bool[] labels = [true, true, false, false, false];
        Assert.Equal(1.0, RiskEvaluation.Auc([0.9, 0.8, 0.3, 0.2, 0.1], labels), 6);
        Assert.Equal(0.0, RiskEvaluation.Auc([0.1, 0.2, 0.3, 0.8, 0.9], labels), 6);
        Assert.Equal(0.5, RiskEvaluation.Auc([1, 1, 1, 1, 1], labels), 6);
        Assert.Equal(5.0 / 6, RiskEvaluation.Auc([0.9, 0.5, 0.6, 0.2, 0.1], labels), 6);
    }

    [Fact]
    public void Precision_and_recall_at_top_k()
    {
        var scores = Enumerable.Range(0, 200).Select(i => 200.0 - i).ToArray();
        var labels = Enumerable.Range(0, 200).Select(i => i % 2 == 0 && i < 20).ToArray(); // 10 positives in the top 20
        var m = RiskEvaluation.Metrics(scores, labels);
        var top1 = m.AtK[0]; // 1% of 200 = 2
        Assert.Equal(2, top1.K);
        Assert.Equal(1, top1.TruePositives);
        Assert.Equal(0.5, top1.Precision, 6);
        Assert.Equal(0.1, top1.Recall, 6);
        var top5 = m.AtK[2]; // 10
        Assert.Equal(5, top5.TruePositives);
        var top100 = m.AtK[3];
        Assert.Equal(100, top100.K);
        Assert.Equal(1.0, top100.Recall, 6);
        Assert.Equal(0.1, top100.Precision, 6);
    }
}
