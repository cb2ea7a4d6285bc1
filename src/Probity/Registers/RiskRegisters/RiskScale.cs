using Probity.Kernel;

namespace Probity.Registers.RiskRegisters;

/// <summary>
/// The 5x5 scale the force's risk registers use (seed 004): likelihood and impact each 1 to 5, the rating their product,
/// banded low (1-4), medium (5-9), high (10-14) and very high (15-25). The bands are words on every page, never colour alone.
/// </summary>
internal static class RiskScale
{
    public static readonly IReadOnlyList<string> Likelihoods = ["Rare", "Unlikely", "Possible", "Likely", "Almost certain"];
    public static readonly IReadOnlyList<string> Impacts = ["Negligible", "Minor", "Moderate", "Major", "Severe"];

    public static readonly IReadOnlyDictionary<string, string> Levels = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["corporate"] = "Corporate", ["business_group"] = "Business group", ["borough"] = "Borough",
    };

    public static int Require(int? score, string field) => score is >= 1 and <= 5 ? score.Value
        : throw new ActionRefusedException(score is null ? $"{field}: choose a score from 1 to 5." : $"{field}: a score from 1 to 5 ({score} given).");

    /// <summary>The band's words and the tag class the page draws it with.</summary>
    public static (string Words, string Tag) Band(int likelihood, int impact) => (likelihood * impact) switch
    {
        >= 15 => ("Very high", "overdue"),
        >= 10 => ("High", "overdue"),
        >= 5 => ("Medium", "live"),
        _ => ("Low", "finalised"),
    };

    public static string Likelihood(int score) => score is >= 1 and <= 5 ? $"{score} {Likelihoods[score - 1]}" : score.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Impact(int score) => score is >= 1 and <= 5 ? $"{score} {Impacts[score - 1]}" : score.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Level(string code) => Levels.GetValueOrDefault(code, code);
}
