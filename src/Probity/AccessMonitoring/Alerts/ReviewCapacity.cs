using Microsoft.EntityFrameworkCore;
using Probity.AuditTrail.Contracts;
using Probity.Database;
using Probity.Kernel;

namespace Probity.AccessMonitoring.Alerts;

/// <summary>The unit's review capacity (alerts a day): read by everyone who works the queue, set by those who decide alerts, audited.</summary>
internal sealed class ReviewCapacity(ProbityDb db, Audit audit, TimeProvider time)
{
    internal sealed record Setting(int PerDay, string? ChangedBy, DateTimeOffset? ChangedAt, Guid Version);

    public async Task<Setting> ReadAsync(CancellationToken ct)
    {
        var row = await db.MonitoringSettings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == MonitoringSettings.TheRow, ct);
        return row is null
            ? new Setting(MonitoringSettings.DefaultReviewCapacity, null, null, Guid.Empty)
            : new Setting(row.ReviewCapacityPerDay, row.ChangedBy, row.ChangedAt, row.Version);
    }

    /// <summary>Sets the capacity; <paramref name="expectedVersion"/> is the version the form was drawn from (empty before the first change).</summary>
    public async Task SetAsync(int? perDay, Guid expectedVersion, CancellationToken ct)
    {
        if (perDay is not { } value || value < 1 || value > MonitoringSettings.MaxReviewCapacity)
            throw new ActionRefusedException($"Give the number of alerts the unit can review a day: a whole number from 1 to {MonitoringSettings.MaxReviewCapacity:N0}.");
        var row = await db.MonitoringSettings.FirstOrDefaultAsync(m => m.Id == MonitoringSettings.TheRow, ct);
        var before = row?.ReviewCapacityPerDay ?? MonitoringSettings.DefaultReviewCapacity;
        if ((row?.Version ?? Guid.Empty) != expectedVersion)
            throw new EditConflictException($"The review capacity was changed by {row?.ChangedBy ?? "someone else"} since you opened the page (it is now {before} a day). Reload the page, then set it again.");
        if (row is null) db.MonitoringSettings.Add(row = new MonitoringSettings());
        row.ReviewCapacityPerDay = value;
        row.ChangedBy = db.Scope.Actor;
        row.ChangedAt = time.GetUtcNow();
        row.Version = Guid.NewGuid();
        audit.Change("update", "monitoring_settings/review_capacity", $"review capacity {before} → {value} alerts a day");
        await db.SaveChangesOrConflictAsync("The review capacity was changed by someone else at the same time. Reload the page, then set it again.", ct);
    }
}
