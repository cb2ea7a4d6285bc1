using System.Security.Claims;
using Probity.Kernel;

namespace Probity.Identity.Contracts;

/// <summary>A signed-in person's need-to-know, from the claims Probity issued at sign-in.</summary>
internal static class ReaderScope
{
    public static CaseAccessScope For(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return CaseAccessScope.Anonymous;
        var name = user.Identity.Name ?? "unknown";
        var principals = new List<string> { name };
        var team = user.FindFirstValue(ProbityClaims.Team);
        if (!string.IsNullOrEmpty(team)) principals.Add("team:" + team);
        // Oversight members (police authority) see closed cases only; nobody bypasses need-to-know restrictions.
        var onlyFinalised = user.IsInRole(Roles.Oversight)
            && !user.IsInRole(Roles.CaseHandler) && !user.IsInRole(Roles.Investigator) && !user.IsInRole(Roles.SeniorManager) && !user.IsInRole(Roles.Analyst);
        var staffId = user.FindFirstValue(ProbityClaims.StaffId);
        // A borough-scoped account (ADR 0026) reads only the cases its borough handles, whatever else it holds; a borough
        // champion whose account names no borough reads none (never everything).
        var borough = user.FindFirstValue(ProbityClaims.Borough);
        if (string.IsNullOrEmpty(borough)) borough = user.IsInRole(Roles.BoroughChampion) ? CaseAccessScope.NoBorough : null;
        return new CaseAccessScope(name, false, onlyFinalised, [.. principals], string.IsNullOrEmpty(staffId) ? null : staffId, Borough: borough);
    }
}

internal static class ProbityClaims
{
    public const string Team = "probity:team";
    public const string DisplayName = "probity:display_name";
    public const string StaffId = "probity:staff_id";
    /// <summary>The borough (a unit id) a borough-scoped account works for (ADR 0026).</summary>
    public const string Borough = "probity:borough";
}

/// <summary>
/// Answers "who is asking" at the moment of asking. Scoped services such as the DbContext are created during
/// authentication, before the request's user is known, so the scope must be read when a query runs, not when
/// the service is built.
/// </summary>
internal sealed class CaseAccessScopeSource(IHttpContextAccessor http, ScopeOverride scopeOverride)
{
    public CaseAccessScope Current =>
        scopeOverride.Scope ?? (http.HttpContext is { } context ? ReaderScope.For(context.User) : CaseAccessScope.System);

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
