using Microsoft.EntityFrameworkCore;
using Probity.Database;

namespace Probity.AuditTrail;

/// <summary>
/// Anchors the trail's head outside the database: checks the entries written since the last checkpoint (links and
/// keyed seals) and, only if they hold, signs a new checkpoint. Runs at start-up, every
/// <c>Probity:Audit:CheckpointMinutes</c> (default 15) in the web host, and on demand (<c>probity trail checkpoint</c>).
/// </summary>
internal sealed class TrailCheckpointer(IServiceScopeFactory scopes, AuditSealing sealing, TrailCheckpoints checkpoints, IConfiguration configuration, ILogger<TrailCheckpointer> log)
    : BackgroundService
{
    public const string IntervalSetting = "Probity:Audit:CheckpointMinutes";

    internal sealed record Outcome(string? File, long Sequence, IReadOnlyList<VerifyTrail.Finding> Findings)
    {
        public bool Refused => Findings.Count > 0;
    }

    public async Task<Outcome> WriteAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        // Read before the trail, as verification does: the witness never names an entry committed after it is read.
        var reading = sealing.Witness is { } witness ? await witness.ReadAsync() : null;
        var witnessed = reading?.Head;
        var valid = checkpoints.Load().Where(l => l.Checkpoint is not null).Select(l => l.Checkpoint!).ToList();
        var latest = valid.MaxBy(c => c.Sequence);
        var after = latest?.Sequence ?? 0;
        var afterHash = latest?.Hash ?? AuditChain.Genesis;
        // A witness deleted (or put back older) since a checkpoint saw it: nothing is signed until an append has recorded
        // the loss (and written the witness afresh with it), or the next checkpoint would name no witness, or an old one.
        if (reading is not null && VerifyTrail.WitnessLost(reading, valid) is { } lost)
            return new Outcome(null, after, [lost]);
        var unkeyedThrough = valid.Count == 0 ? 0 : valid.Max(c => c.UnkeyedThrough);
        if (latest is not null)
        {
            var stored = await db.AuditEntries.AsNoTracking().Where(e => e.Sequence == after).Select(e => e.Hash).FirstOrDefaultAsync(ct);
            if (stored != afterHash)
                return new Outcome(null, after, [new(VerifyTrail.Tamper.RewrittenSinceCheckpoint, after, stored is null
                    ? $"Truncated: entry {after}, anchored by the last checkpoint, is no longer in the trail."
                    : $"Rewritten: entry {after} is not the entry the last checkpoint anchored.")]);
        }
        // The keyed chain is created here on a new installation (the first checkpoint of an empty trail signs nothing).
        HashSet<long> remember = witnessed is null ? [] : [witnessed.Sequence];
        var walk = await VerifyTrail.ContinueAsync(db, sealing.Chain, after, afterHash, unkeyedThrough, acceptUnkeyedPrefix: latest is null, remember, ct);
        if (walk.Findings.Count > 0) return new Outcome(null, after, walk.Findings);
        // A trail shorter than its witness, or holding another entry where the witness names one, is not signed: the
        // newest entries were deleted and the head moved back since the last checkpoint. (Truncations an append found
        // earlier are reported by verification for good; a checkpoint still anchors the trail as it now stands.)
        if (witnessed is not null && VerifyTrail.AgainstWitness(witnessed with { Breaks = [] }, walk).ToList() is { Count: > 0 } behind)
            return new Outcome(null, after, behind);
        if (walk.LastSequence == after) return new Outcome(null, after, []);
        var file = checkpoints.Write(walk.LastSequence, walk.LastHash, walk.UnkeyedThrough, witnessed?.Sequence, sealing.Time.GetUtcNow());
        return new Outcome(file, walk.LastSequence, []);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = configuration.GetValue(IntervalSetting, 15.0);
        if (minutes <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes), sealing.Time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var outcome = await WriteAsync(stoppingToken);
                if (outcome.Refused)
                    log.LogCritical("The audit trail failed verification; no checkpoint was signed: {Problems}", string.Join(" | ", outcome.Findings.Select(f => f.Message)));
                else if (outcome.File is not null)
                    log.LogInformation("Audit trail checkpoint at entry {Sequence}: {File}", outcome.Sequence, outcome.File);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Writing the audit trail checkpoint failed; will retry");
            }
        }
    }
}
