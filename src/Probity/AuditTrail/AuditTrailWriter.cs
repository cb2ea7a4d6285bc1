using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Probity.Infrastructure.Database;

namespace Probity.AuditTrail;

/// <summary>
/// Appends to the trail. Every caller awaits its own entry being durably written before it may show data,
/// but entries arriving together are chained and committed in one transaction (group commit), so fifty users
/// reading at once cost one write, not fifty. A single writer owns the chain's head, so the chain never forks.
/// </summary>
public sealed class AuditTrailWriter : BackgroundService
{
    private readonly Channel<(AuditRecord Record, TaskCompletionSource Written)> _queue =
        Channel.CreateBounded<(AuditRecord, TaskCompletionSource)>(new BoundedChannelOptions(10_000) { SingleReader = true });
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private readonly ILogger<AuditTrailWriter> _log;

    public AuditTrailWriter(IServiceScopeFactory scopes, TimeProvider time, ILogger<AuditTrailWriter> log)
    {
        _scopes = scopes;
        _time = time;
        _log = log;
    }

    /// <summary>Writes the record to the trail and returns once it is committed.</summary>
    public async Task RecordAsync(AuditRecord record, CancellationToken ct = default)
    {
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync((record, written), ct);
        await written.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<(AuditRecord Record, TaskCompletionSource Written)>(256);
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < 512 && reader.TryRead(out var item)) batch.Add(item);
                await WriteBatchAsync(batch);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Drain what is already queued so no acknowledged-pending read goes unrecorded on shutdown.
            while (reader.TryRead(out var item)) batch.Add(item);
            if (batch.Count > 0) await WriteBatchAsync(batch);
        }
    }

    private async Task WriteBatchAsync(List<(AuditRecord Record, TaskCompletionSource Written)> batch)
    {
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            await using var tx = await db.Database.BeginTransactionAsync();
            var head = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence)
                .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync();
            var sequence = head?.Sequence ?? 0;
            var previous = head?.Hash ?? AuditChain.Genesis;
            var now = _time.GetUtcNow();
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
            foreach (var (_, written) in batch) written.TrySetResult();
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            // A read that cannot be audited must not be shown: fail every waiting request.
            _log.LogError(ex, "Writing {Count} audit entries failed", batch.Count);
            foreach (var (_, written) in batch) written.TrySetException(ex);
        }
    }
}
