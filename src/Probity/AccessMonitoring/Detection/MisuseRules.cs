using Probity.Infrastructure.Configuration;
using System.Text.Json;
using Probity.Kernel;

namespace Probity.AccessMonitoring.Detection;

/// <summary>The misuse rules the detector knows. Their thresholds and weights are data (misuse-rules.json).</summary>
internal static class MisuseRuleIds
{
    public const string AssociatedPerson = "associated_person";
    public const string SensitiveSubject = "sensitive_subject";
    public const string SensitivePrintExport = "sensitive_print_export";
    public const string VolumeSpike = "volume_spike";
    public const string BreadthSpike = "breadth_spike";
    public const string FirstTimeSystem = "first_time_system";
    public const string OutOfHoursSearch = "out_of_hours_search";
    public const string PreLeakAccess = "pre_leak_access";

    public static readonly IReadOnlyList<string> All =
        [AssociatedPerson, SensitiveSubject, SensitivePrintExport, VolumeSpike, BreadthSpike, FirstTimeSystem, OutOfHoursSearch, PreLeakAccess];
}

internal sealed record MisuseRule
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public bool Enabled { get; init; } = true;
    /// <summary>
    /// How much likelier misuse is behind a finding of this kind than its rarity in routine work alone says, in powers of
    /// ten (0 = rarity only; 1 = ten times likelier). Scores are 10 × (rarity + bonus), so one point of bonus is ten of score.
    /// </summary>
    public double Bonus { get; init; }
    /// <summary>A floor below which the rule never fires (events, people or searches in a day).</summary>
    public double Minimum { get; init; }
    /// <summary>How many times the user's own daily average the day must reach.</summary>
    public double OwnRatio { get; init; }
    /// <summary>How far above peers in the same role (robust z: distance from the median in MADs).</summary>
    public double PeerZ { get; init; }
    /// <summary>Statistical rules only: stay silent for users with too little history (night workers look like bulk night searchers to a stranger).</summary>
    public bool RequiresHistory { get; init; }
    /// <summary>Per relation (associated_person) or per flag (sensitive_subject): how much of the weight applies.</summary>
    public IReadOnlyDictionary<string, double> Factors { get; init; } = new Dictionary<string, double>();
}

internal sealed record OutOfHours(int StartHour, int EndHour)
{
    public bool Contains(int hour) => StartHour > EndHour ? hour >= StartHour || hour < EndHour : hour >= StartHour && hour < EndHour;

    /// <summary>
    /// The night a local time in these hours belongs to, named by the date it began on: with nights of 23:00-06:00, 23:10 on
    /// the 10th and 05:50 on the 11th are both the night of the 10th, and 00:30 on the 10th is the night of the 9th.
    /// </summary>
    public DateOnly NightOf(DateTime local) =>
        DateOnly.FromDateTime(StartHour > EndHour && local.Hour < EndHour ? local.AddDays(-1) : local);
}

/// <summary>
/// A record the user made about a person (an access with action <c>create</c>: a booking, a stop, a crime report) is work
/// the log itself shows: it explains the same user's accesses to that record and that person from
/// <see cref="HoursBefore"/> before the first such record (the check made at the roadside before the stop is written up)
/// to <see cref="DaysAfter"/> after the last (the detention, the enquiry). The making itself is never explained by it.
/// </summary>
internal sealed record OwnRecords(int HoursBefore, int DaysAfter);

/// <summary>A system and record type is a unit's normal work when enough of its staff use it and it is a real part of the unit's accesses.</summary>
internal sealed record UnitNormSettings(double MinShareOfUnitStaff, double MinShareOfUnitAccesses, int MinUnitStaff);

internal sealed class MisuseRuleSet
{
    public required OutOfHours OutOfHours { get; init; }
    public required UnitNormSettings UnitNorm { get; init; }
    public OwnRecords OwnRecords { get; init; } = new(12, 28);
    public int BaselineDays { get; init; } = 28;
    public int MinBaselineDays { get; init; } = 5;
    public int EvidenceLimit { get; init; } = 50;
    public DecisionLearning Learning { get; init; } = DecisionLearning.Default;
    public IReadOnlyList<string> SensitiveRecordTypes { get; init; } = [];
    public required IReadOnlyList<MisuseRule> Rules { get; init; }
    public string Source { get; init; } = "built-in misuse rules";

