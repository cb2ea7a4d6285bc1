using System.Threading.Channels;
using Probity.Database;

namespace Probity.AuditTrail;

/// <summary>
/// Appends reads to the trail. Every caller awaits its own entry being durably written before it may show data,
/// but entries arriving together are chained and committed in one transaction (group commit), so fifty users
/// reading at once cost one write, not fifty. The database orders the entries (<see cref="AuditAppender"/>), so
/// this writer, the command line, other instances and changes saved with their entries all append safely at once.
/// </summary>
internal sealed class AuditTrailWriter(IServiceScopeFactory scopes, ILogger<AuditTrailWriter> log) : IHostedService, IAsyncDisposable
{
    private readonly Channel<(AuditRecord Record, TaskCompletionSource Written)> _queue =
        Channel.CreateBounded<(AuditRecord, TaskCompletionSource)>(new BoundedChannelOptions(10_000) { SingleReader = true });
    private readonly Lock _startLock = new();
    private Task? _loop;

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
            foreach (var (record, _) in batch) db.StageAudit(() => record);
            await db.SaveChangesAsync();
            foreach (var (_, written) in batch) written.TrySetResult();
        }
        catch (Exception ex)
        {
            // A read that cannot be audited must not be shown: fail every waiting request (the page answers 500 and
            // shows nothing). Whatever the cause, the loop must keep serving the next batch.
            log.LogError(ex, "Writing {Count} audit entries failed", batch.Count);
            foreach (var (_, written) in batch) written.TrySetException(ex);
        }
    }
}
