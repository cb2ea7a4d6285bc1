using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Probity.AuditTrail;

namespace Probity.Database;

/// <summary>
/// A counter that moves whenever case or workforce data changes, so caches of derived figures (the performance
/// facts) know to reload. Audit entries do not count: reading must not invalidate what was read.
/// </summary>
internal sealed class StoreChanges
{
    private long _generation;

    public long Generation => Interlocked.Read(ref _generation);

    public void Notify() => Interlocked.Increment(ref _generation);

    /// <summary>Notices every EF save that touches anything but the audit trail.</summary>
    internal sealed class Interceptor(StoreChanges changes) : SaveChangesInterceptor
    {
        public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            Observe(eventData.Context);
            return ValueTask.FromResult(result);
        }

        public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
        {
            Observe(eventData.Context);
            return result;
        }

        private void Observe(DbContext? context)
        {
            if (context is null) return;
            // After a save, entries are Unchanged; anything tracked that is not an audit entry may have been written.
            if (context.ChangeTracker.Entries().Any(e => e.Entity is not AuditEntry)) changes.Notify();
        }
    }
}
