using Probity.AuditTrail.Contracts;

namespace Probity.AccessMonitoring.EventStore;

/// <summary>
/// Keeps the event store's small segments few without anyone remembering to: once a minute, if the small segments
/// that batches landed as have passed their thresholds (<see cref="CompactionSettings"/>), they are merged into one
/// partitioned segment, and the merge is audited. Off with Probity:AccessMonitoring:CompactAutomatically=false;
/// <c>probity audit compact</c> merges on demand.
/// </summary>
internal sealed class SegmentCompaction(IServiceScopeFactory scopes, IAccessEventStore store, TimeProvider time, IConfiguration configuration, ILogger<SegmentCompaction> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Probity:AccessMonitoring:CompactAutomatically", true)) return;
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
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
                // The store may be busy (an ingest from the CLI) or unreadable; nothing was changed, and the next minute tries again.
                log.LogWarning(ex, "Compaction of the access-event store's small segments did not run this minute");
            }
        }
    }

    /// <summary>Merges the small segments if they are due; the result (nothing when not due).</summary>
    public async Task<CompactionResult> RunOnceAsync(CancellationToken ct)
    {
        var result = await store.CompactAsync(force: false, ct);
        if (result.Segments == 0) return result;
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Audit>().RecordAsync("compact", "access_events", Describe(result), ct);
        log.LogInformation("Compacted {Segments} small segments ({Events:N0} events) into segment folder {Folder} in {Seconds:F1}s",
            result.Segments, result.Events, result.Folder, result.Elapsed.TotalSeconds);
        return result;
    }

    public static string Describe(CompactionResult result) =>
        $"compact segments={result.Segments} events={result.Events} into folder {result.Folder}";
}
