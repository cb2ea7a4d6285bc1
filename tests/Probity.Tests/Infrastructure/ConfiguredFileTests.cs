using Microsoft.Extensions.Configuration;
using Probity.AccessMonitoring.Detection;
using Probity.Performance.Comparators;
using Probity.Risk.Thresholds;

namespace Probity.Tests.Infrastructure;

/// <summary>Rules and comparators are found and refused the same way, whichever module owns them.</summary>
public sealed class ConfiguredFileTests
{
    private static IConfiguration Config(string key, string value) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

    [Fact]
    public void With_nothing_configured_each_module_reads_its_built_in_copy()
    {
        var empty = new ConfigurationBuilder().Build();
        Assert.Equal("built-in misuse rules", MisuseRuleSet.Load(empty).Source);
        Assert.Equal("built-in threshold rules", ThresholdRuleSet.Load(empty).Source);
        Assert.True(ComparatorSet.Load(empty).IsExample);
    }

    [Theory]
    [InlineData("Probity:AccessMonitoring:Rules")]
    [InlineData("Probity:Risk:Thresholds")]
    [InlineData("Probity:Performance:Comparators")]
    public void A_configured_file_that_is_not_there_is_named_with_its_setting(string setting)
    {
        var missing = Path.Combine(Path.GetTempPath(), $"probity-missing-{Guid.NewGuid():N}.json");
        var config = Config(setting, missing);
        Exception? Load() => setting switch
        {
            "Probity:AccessMonitoring:Rules" => Record.Exception(() => MisuseRuleSet.Load(config)),
            "Probity:Risk:Thresholds" => Record.Exception(() => ThresholdRuleSet.Load(config)),
            _ => Record.Exception(() => ComparatorSet.Load(config)),
        };
        var ex = Assert.IsType<InvalidDataException>(Load());
        Assert.Contains(setting, ex.Message, StringComparison.Ordinal);
        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_configured_file_with_a_wrong_line_is_refused_the_same_way_in_every_module()
    {
        var folder = Directory.CreateTempSubdirectory("probity-configured-").FullName;
        try
        {
            var comparators = Path.Combine(folder, "comparators.csv");
            File.WriteAllText(comparators, "measure,comparator,value\ncases_received,target,lots\n");
            var csv = Assert.Throws<InvalidDataException>(() => ComparatorSet.Load(Config("Probity:Performance:Comparators", comparators)));
            Assert.Contains("line 2, column 'value': 'lots' is not a number", csv.Message, StringComparison.Ordinal);

            var thresholds = Path.Combine(folder, "thresholds.json");
            File.WriteAllText(thresholds, """{ "rules": [ { "id": "x", "title": "X", "subject": "officer", "kind": "no-such-kind", "warning": 1, "critical": 2 } ] }""");
            var json = Assert.Throws<InvalidDataException>(() => ThresholdRuleSet.Load(Config("Probity:Risk:Thresholds", thresholds)));
            Assert.Contains(thresholds, json.Message, StringComparison.Ordinal);
            Assert.Contains("no-such-kind", json.Message, StringComparison.Ordinal);

            var rules = Path.Combine(folder, "misuse.json");
            File.WriteAllText(rules, """{ "rules": [ { "id": "not-a-rule" } ] }""");
            var misuse = Assert.Throws<InvalidDataException>(() => MisuseRuleSet.Load(Config("Probity:AccessMonitoring:Rules", rules)));
            Assert.StartsWith(rules, misuse.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
