using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Probity.Infrastructure.Database;

namespace Probity.AuditTrail;

/// <summary>
/// Appends to the trail. Every caller awaits its own entry being durably written before it may show data,
/// but entries arriving together are chained and committed in one transaction (group commit), so fifty users
/// reading at once cost one write, not fifty. A single writer owns the chain's head, so the chain never forks.
/// </summary>
public sealed class AuditTrailWriter(IServiceScopeFactory scopes, TimeProvider time, ILogger<AuditTrailWriter> log) : IHostedService, IAsyncDisposable
{
    private readonly Channel<(AuditRecord Record, TaskCompletionSource Written)> _queue =
        Channel.CreateBounded<(AuditRecord, TaskCompletionSource)>(new BoundedChannelOptions(10_000) { SingleReader = true });
    private readonly Lock _startLock = new();
    private Task? _loop;
    private (long Sequence, string Hash)? _head;

    /// <summary>Writes the record to the trail and returns once it is committed.</summary>
    public async Task RecordAsync(AuditRecord record, CancellationToken ct = default)
    {
        EnsureRunning();
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync((record, written), ct);
        await written.Task.WaitAsync(ct);
    }

    // Started on first use as well as by the host, so start-up work (demo seeding, CLI verbs) can be audited
    // before the host's hosted services run.
    private void EnsureRunning()
    {
        if (_loop is not null) return;
        lock (_startLock) _loop ??= Task.Run(RunAsync);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        EnsureRunning();
        return Task.CompletedTask;
    }

    /// <summary>Stops taking entries and waits until every queued one is written: no acknowledged read goes unrecorded.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        if (_loop is not null) await _loop.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    private async Task RunAsync()
    {
        var batch = new List<(AuditRecord Record, TaskCompletionSource Written)>(256);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            while (batch.Count < 512 && reader.TryRead(out var item)) batch.Add(item);
            await WriteBatchAsync(batch);
            batch.Clear();
        }
    }

    private async Task WriteBatchAsync(List<(AuditRecord Record, TaskCompletionSource Written)> batch)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            await using var tx = await db.Database.BeginTransactionAsync();
            // The chain's head is read once and then kept here: this writer is the only one appending.
            if (_head is null)
            {
                var stored = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence)
                    .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync();
                _head = (stored?.Sequence ?? 0, stored?.Hash ?? AuditChain.Genesis);
            }
            var (sequence, previous) = _head.Value;
            // Whole microseconds: PostgreSQL keeps no finer, and the hash must survive the round trip.
            var ticks = time.GetUtcNow().UtcTicks;
            var now = new DateTimeOffset(ticks - ticks % 10, TimeSpan.Zero);
            foreach (var (record, _) in batch)
            {
                sequence++;
                var entry = new AuditEntry
                {
                    Sequence = sequence, At = now, Actor = record.Actor, Action = record.Action, Target = record.Target,
                    Detail = record.Detail, Client = record.Client, PreviousHash = previous, Hash = "",
                };
                entry.Hash = AuditChain.HashOf(entry);
                previous = entry.Hash;
                db.AuditEntries.Add(entry);
            }
            await db.SaveChangesAsync();
            await tx.CommitAsync();
            _head = (sequence, previous);
            foreach (var (_, written) in batch) written.TrySetResult();
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            // A read that cannot be audited must not be shown: fail every waiting request, and re-read the head next time.
            _head = null;
            log.LogError(ex, "Writing {Count} audit entries failed", batch.Count);
            foreach (var (_, written) in batch) written.TrySetException(ex);
        }
    }
}
