using Probity.Infrastructure.Database;

namespace Probity.Performance.Facts;

/// <summary>
/// Holds the current <see cref="PerformanceFacts"/>. Reloaded when the store changes (<see cref="StoreChanges"/>) or after a minute at most, so the dashboard answers from memory and the report and
/// the CLI see the same numbers.
/// </summary>
public sealed class FactsCache(IServiceScopeFactory scopes, StoreChanges changes, TimeProvider time)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private PerformanceFacts? _facts;
    private long _loadedGeneration = -1;

    public async Task<PerformanceFacts> GetAsync(CancellationToken ct)
    {
        var current = _facts;
        if (current is not null && _loadedGeneration == changes.Generation && time.GetUtcNow() - current.LoadedAt < MaxAge)
            return current;
        await _gate.WaitAsync(ct);
        try
        {
            var generation = changes.Generation;
            if (_facts is not null && _loadedGeneration == generation && time.GetUtcNow() - _facts.LoadedAt < MaxAge) return _facts;
            await using var scope = scopes.CreateAsyncScope();
            _facts = await PerformanceFacts.LoadAsync(scope.ServiceProvider.GetRequiredService<ProbityDb>(), time, ct);
            _loadedGeneration = generation;
            return _facts;
        }
        finally
        {
            _gate.Release();
        }
    }
}
