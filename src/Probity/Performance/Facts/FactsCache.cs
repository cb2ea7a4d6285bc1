using Probity.Infrastructure.Database;

namespace Probity.Performance.Facts;

/// <summary>
/// Holds the current <see cref="PerformanceFacts"/>. Reloaded when the store changes (<see cref="StoreChanges"/>) or after a minute at most, so the dashboard answers from memory and the report and
/// the CLI see the same numbers.
/// </summary>
public sealed class FactsCache(IServiceScopeFactory scopes, StoreChanges changes, TimeProvider time, ILogger<FactsCache> log)
{
    // Changes made in this process are noticed at once; the age limit only catches writes by another process (a CLI import).
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _refreshLock = new();
    private volatile Snapshot? _current;
    private Task? _refreshing;

    private sealed record Snapshot(PerformanceFacts Facts, long Generation);

    /// <summary>
    /// The facts. When they are out of date but a snapshot exists, the snapshot is returned at once and a reload
    /// starts in the background (a case edit must not make the next dashboard view wait a second and a half);
    /// <paramref name="fresh"/> waits for the reload instead (the quarterly report, the CLI).
    /// </summary>
    public async Task<PerformanceFacts> GetAsync(CancellationToken ct, bool fresh = false)
    {
        var current = _current;
        if (current is not null && IsCurrent(current)) return current.Facts;
        if (current is not null && !fresh)
        {
            StartBackgroundRefresh();
            return current.Facts;
        }
        return (await LoadAsync(ct)).Facts;
    }

    private bool IsCurrent(Snapshot s) => s.Generation == changes.Generation && time.GetUtcNow() - s.Facts.LoadedAt < MaxAge;

    private void StartBackgroundRefresh()
    {
        lock (_refreshLock)
        {
            if (_refreshing is { IsCompleted: false }) return;
            _refreshing = Task.Run(async () =>
            {
                try { await LoadAsync(CancellationToken.None); }
                catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException)
                {
                    log.LogWarning(ex, "Reloading the performance facts failed; the previous snapshot stays in use");
                }
            });
        }
    }

    private async Task<Snapshot> LoadAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_current is { } s && IsCurrent(s)) return s;
            var generation = changes.Generation;
            await using var scope = scopes.CreateAsyncScope();
            var facts = await PerformanceFacts.LoadAsync(scope.ServiceProvider.GetRequiredService<ProbityDb>(), time, ct);
            var loaded = new Snapshot(facts, generation);
            _current = loaded;
            return loaded;
        }
        finally
        {
            _gate.Release();
        }
    }
}
