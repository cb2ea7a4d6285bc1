using Microsoft.EntityFrameworkCore;
using Probity.AuditTrail.Contracts;
using Probity.Database;
using Probity.Registers.Contracts;

namespace Probity.DemoForce;

/// <summary>
/// The demo boroughs' monthly returns (ADR 0026): twelve months to the demo's last month for every borough, except that
/// every fourth borough has not yet sent the last month's, so the "not yet sent" list has names in it. Counts are small,
/// steady and deterministic (from the borough and the month), as a borough's local handling gives.
/// </summary>
internal static class DemoBoroughReturns
{
    public static async Task LoadAsync(ProbityDb db, Audit audit, DateOnly until, CancellationToken ct)
    {
        var boroughs = await db.Units.AsNoTracking().Where(u => u.Kind == "borough").OrderBy(u => u.Id).Select(u => u.Id).ToListAsync(ct);
        var last = new DateOnly(until.Year, until.Month, 1);
        var sentAt = new DateTimeOffset(until.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        for (var b = 0; b < boroughs.Count; b++)
        {
            for (var back = 11; back >= 0; back--)
            {
                if (back == 0 && b % 4 == 3) continue;
                var month = last.AddMonths(-back);
                var seed = (b * 31) + (month.Month * 7) + month.Year;
                var row = new BoroughReturn
                {
                    BoroughUnitId = boroughs[b], Year = month.Year, Month = month.Month,
                    WrittenWarnings = seed % 4, FinalWrittenWarnings = seed % 7 == 0 ? 1 : 0, ManagementAdvice = 2 + (seed % 5),
                    SentBy = "demo force", SentAt = month.Year == until.Year && month.Month == until.Month ? sentAt : new DateTimeOffset(month.AddMonths(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
                    SentThrough = "form",
                };
                db.BoroughReturns.Add(row);
                audit.Change("borough_return_sent", $"borough_return:{row.BoroughUnitId}:{row.Year}-{row.Month:D2}", "demo force");
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
