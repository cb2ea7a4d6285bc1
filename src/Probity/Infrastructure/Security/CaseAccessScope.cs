using System.Security.Claims;
using Probity.Identity;

namespace Probity.Infrastructure.Security;

/// <summary>
/// Who is asking, reduced to what the need-to-know filters need. Built once per request (or per CLI run) and
/// handed to the DbContext, whose global query filters use it, so no query can forget it.
/// </summary>
public sealed record CaseAccessScope(string Actor, bool SeesEverything, bool OnlyFinalised, string[] Principals)
{
    /// <summary>The platform itself (CLI, import jobs, start-up): sees everything, and is audited as "system".</summary>
    public static readonly CaseAccessScope System = new("system", true, false, []);

    /// <summary>Nobody signed in: sees nothing.</summary>
    public static readonly CaseAccessScope Anonymous = new("anonymous", false, true, ["anonymous:none"]);

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
        return new CaseAccessScope(name, false, onlyFinalised, [.. principals]);
    }
}

public static class ProbityClaims
{
    public const string Team = "probity:team";
    public const string DisplayName = "probity:display_name";
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
}
