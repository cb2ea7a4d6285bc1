namespace Probity.Database;

/// <summary>
/// A snapshot of derived data that is expensive to load and cheap to keep: reloaded when the store changes
/// (<see cref="StoreChanges"/>) or after ten minutes (which only catches writes by another process, such as a CLI
/// import). When a snapshot is out of date it is still returned at once and a reload starts in the background, so a
/// case edit never makes the next page wait for a reload; <c>fresh</c> waits for the reload instead (reports, CLI).
/// </summary>
internal class StoreSnapshot<T>(IServiceScopeFactory scopes, StoreChanges changes, TimeProvider time, ILogger log,
    Func<ProbityDb, CancellationToken, Task<T>> load) where T : class
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _refreshLock = new();
    private volatile Snapshot? _current;
    private Task? _refreshing;

    private sealed record Snapshot(T Value, long Generation, DateTimeOffset LoadedAt);

    public async Task<T> GetAsync(CancellationToken ct, bool fresh = false)
    {
        var current = _current;
        if (current is not null && IsCurrent(current)) return current.Value;
        if (current is not null && !fresh)
        {
            StartBackgroundRefresh();
            return current.Value;
        }
        return (await LoadAsync(ct)).Value;
    }

    /// <summary>
    /// The snapshot if there is one (current or not) without waiting; starts loading in the background when it is
    /// missing or out of date. For work too slow to do inside a request (training the risk model).
    /// </summary>
    public T? Peek()
    {
        var current = _current;
        if (current is null || !IsCurrent(current)) StartBackgroundRefresh();
        return current?.Value;
    }

    private bool IsCurrent(Snapshot s) => s.Generation == changes.Generation && time.GetUtcNow() - s.LoadedAt < MaxAge;

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
                    log.LogWarning(ex, "Reloading {Snapshot} failed; the previous snapshot stays in use", typeof(T).Name);
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
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            // A snapshot is shared by every reader, so it is read as the shared analytic view: no restricted case enters it.
            using var shared = db.ReadAsSharedAnalytics();
            var value = await load(db, ct);
            var loaded = new Snapshot(value, generation, time.GetUtcNow());
            _current = loaded;
            return loaded;
        }
        finally
        {
            _gate.Release();
        }
    }
}
