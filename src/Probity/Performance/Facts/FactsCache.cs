using Probity.Database;

namespace Probity.Performance.Facts;

/// <summary>The performance facts, shared by the dashboard, the report and the CLI.</summary>
internal sealed class FactsCache(IServiceScopeFactory scopes, StoreChanges changes, TimeProvider time, ILogger<FactsCache> log)
    : StoreSnapshot<PerformanceFacts>(scopes, changes, time, log, (db, ct) => PerformanceFacts.LoadAsync(db, time, ct));
