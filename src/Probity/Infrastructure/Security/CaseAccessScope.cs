using System.Security.Claims;
using Probity.Identity;

namespace Probity.Infrastructure.Security;

/// <summary>
/// Who is asking, reduced to what the need-to-know filters need. Built once per request (or per CLI run) and
/// handed to the DbContext, whose global query filters use it, so no query can forget it.
/// </summary>
/// <param name="OwnStaffId">The reader's own staff record: cases in which they are a subject do not exist for them.</param>
public sealed record CaseAccessScope(string Actor, bool SeesEverything, bool OnlyFinalised, string[] Principals, string? OwnStaffId = null)
{
    /// <summary>The platform itself (start-up, operator verbs such as migrate): sees everything, and is audited as "system".</summary>
    public static readonly CaseAccessScope System = new("system", true, false, []);

    /// <summary>Nobody signed in: sees nothing.</summary>
    public static readonly CaseAccessScope Anonymous = new("anonymous", false, true, ["anonymous:none"]);

    /// <summary>
    /// The view every shared figure is computed from (performance measures, risk flags and scores, themes): every case
    /// that is not restricted, at every stage, whoever reads the result. A restricted case never enters a shared analytic,
    /// so no figure, flag or explanation can reveal it (ADR 0009).
    /// </summary>
    public static readonly CaseAccessScope SharedAnalytics = new("system", false, false, []);

    public static CaseAccessScope For(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return Anonymous;
        var name = user.Identity.Name ?? "unknown";
        var principals = new List<string> { name };
        var team = user.FindFirstValue(ProbityClaims.Team);
        if (!string.IsNullOrEmpty(team)) principals.Add("team:" + team);
        // Oversight members (police authority) see closed cases only; nobody bypasses need-to-know restrictions.
        var onlyFinalised = user.IsInRole(Roles.Oversight)
            && !user.IsInRole(Roles.CaseHandler) && !user.IsInRole(Roles.Investigator) && !user.IsInRole(Roles.SeniorManager) && !user.IsInRole(Roles.Analyst);
        var staffId = user.FindFirstValue(ProbityClaims.StaffId);
        return new CaseAccessScope(name, false, onlyFinalised, [.. principals], string.IsNullOrEmpty(staffId) ? null : staffId);
    }

    /// <summary>Whether a row about this member of staff (a flag, a score, an alert) may be shown: never their own.</summary>
    public bool MayReadAbout(string? staffId) => SeesEverything || OwnStaffId is null || !string.Equals(staffId, OwnStaffId, StringComparison.Ordinal);
}

public static class ProbityClaims
{
    public const string Team = "probity:team";
    public const string DisplayName = "probity:display_name";
    public const string StaffId = "probity:staff_id";
}

/// <summary>
/// Answers "who is asking" at the moment of asking. Scoped services such as the DbContext are created during
/// authentication, before the request's user is known, so the scope must be read when a query runs, not when
/// the service is built.
/// </summary>
public sealed class CaseAccessScopeSource(IHttpContextAccessor http, ScopeOverride scopeOverride)
{
    public CaseAccessScope Current =>
        scopeOverride.Scope ?? (http.HttpContext is { } context ? CaseAccessScope.For(context.User) : CaseAccessScope.System);

    /// <summary>Reads as <paramref name="scope"/> until disposed (shared analytics, background work for a person).</summary>
    public IDisposable Use(CaseAccessScope scope)
    {
        var previous = scopeOverride.Scope;
        scopeOverride.Scope = scope;
        return new Restore(scopeOverride, previous);
    }

    private sealed class Restore(ScopeOverride target, CaseAccessScope? previous) : IDisposable
    {
        public void Dispose() => target.Scope = previous;
    }
}
