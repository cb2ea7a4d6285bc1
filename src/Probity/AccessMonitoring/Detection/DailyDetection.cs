using Probity.AccessMonitoring.EventStore;

namespace Probity.AccessMonitoring.Detection;

/// <summary>
/// Proactive monitoring without anyone remembering to run it: once an hour, if the day due (<see cref="DayDue"/>: the
/// last London day that ended at least <see cref="OwnRecords.HoursBefore"/> ago, so a record made in those hours can
/// still explain its looks, the arrest looked up at 23:00 and written up at 01:00) has events and has not been
/// examined, detection runs for it.
/// Off with Probity:AccessMonitoring:DetectDaily=false.
/// </summary>
internal sealed class DailyDetection(IServiceScopeFactory scopes, IAccessEventStore store, MisuseRuleSet rules, TimeProvider time, IConfiguration configuration, ILogger<DailyDetection> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Probity:AccessMonitoring:DetectDaily", true)) return;
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is Probity.Kernel.StoreBusyException or InvalidOperationException or IOException or DuckDB.NET.Data.DuckDBException)
            {
                // The store may be busy (an ingest from the CLI), unreadable or not yet there; the next hour tries again.
                log.LogWarning(ex, "Daily misuse detection did not run this hour");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>
    /// The day whose detection is due: the last London day that ended at least <paramref name="hoursBefore"/> hours ago
    /// (the day before the London date <paramref name="hoursBefore"/> hours ago). Every day is due for a whole day of
    /// hourly tries, whatever the setting (0-72) and across the clock changes.
    /// </summary>
    internal static DateOnly DayDue(DateTimeOffset now, int hoursBefore) =>
        DateOnly.FromDateTime(LondonTime.ToLocal(now.AddHours(-hoursBefore)).DateTime).AddDays(-1);

    /// <summary>Runs detection for the day due if it has events and no run yet; true when it ran.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken ct)
    {
        var yesterday = DayDue(time.GetUtcNow(), rules.OwnRecords.HoursBefore);
        if ((await store.ExplanationSharesAsync(yesterday, yesterday, ct)).Count > 0) return false;
        var summary = await store.SummaryAsync(ct);
        if (summary.LastEvent is not { } last || last < LondonTime.StartOfDay(yesterday)) return false;
        await using var scope = scopes.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<DetectMisuse>().HandleAsync(yesterday, yesterday, null, ct);
        log.LogInformation("Misuse detection for {Day}: {Events:N0} accesses, {Alerts} alerts ({New} new, {Merged} earlier closed as held by them) in {Seconds:F1}s",
            yesterday, report.Output.EventsExamined, report.Alerts.Count, report.NewAlerts, report.ClosedAsMerged, report.Elapsed.TotalSeconds);
        return true;
    }
}
