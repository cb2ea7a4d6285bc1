namespace Probity.Infrastructure.Web;

/// <summary>
/// Endpoint metadata for an API group: what the route's <paramref name="RouteValue"/> names on the audit trail
/// (<c>case</c>, <c>person_of_concern</c> ...). A refused call to such a route goes on the trail as an attempt on that
/// record (<c>case:C2009-000123</c>), the way a refused page names its case (ADR 0027); without it, as the path asked for.
/// </summary>
internal sealed record TrailTarget(string Kind, string RouteValue = "id");
