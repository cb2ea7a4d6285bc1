using System.Globalization;
using System.Text.Json;
using Probity.Cases.Contracts;
using Probity.Kernel;

namespace Probity.Cases.Litigation;

/// <summary>
/// Amounts of money as people and systems give them, read into whole pence of pounds sterling (ADR 0024). A form gives
/// "£12,500.50", "12500" or nothing; the API a JSON number of pounds (or the same text) and, if it says, the currency,
/// which must be GBP. Anything else is refused naming the field: never a 500, never a silent rounding.
/// </summary>
internal static partial class LitigationMoney
{
    /// <summary>The largest amount accepted: £1,000,000,000 (a larger one is a typing slip, not a claim).</summary>
    public const decimal MaxPounds = LitigationRules.MaxPence / 100m;

    /// <summary>Text from a form: null when empty.</summary>
    public static long? FromText(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim();
        if (t.StartsWith('£')) t = t[1..].TrimStart();
        else if (t.StartsWith("GBP", StringComparison.OrdinalIgnoreCase)) t = t[3..].TrimStart();
        // Commas only between groups of three digits: decimal.TryParse would read "1,50" (one pound fifty, written the
        // continental way) as £150 and "1,0,0" as £100, a silent misreading of the amount.
        if (!decimal.TryParse(t, NumberStyles.AllowThousands | NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var pounds)
            || (t.Contains(',', StringComparison.Ordinal) && !Grouped().IsMatch(t)))
            throw new ActionRefusedException($"{field}: '{Shown(text.Trim())}' is not an amount in pounds (for example 12500 or £12,500.50).");
        return FromPounds(pounds, field);
    }

    /// <summary>A JSON value from the API: a number of pounds, the same as text, or null.</summary>
    public static long? FromJson(JsonElement? value, string field) => value switch
    {
        null => null,
        { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        { ValueKind: JsonValueKind.Number } v when v.TryGetDecimal(out var pounds) => FromPounds(pounds, field),
        { ValueKind: JsonValueKind.String } v => FromText(v.GetString(), field),
        { } v => throw new ActionRefusedException($"{field}: '{Shown(v.GetRawText())}' is not an amount in pounds."),
    };

    /// <summary>The API's currency: only GBP (or none, meaning GBP).</summary>
    public static void RequireCurrency(string? currency)
    {
        if (!string.IsNullOrWhiteSpace(currency) && !string.Equals(currency.Trim(), LitigationRules.Currency, StringComparison.Ordinal))
            throw new ActionRefusedException($"currency: amounts are recorded in pounds sterling only; give {LitigationRules.Currency} (or leave it out), not '{currency.Trim()}'.");
    }

    /// <summary>What was given, as the refusal quotes it: the start of it, never a whole megabyte echoed back and kept on the trail.</summary>
    private static string Shown(string given) => given.Length <= 40 ? given : given[..40] + "…";

    [System.Text.RegularExpressions.GeneratedRegex(@"^[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]*)?$")]
    private static partial System.Text.RegularExpressions.Regex Grouped();

    private static long FromPounds(decimal pounds, string field)
    {
        if (pounds < 0) throw new ActionRefusedException($"{field}: an amount cannot be negative ({pounds.ToString(CultureInfo.InvariantCulture)}).");
        if (pounds > MaxPounds) throw new ActionRefusedException($"{field}: {pounds.ToString(CultureInfo.InvariantCulture)} is more than the largest amount accepted ({LitigationRules.Pounds((long)(MaxPounds * 100))}).");
        var pence = pounds * 100;
        if (pence != decimal.Truncate(pence)) throw new ActionRefusedException($"{field}: give pounds and pence, at most two decimal places ({pounds.ToString(CultureInfo.InvariantCulture)}).");
        return (long)pence;
    }
}