    public MisuseRule? Rule(string id) => Rules.FirstOrDefault(r => r.Id == id && r.Enabled);

    public IEnumerable<string> SensitiveFlags => Rule(MisuseRuleIds.SensitiveSubject)?.Factors.Keys ?? [];

    private const string BuiltInResource = "Probity.AccessMonitoring.Detection.misuse-rules.json";

    public static MisuseRuleSet Load(IConfiguration configuration) =>
        ConfiguredFile.Load(configuration, "Probity:AccessMonitoring:Rules", BuiltInResource, "built-in misuse rules", (json, source, _) => Parse(json, source));

    public static MisuseRuleSet BuiltIn() => Load(new ConfigurationBuilder().Build());

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        // A misspelt setting would otherwise be ignored and the threshold left at zero.
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Reads and checks a rules file; every problem is named with the rule it is in.</summary>
    public static MisuseRuleSet Parse(Stream json, string source)
    {
        MisuseRuleSet? set;
        try
        {
            set = JsonSerializer.Deserialize<MisuseRuleSet>(json, JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{source}: not valid misuse rules JSON at {ex.Path} (line {ex.LineNumber + 1}): {ex.Message}", ex);
        }
        if (set is null) throw new InvalidDataException($"{source}: empty");
        var problems = new List<string>();
        foreach (var rule in set.Rules)
        {
            if (!MisuseRuleIds.All.Contains(rule.Id)) problems.Add($"rule '{rule.Id}': unknown (known: {string.Join(", ", MisuseRuleIds.All)})");
            if (rule.Bonus is < -3 or > 5) problems.Add($"rule '{rule.Id}': bonus {rule.Bonus} is outside -3..5 (powers of ten)");
            if (rule.Id == MisuseRuleIds.AssociatedPerson)
                problems.AddRange(rule.Factors.Keys.Where(k => !Vocabulary.Relations.Contains(k)).Select(k => $"rule '{rule.Id}': '{k}' is not a relation"));
            if (rule.Id == MisuseRuleIds.SensitiveSubject)
                problems.AddRange(rule.Factors.Keys.Where(k => !Vocabulary.PersonFlags.Contains(k)).Select(k => $"rule '{rule.Id}': '{k}' is not a person flag"));
        }
        foreach (var duplicate in set.Rules.GroupBy(r => r.Id).Where(g => g.Count() > 1)) problems.Add($"rule '{duplicate.Key}' appears more than once");
        if (set.OwnRecords.HoursBefore is < 0 or > 72 || set.OwnRecords.DaysAfter is < 0 or > 366) problems.Add("ownRecords: hoursBefore must be 0-72 and daysAfter 0-366");
        if (set.Learning.PriorDecisions is < 1 or > 1_000 || set.Learning.MaxShift is < 0 or > 3 || set.Learning.Days is < 1 or > 3_660)
            problems.Add("learning: priorDecisions must be 1-1000, maxShift 0-3 (powers of ten; 0 turns learning off) and days 1-3660");
        // Evidence lists what a decision is shown: with none, findings join by no access and no decision can be checked
        // against what it saw (ADR 0036).
        if (set.EvidenceLimit is < 2 or > 1_000) problems.Add($"evidenceLimit must be 2-1000 (it is {set.EvidenceLimit})");
        if (set.OutOfHours.StartHour is < 0 or > 23 || set.OutOfHours.EndHour is < 0 or > 23) problems.Add("outOfHours: hours must be 0-23");
        problems.AddRange(set.SensitiveRecordTypes.Where(t => !Vocabulary.RecordTypes.Contains(t)).Select(t => $"sensitiveRecordTypes: '{t}' is not a record type"));
        if (problems.Count > 0) throw new InvalidDataException($"{source}: {string.Join("; ", problems)}");
        return new MisuseRuleSet
        {
            OutOfHours = set.OutOfHours, UnitNorm = set.UnitNorm, OwnRecords = set.OwnRecords, BaselineDays = set.BaselineDays, MinBaselineDays = set.MinBaselineDays,
            EvidenceLimit = set.EvidenceLimit, Learning = set.Learning, SensitiveRecordTypes = set.SensitiveRecordTypes, Rules = set.Rules, Source = source,
        };
    }
}
