using Probity.Infrastructure.Configuration;
using System.Text.Json;
using Probity.Kernel;

namespace Probity.Risk.Thresholds;

/// <summary>
/// One threshold trigger, as data (threshold-rules.json, or the file named by Probity:Risk:Thresholds): what it
/// counts, over which window, and the warning and critical levels. The kinds are the triggers established early
/// intervention systems use: counts of allegations (optionally of chosen categories or case types), repeated
/// allegations of the same kind, substantiated findings, a business interest refused and later suspected, lapsed
/// vetting, the top percentile of complained-about officers, a team's rate against the force's, and a location
/// where a kind of allegation is rising.
/// </summary>
internal sealed record ThresholdRule
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    /// <summary>officer | unit | location.</summary>
    public required string Subject { get; init; }
    /// <summary>count | repeat_category | substantiated | interest_refused_then_suspected | vetting_lapsed | top_percentile | unit_rate | rising | watch_list.</summary>
    public required string Kind { get; init; }
    public IReadOnlyList<string> Categories { get; init; } = [];
    public IReadOnlyList<string> CaseTypes { get; init; } = [];
    public int WindowMonths { get; init; } = 12;
    public double Warning { get; init; }
    public double Critical { get; init; }
    /// <summary>A floor below which the rule never fires (small numbers are noise).</summary>
    public double Minimum { get; init; }

    public static readonly IReadOnlySet<string> Kinds = new HashSet<string>(StringComparer.Ordinal)
        { "count", "repeat_category", "substantiated", "interest_refused_then_suspected", "vetting_lapsed", "top_percentile", "unit_rate", "rising", "watch_list" };

    /// <summary>Whether higher values are worse; for the top percentile a smaller percentile is more severe.</summary>
    public bool Ascending => Kind != "top_percentile";
}

internal sealed class ThresholdRuleSet
{
    public required IReadOnlyList<ThresholdRule> Rules { get; init; }
    public required string Source { get; init; }

    public static ThresholdRuleSet Load(IConfiguration configuration) =>
        ConfiguredFile.Load(configuration, "Probity:Risk:Thresholds", "Probity.Risk.Thresholds.threshold-rules.json", "built-in threshold rules",
            (json, source, _) => Parse(json, source));

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip };

    /// <summary>Reads and checks a rules file; a wrong rule is named with what is wrong with it.</summary>
    public static ThresholdRuleSet Parse(Stream json, string source)
    {
        RulesFile? file;
        try
        {
            file = JsonSerializer.Deserialize<RulesFile>(json, JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{source}: not valid JSON at line {ex.LineNumber + 1}: {ex.Message}");
        }
        var rules = file?.Rules ?? throw new InvalidDataException($"{source}: no \"rules\" list.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in rules)
        {
            string Where() => $"{source}: rule '{r.Id}'";
            if (string.IsNullOrWhiteSpace(r.Id) || !seen.Add(r.Id)) throw new InvalidDataException($"{source}: every rule needs a unique id ('{r.Id}').");
            if (!ThresholdRule.Kinds.Contains(r.Kind)) throw new InvalidDataException($"{Where()}: kind '{r.Kind}' is not one of {string.Join(", ", ThresholdRule.Kinds)}.");
            if (r.Subject is not ("officer" or "unit" or "location")) throw new InvalidDataException($"{Where()}: subject must be officer, unit or location.");
            foreach (var c in r.Categories)
                if (!Vocabulary.AllegationCategories.Contains(c)) throw new InvalidDataException($"{Where()}: '{c}' is not an allegation category.");
            foreach (var t in r.CaseTypes)
                if (!Vocabulary.CaseTypes.Contains(t)) throw new InvalidDataException($"{Where()}: '{t}' is not a case type.");
            if (r.WindowMonths is < 1 or > 120) throw new InvalidDataException($"{Where()}: the window must be 1 to 120 months.");
            if (r.Ascending ? r.Critical < r.Warning : r.Critical > r.Warning)
                throw new InvalidDataException($"{Where()}: the critical level ({r.Critical}) must be {(r.Ascending ? "at or above" : "at or below")} the warning level ({r.Warning}).");
        }
        return new ThresholdRuleSet { Rules = rules, Source = source };
    }

    private sealed record RulesFile(List<ThresholdRule>? Rules);
}
