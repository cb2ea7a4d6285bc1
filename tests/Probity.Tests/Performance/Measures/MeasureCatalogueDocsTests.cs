using Probity.Performance.Measures;

namespace Probity.Tests.Performance.Measures;

public sealed class MeasureCatalogueDocsTests
{
    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Probity.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} contains Probity.slnx");
    }

    [Fact]
    public void Docs_performance_measures_md_is_the_catalogue()
    {
        var path = Path.Combine(RepoRoot(), "docs", "performance-measures.md");
        var expected = MeasureCatalogue.ToMarkdown();
        var actual = File.Exists(path) ? File.ReadAllText(path) : "(missing)";
        Assert.True(expected == actual,
            $"{path} differs from MeasureCatalogue.ToMarkdown(). Regenerate it from the code (the catalogue is the source): " +
            "write MeasureCatalogue.ToMarkdown() to docs/performance-measures.md byte for byte (LF line endings, UTF-8 without BOM), " +
            "e.g. with a throwaway test calling File.WriteAllText(path, MeasureCatalogue.ToMarkdown()); do not edit the file by hand.");
    }

    [Fact]
    public void Every_measure_key_is_unique_and_in_the_markdown()
    {
        Assert.Equal(MeasureCatalogue.All.Count, MeasureCatalogue.All.Select(m => m.Key).Distinct().Count());
        var md = MeasureCatalogue.ToMarkdown();
        Assert.All(MeasureCatalogue.All, m => Assert.Contains($"| `{m.Key}` | {m.Title} |", md, StringComparison.Ordinal));
    }

    [Fact]
    public void The_calculator_computes_every_catalogued_measure()
    {
        var f = new FactsBuilder();
        f.Case("A", new DateOnly(2010, 1, 4), finalised: new DateOnly(2010, 1, 5), route: "local_resolution");
        var r = Pmf.Calculator().Compute(f.Build(), Pmf.Q4, withTrend: true);
        Assert.Equal(MeasureCatalogue.All.Select(m => m.Key), r.Measures.Select(m => m.Definition.Key));
        Assert.Equal(PmfCalculator.TrendPoints, r.TrendPeriods.Count);
        Assert.Equal(Pmf.Q4.Label, r.TrendPeriods[^1].Label);
        Assert.Equal(Period.Quarter(2008, 1).Label, r.TrendPeriods[0].Label); // 8 quarters: Q1 2008/09 .. Q4 2009/10
    }
}
