namespace Probity.Kernel;

/// <summary>
/// Who is asking, reduced to what the need-to-know filters need. Built once per request (or per CLI run) and
/// handed to the DbContext, whose global query filters use it, so no query can forget it.
/// </summary>
/// <param name="OwnStaffId">The reader's own staff record: cases in which they are a subject do not exist for them.</param>
/// <param name="OnlyStanding">Cases withdrawn as recorded in error (ADR 0025) are left out: true of the shared analytic view only,
/// so every figure, flag, pack and sample read through it leaves them out, while a reader still finds them.</param>
/// <param name="Borough">A borough-scoped reader's borough (ADR 0026): only the cases that borough handles exist for them.
/// Null for everyone else; <see cref="NoBorough"/> for a borough champion whose account names no borough (sees no case).</param>
internal sealed record CaseAccessScope(string Actor, bool SeesEverything, bool OnlyFinalised, string[] Principals, string? OwnStaffId = null, bool OnlyStanding = false,
    string? Borough = null)
{
    /// <summary>The borough of a borough-scoped reader whose account names none: matches no unit, so no case exists for them.</summary>
    public const string NoBorough = "(no borough)";

    /// <summary>The platform itself (start-up, operator verbs such as migrate): sees everything, and is audited as "system".</summary>
    public static readonly CaseAccessScope System = new("system", true, false, []);

    /// <summary>Nobody signed in: sees nothing.</summary>
    public static readonly CaseAccessScope Anonymous = new("anonymous", false, true, ["anonymous:none"]);

    /// <summary>
    /// The view every shared figure is computed from (performance measures, risk flags and scores, themes): every case
    /// that is not restricted, at every stage, whoever reads the result. A restricted case never enters a shared analytic,
    /// so no figure, flag or explanation can reveal it (ADR 0009). A case withdrawn as recorded in error never happened
    /// for the figures, so it never enters the shared view either (ADR 0025).
    /// </summary>
    public static readonly CaseAccessScope SharedAnalytics = new("system", false, false, [], OnlyStanding: true);

    /// <summary>Whether a row about this member of staff (a flag, a score, an alert) may be shown: never their own.</summary>
    public bool MayReadAbout(string? staffId) => SeesEverything || OwnStaffId is null || !string.Equals(staffId, OwnStaffId, StringComparison.Ordinal);
}
