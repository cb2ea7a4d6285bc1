using System.Text;
using Probity.AccessMonitoring.Detection;

namespace Probity.Tests.AccessMonitoring;

/// <summary>A force tunes detection by editing a rules file; every mistake in it must be refused, naming where it is.</summary>
public sealed class MisuseRuleSetTests
{
    private const string Source = "force-rules.json";

    private static string File(string rules, string hours = """{ "startHour": 23, "endHour": 6 }""", string types = """[ "intelligence" ]""") => $$"""
        {
          // comments are allowed, so a force can say why it changed a threshold
          "outOfHours": {{hours}},
          "unitNorm": { "minShareOfUnitStaff": 0.2, "minShareOfUnitAccesses": 0.01, "minUnitStaff": 3 },
          "sensitiveRecordTypes": {{types}},
          "rules": [ {{rules}} ]
        }
        """;

    private static MisuseRuleSet Parse(string json) => MisuseRuleSet.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json)), Source);

    private static string Refused(string json) => Assert.Throws<InvalidDataException>(() => Parse(json)).Message;

    [Fact]
    public void The_built_in_rules_know_every_rule_and_are_all_enabled()
    {
        var rules = MisuseRuleSet.BuiltIn();

        Assert.Equal(MisuseRuleIds.All.Order(StringComparer.Ordinal), rules.Rules.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.All(MisuseRuleIds.All, id => Assert.NotNull(rules.Rule(id)));
        Assert.Equal(new OutOfHours(23, 6), rules.OutOfHours);
        Assert.Equal(["intelligence"], rules.SensitiveRecordTypes);
    }

    [Fact]
    public void A_valid_file_is_read_with_its_thresholds_and_a_disabled_rule_is_off()
    {
        var rules = Parse(File("""
            { "id": "volume_spike", "title": "Volume", "bonus": 0.4, "minimum": 200, "ownRatio": 4, "peerZ": 6 },
            { "id": "breadth_spike", "title": "Breadth", "bonus": 1, "enabled": false }
            """));

        var volume = rules.Rule(MisuseRuleIds.VolumeSpike)!;
        Assert.Equal((0.4, 200.0, 4.0, 6.0), (volume.Bonus, volume.Minimum, volume.OwnRatio, volume.PeerZ));
        Assert.Null(rules.Rule(MisuseRuleIds.BreadthSpike));
        Assert.Equal(Source, rules.Source);
    }

    [Fact]
    public void An_unknown_rule_id_is_refused_naming_it_and_the_known_ones()
    {
        var message = Refused(File("""{ "id": "volume_spikes", "title": "Typo", "bonus": 1 }"""));

        Assert.StartsWith(Source, message, StringComparison.Ordinal);
        Assert.Contains("rule 'volume_spikes': unknown", message, StringComparison.Ordinal);
        Assert.Contains("volume_spike,", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_relation_that_is_not_in_the_vocabulary_is_refused_naming_the_rule()
    {
        var message = Refused(File("""{ "id": "associated_person", "title": "Linked", "bonus": 1, "factors": { "partner": 1, "cousin": 0.9 } }"""));

        Assert.Contains("rule 'associated_person': 'cousin' is not a relation", message, StringComparison.Ordinal);
        Assert.DoesNotContain("'partner'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_flag_that_is_not_in_the_vocabulary_is_refused_naming_the_rule()
    {
        var message = Refused(File("""{ "id": "sensitive_subject", "title": "Flagged", "bonus": 1, "factors": { "celebrity": 1 } }"""));

        Assert.Contains("rule 'sensitive_subject': 'celebrity' is not a person flag", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(-4)]
    public void A_bonus_outside_minus_3_to_5_powers_of_ten_is_refused_naming_the_rule(double bonus)
    {
        var message = Refused(File($$"""{ "id": "first_time_system", "title": "First", "bonus": {{bonus}} }"""));

        Assert.Contains($"rule 'first_time_system': bonus {bonus} is outside -3..5 (powers of ten)", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(24, 6)]
    [InlineData(23, -1)]
    public void Out_of_hours_outside_0_to_23_is_refused(int start, int end)
    {
        var message = Refused(File("""{ "id": "out_of_hours_search", "title": "Night", "bonus": 1 }""", hours: $$"""{ "startHour": {{start}}, "endHour": {{end}} }"""));

        Assert.Contains("outOfHours: hours must be 0-23", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1, 28)]
    [InlineData(12, 400)]
    public void An_own_record_span_outside_0_to_72_hours_before_and_366_days_after_is_refused(int hoursBefore, int daysAfter)
    {
        var json = File("").Replace("\"sensitiveRecordTypes\"", $$"""
            "ownRecords": { "hoursBefore": {{hoursBefore}}, "daysAfter": {{daysAfter}} },
              "sensitiveRecordTypes"
            """, StringComparison.Ordinal);

        Assert.Contains("ownRecords: hoursBefore must be 0-72 and daysAfter 0-366", Refused(json), StringComparison.Ordinal);
    }

    [Fact]
    public void The_own_record_span_is_read_and_defaults_to_12_hours_before_and_28_days_after()
    {
        Assert.Equal(new OwnRecords(12, 28), Parse(File("")).OwnRecords);
        Assert.Equal(new OwnRecords(12, 28), MisuseRuleSet.BuiltIn().OwnRecords);
        var json = File("").Replace("\"sensitiveRecordTypes\"", """
            "ownRecords": { "hoursBefore": 0, "daysAfter": 3 },
              "sensitiveRecordTypes"
            """, StringComparison.Ordinal);
        Assert.Equal(new OwnRecords(0, 3), Parse(json).OwnRecords);
    }

    [Fact]
    public void A_sensitive_record_type_not_in_the_vocabulary_is_refused()
    {
        Assert.Contains("sensitiveRecordTypes: 'spaceship' is not a record type",
            Refused(File("""{ "id": "sensitive_print_export", "title": "Print", "bonus": 1 }""", types: """[ "spaceship" ]""")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_given_twice_is_refused()
    {
        var message = Refused(File("""
            { "id": "volume_spike", "title": "Volume", "bonus": 1 },
            { "id": "volume_spike", "title": "Volume again", "bonus": 1 }
            """));

        Assert.Contains("rule 'volume_spike' appears more than once", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var message = Refused(File("""
            { "id": "associated_person", "title": "Linked", "bonus": 19, "factors": { "cousin": 1 } },
            { "id": "nosy", "title": "Nosy", "bonus": 1 }
            """));

        Assert.Contains("bonus 19 ", message, StringComparison.Ordinal);
        Assert.Contains("'cousin'", message, StringComparison.Ordinal);
        Assert.Contains("rule 'nosy'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_JSON_is_refused_with_the_file_and_the_line()
    {
        var message = Refused(File("""{ "id": "volume_spike", "title": "Volume", "weight": }"""));

        Assert.StartsWith($"{Source}: not valid misuse rules JSON", message, StringComparison.Ordinal);
        Assert.Contains("line 6", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_setting_is_refused_rather_than_silently_left_at_zero()
    {
        // "own_ratio" is not "ownRatio": ignored, the rule would fire on any day over the floor.
        var message = Refused(File("""{ "id": "volume_spike", "title": "Volume", "bonus": 1, "minimum": 150, "own_ratio": 3, "peerZ": 5 }"""));

        Assert.Contains("own_ratio", message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The evidence an alert lists is what a decision on it is shown (ADR 0036): a limit of none lists nothing, so no
    /// finding joins another by an access and no decision can be checked against what it saw; one lists the head alone.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(1)]
    [InlineData(1_001)]
    public void An_evidence_limit_that_would_hide_what_a_decision_covers_is_refused(int limit)
    {
        var message = Refused(File("""{ "id": "volume_spike", "title": "Volume", "bonus": 1 }""").Replace("\"outOfHours\"", $"\"evidenceLimit\": {limit}, \"outOfHours\"", StringComparison.Ordinal));

        Assert.StartsWith(Source, message, StringComparison.Ordinal);
        Assert.Contains($"evidenceLimit must be 2-1000 (it is {limit})", message, StringComparison.Ordinal);
    }
}
