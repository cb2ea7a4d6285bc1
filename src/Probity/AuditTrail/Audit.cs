using Probity.Infrastructure.Security;

namespace Probity.AuditTrail;

/// <summary>
/// The per-request face of the trail: fills in who and from where. Handlers call it for every view, search,
/// export and change of case data, and only show data after it returns.
/// </summary>
public sealed class Audit(AuditTrailWriter writer, CaseAccessScopeSource scope, IHttpContextAccessor http)
{
    public Task RecordAsync(string action, string target, string? detail = null, CancellationToken ct = default)
    {
        var client = http.HttpContext?.Connection.RemoteIpAddress?.ToString() ?? (http.HttpContext is null ? "cli" : "unknown");
        return writer.RecordAsync(new AuditRecord(scope.Current.Actor, action, target, detail, client), ct);
    }
}
