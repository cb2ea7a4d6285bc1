using Microsoft.EntityFrameworkCore;
using Probity.Database;

namespace Probity.AccessMonitoring.Contracts;

/// <summary>Information-misuse alerts detected in one year, and how many of them were dismissed.</summary>
internal sealed record AlertYear(int Year, int Detected, int Dismissed);

/// <summary>
/// How many information-misuse alerts were detected each year, for the control strategy's evidence (ADR control-strategy):
/// counts only, never who or what an alert is about. As the reader's view (an alert about the reader is not counted for them).
/// </summary>
internal sealed class AlertCounts(ProbityDb db)
{
    public async Task<IReadOnlyList<AlertYear>> ByYearAsync(CancellationToken ct)
    {
        // Moments are stored as ticks, so the year is taken here rather than in SQL.
        var alerts = await db.MisuseAlerts.AsNoTracking().Select(a => new { a.DetectedAt, a.Status }).ToListAsync(ct);
        return [.. alerts.GroupBy(a => a.DetectedAt.UtcDateTime.Year).OrderBy(g => g.Key)
            .Select(g => new AlertYear(g.Key, g.Count(), g.Count(a => a.Status == Alerts.AlertStatus.Dismissed)))];
    }
}
