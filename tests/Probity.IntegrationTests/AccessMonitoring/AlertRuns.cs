using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probity.AccessMonitoring.Alerts;
using Probity.AccessMonitoring.Detection;
using Probity.AuditTrail.Contracts;
using Probity.Database;

namespace Probity.IntegrationTests.AccessMonitoring;

/// <summary>
/// What the tests of detection re-running over a day share (ADR 0035, 0036): a run as the daily job makes it, the alerts as
/// stored, and an alert changed as an earlier run or a reviewer left it (on the trail, as any change).
/// </summary>
internal static class AlertRuns
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<DetectionReport> DetectAsync(ProbityApp app, DateOnly day)
    {
        await using var scope = app.SystemScope();
        return await scope.ServiceProvider.GetRequiredService<DetectMisuse>().HandleAsync(day, day, null, Ct);
    }

    public static async Task<Dictionary<string, MisuseAlert>> AlertsAsync(ProbityApp app, params string[] ids)
    {
        await using var scope = app.SystemScope();
        return await scope.ServiceProvider.GetRequiredService<ProbityDb>().MisuseAlerts.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, Ct);
    }

    public static async Task<MisuseAlert> ChangeAsync(ProbityApp app, string id, Action<MisuseAlert> change, string detail = "as an earlier run and a reviewer left it")
    {
        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        var row = await db.MisuseAlerts.SingleAsync(a => a.Id == id, Ct);
        change(row);
        scope.ServiceProvider.GetRequiredService<Audit>().Change("test", $"misuse_alert/{id}", detail);
        await db.SaveChangesAsync(Ct);
        return row;
    }

    /// <summary>Dismissed by an investigator as legitimate business, as the alert page would.</summary>
    public static void Dismiss(MisuseAlert row) =>
        (row.Status, row.DismissReason, row.Note, row.DecidedBy, row.DecidedAt, row.Version) =
        (AlertStatus.Dismissed, "legitimate_business", "Tasked that day.", "investigator", row.DetectedAt, Guid.NewGuid());

    /// <summary>The London day detection files the alert under.</summary>
    public static DateOnly Day(MisuseAlert a) => DateOnly.FromDateTime(LondonTime.ToLocal(a.FirstEventTime).Date);
}
