namespace Probity.Cases.Contracts;

/// <summary>
/// The one rule for where a restricted case may sit (ADR 0026 addendum "Restricted cases never sit with a borough"): a case
/// restricted on a need-to-know basis (a corruption case, one about a Directorate officer) is handled by a Directorate unit,
/// never by a borough. A borough's professional standards champions are not among those a restricted case is opened to,
/// and a borough is where the subject's colleagues work: the case would sit with a unit that cannot open it, or widen the
/// circle it was kept to. Allocation, local handling, restriction and the PIF-1 import all ask here, and only here.
/// </summary>
/// <remarks>
/// A refusal's text names the case, so callers give it only to a reader who may see the case: the case operations load
/// the case through need-to-know first (a hidden case is the generic not-found), and the import refuses a bundle that
/// touches a hidden case with its generic refusal before it asks this rule.
/// </remarks>
internal static class RestrictedCaseHandling
{
    /// <summary>The unit kind a restricted case never sits with.</summary>
    public const string BoroughKind = "borough";

    /// <summary>The field a case operation's refusal names (where the case sits); the import names its file, line and column instead.</summary>
    public const string Field = "Handling unit";

    /// <summary>A refusal as a case operation gives it: naming <see cref="Field"/>.</summary>
    public static string OnField(string refusal) => $"{Field}: {refusal}";

    /// <summary>Whether a case, restricted or not, may be handled by a unit of <paramref name="unitKind"/>.</summary>
    public static bool MayBeHandledBy(bool restricted, string? unitKind) => !restricted || !string.Equals(unitKind, BoroughKind, StringComparison.Ordinal);

    /// <summary>Why a restricted case is not given to a borough (by allocation, local handling or an import), or null when it may be.</summary>
    public static string? RefusalToGive(string caseId, bool restricted, string? unitKind, string unitName) =>
        MayBeHandledBy(restricted, unitKind) ? null
        : $"Case {caseId} is restricted on a need-to-know basis, so it stays with the Directorate: it is not given to {unitName}, " +
          "whose champions are not among those a restricted case is opened to. A senior manager lifts the restriction first if the borough is to handle it.";

    /// <summary>Why a case a borough handles is not restricted where it is, or null when it may be.</summary>
    public static string? RefusalToRestrict(string caseId, string? unitKind, string unitName) =>
        MayBeHandledBy(true, unitKind) ? null
        : $"Case {caseId} is handled by {unitName}, a borough, and a restricted case never sits with a borough: its champions are not " +
          "among those a restricted case is opened to. Allocate it to a Directorate unit first, then restrict it.";

    /// <summary>Why an import may not make a unit holding restricted cases a borough, or null when it may.</summary>
    public static string? RefusalToMakeBorough(string unitName, string? newKind, IReadOnlyCollection<string> restrictedCaseIds) =>
        restrictedCaseIds.Count == 0 || MayBeHandledBy(true, newKind) ? null
        : $"{unitName} handles {restrictedCaseIds.Count} restricted case(s) ({string.Join(", ", restrictedCaseIds.Order(StringComparer.Ordinal).Take(10))}" +
          $"{(restrictedCaseIds.Count > 10 ? ", …" : "")}), and a restricted case never sits with a borough: allocate them to another Directorate unit first, then make it a borough.";
}
