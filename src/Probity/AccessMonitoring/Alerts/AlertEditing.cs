using Probity.AuditTrail.Contracts;
using Microsoft.EntityFrameworkCore;
using Probity.Database;
using Probity.Kernel;

namespace Probity.AccessMonitoring.Alerts;

/// <summary>
/// The common path of every decision on an alert: load it, refuse a stale form, stamp who decided and when, bump
/// the concurrency token, save, and write the change to the audit trail (as <see cref="Cases.CaseEditing"/> does for cases).
/// </summary>
internal sealed class AlertEditing(ProbityDb db, Audit audit, TimeProvider time)
{
    public ProbityDb Db => db;

    public string Actor => db.Scope.Actor;

    public DateTimeOffset Now => time.GetUtcNow();

    public async Task<MisuseAlert> LoadAsync(string id, Guid expectedVersion, CancellationToken ct)
    {
        var alert = await db.MisuseAlerts.FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw new RecordNotFoundException($"Alert {id}");
        // Refusals below quote the case the alert became: not if the reader may not see it.
        _caseHidden = alert.CaseId is { } caseId && !await db.Cases.AnyAsync(c => c.Id == caseId, ct);
        if (alert.Version != expectedVersion)
            throw new EditConflictException($"Alert {id} was changed by someone else since you opened it{ChangedBy(alert)}. Reload the alert to see their change, then decide again.");
        return alert;
    }

    /// <summary>Assigning, dismissing and raising are for alerts still being worked.</summary>
    private bool _caseHidden;

    public void RequireUndecided(MisuseAlert alert, string action)
    {
        if (alert.Status == AlertStatus.Dismissed)
            throw new ActionRefusedException($"Alert {alert.Id} was dismissed{ChangedBy(alert)} ({AlertWords.DismissReason(alert.DismissReason)}); it cannot {action}.");
        if (alert.Status == AlertStatus.Raised)
            throw new ActionRefusedException($"Alert {alert.Id} was already raised{ChangedBy(alert)}{(alert.CaseId is null ? "" : _caseHidden ? " as a case" : $" as case {alert.CaseId}")}; it cannot {action}.");
    }

    /// <summary>Saves the decision with its audit entry, in one transaction.</summary>
    public async Task SaveAsync(MisuseAlert alert, string auditDetail, CancellationToken ct)
    {
        alert.DecidedBy = db.Scope.Actor;
        alert.DecidedAt = time.GetUtcNow();
        alert.Version = Guid.NewGuid();
        audit.Change("update", $"misuse_alert/{alert.Id}", auditDetail);
        await db.SaveChangesOrConflictAsync($"Alert {alert.Id} was changed by someone else while you were deciding it. Reload the alert to see their change, then decide again.", ct);
    }

    private static string ChangedBy(MisuseAlert a) =>
        a.DecidedBy is null ? "" : $" (now {AlertWords.Status(a.Status).ToLowerInvariant()}, by {a.DecidedBy}{(a.DecidedAt is { } at ? $" at {Detection.LondonTime.ToLocal(at):d MMM yyyy HH:mm}" : "")})";
}
