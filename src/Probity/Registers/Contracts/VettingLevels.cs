using Probity.Kernel;

namespace Probity.Registers.Contracts;

/// <summary>
/// Which clearances satisfy the level a post requires. The levels are the PIF-1 codes (the force's HR file carries
/// them): police vetting (recruitment RV, then management MV), non-police personnel vetting for contractors and
/// others (NPPV 1 to 3; NPPV2 is accepted where RV is required and NPPV3 where MV is, as APP Vetting treats them), and
/// national security vetting (CTC, then SC, then DV), which is a separate ladder: SC does not satisfy MV, nor MV SC.
/// Held as data so a force with its own scheme changes this table, not the pages (docs/adr/0016-registers.md).
/// </summary>
internal static class VettingLevels
{
    /// <summary>For each level a post may require, the clearances that meet it.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlySet<string>> SatisfiedBy = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal)
    {
        ["npp1"] = Set("npp1", "npp2", "npp3", "rv", "mv"),
        ["rv"] = Set("rv", "mv", "npp2", "npp3"),
        ["npp2"] = Set("npp2", "npp3", "rv", "mv"),
        ["mv"] = Set("mv", "npp3"),
        ["npp3"] = Set("npp3", "mv"),
        ["ctc"] = Set("ctc", "sc", "dv"),
        ["sc"] = Set("sc", "dv"),
        ["dv"] = Set("dv"),
    };

    /// <summary>The levels a post may require, in the order the form offers them.</summary>
    public static readonly IReadOnlyList<string> Required = ["rv", "mv", "npp1", "npp2", "npp3", "ctc", "sc", "dv"];

    /// <summary>How long a clearance granted today lasts, in years, when the form leaves expiry empty (APP Vetting's renewal periods).</summary>
    public static int YearsValid(string level) => level switch { "dv" => 7, "sc" or "ctc" => 10, "mv" or "npp3" => 7, _ => 10 };

    /// <summary>Days before expiry a renewal is due to be started.</summary>
    public const int RenewalWindowDays = 90;

    public static bool Meets(string? held, string required) =>
        held is not null && SatisfiedBy.TryGetValue(required, out var ok) && ok.Contains(held);

    public static string Describe(string? level) => level is null or "none" ? "none" : $"{level.ToUpperInvariant()} ({Vocabulary.Describe(level)})";

    private static HashSet<string> Set(params string[] levels) => new(levels, StringComparer.Ordinal);
}
