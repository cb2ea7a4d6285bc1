using Microsoft.EntityFrameworkCore;
using Probity.Database;

namespace Probity.AuditTrail;

/// <summary>
/// Walks the trail in order against its keyed seals and the signed checkpoints kept outside the database, and names
/// what was done to it: an entry altered, entries re-chained without the key, entries deleted, reordered, or the
/// newest ones truncated or rewritten since a checkpoint.
/// </summary>
internal static class VerifyTrail
{
    internal enum Tamper { Altered, Rechained, Deleted, Reordered, BrokenLink, Truncated, RewrittenSinceCheckpoint, BadCheckpoint, WitnessLost }

    internal sealed record Finding(Tamper Kind, long Sequence, string FirstMessage)
    {
        /// <summary>The last entry of a run of consecutive entries with the same finding.</summary>
        public long Through { get; init; } = Sequence;

        public string Message => Through > Sequence ? $"{FirstMessage} The same holds for every entry through {Through} ({Through - Sequence + 1:N0} entries)." : FirstMessage;
    }

    /// <param name="WitnessedThrough">The newest entry the head witness outside the database names, if there is one.</param>
    internal sealed record Result(long EntriesChecked, long LastSequence, string LastHash, int CheckpointsChecked, long UnkeyedThrough, IReadOnlyList<Finding> Findings,
        long? WitnessedThrough = null)
    {
        public bool Intact => Findings.Count == 0;
        public long? FirstBrokenSequence => Findings.Count == 0 ? null : Findings.Min(f => f.Sequence);
        public string? Problem => Findings.Count == 0 ? null : Findings.MinBy(f => f.Sequence)!.Message;
    }

    private const int MaxFindings = 100;
    // How far from its stored place an entry is looked for when its seal fails there (moved entries).
    private const int ReorderWindow = 64;

    /// <summary>
    /// The whole trail, against every checkpoint in <paramref name="checkpoints"/> and the head <paramref name="witness"/>
    /// kept outside the database.
    /// </summary>
    public static async Task<Result> RunAsync(ProbityDb db, AuditChain chain, TrailCheckpoints checkpoints, TrailHeadWitness? witness, CancellationToken ct = default)
    {
        // The witness is read before the walk: it names only entries committed before it was written, so the walk sees them.
        var witnessed = witness is null ? null : await witness.ReadAsync();
        var loaded = checkpoints.Load();
        var findings = new List<Finding>();
        foreach (var bad in loaded.Where(l => l.Checkpoint is null))
            findings.Add(new(Tamper.BadCheckpoint, 0, $"Checkpoint {bad.File}: {bad.Problem}."));
        foreach (var problem in witnessed?.Problems ?? [])
            findings.Add(new(Tamper.BadCheckpoint, 0, problem));
        var valid = loaded.Where(l => l.Checkpoint is not null).Select(l => l.Checkpoint!).ToList();
        var unkeyedThrough = valid.Count == 0 ? 0 : valid.Max(c => c.UnkeyedThrough);
        var remember = valid.Select(c => c.Sequence).ToHashSet();
        if (witnessed?.Head is { } head) remember.Add(head.Sequence);
        var walk = await WalkAsync(db, chain, 0, AuditChain.Genesis, unkeyedThrough, acceptUnkeyedPrefix: false, remember, ct);
        findings.AddRange(walk.Findings);
        if (witnessed?.Head is { } h) findings.AddRange(AgainstWitness(h, walk));
        if (witnessed is not null && WitnessLost(witnessed, valid) is { } lost) findings.Add(lost);
        foreach (var c in valid.OrderBy(c => c.Sequence))
        {
            if (c.Sequence > walk.LastSequence)
                findings.Add(new(Tamper.Truncated, walk.LastSequence + 1,
                    $"Truncated: the checkpoint of {c.WrittenAt:yyyy-MM-dd HH:mm:ss} UTC anchors entry {c.Sequence}, but the trail ends at entry {walk.LastSequence}: " +
                    $"the newest {c.Sequence - walk.LastSequence:N0} entries were removed."));
            else if (walk.HashesAt.TryGetValue(c.Sequence, out var hash) && hash != c.Hash)
                findings.Add(new(Tamper.RewrittenSinceCheckpoint, c.Sequence,
                    $"Rewritten: entry {c.Sequence} is not the entry the checkpoint of {c.WrittenAt:yyyy-MM-dd HH:mm:ss} UTC anchored; the trail up to it was rewritten after the checkpoint."));
        }
        return new Result(walk.Checked, walk.LastSequence, walk.LastHash, valid.Count, unkeyedThrough,
            [.. findings.OrderBy(f => f.Sequence).Take(MaxFindings)], witnessed?.Head?.Sequence);
    }

    /// <summary>
    /// What the head witness shows about a walk: every truncation an append found (kept for good), and a trail that now
    /// ends before the witnessed entry or holds another entry in its place.
    /// </summary>
    internal static IEnumerable<Finding> AgainstWitness(TrailHeadWitness.Head witnessed, Walk walk)
    {
        foreach (var b in witnessed.Breaks)
            yield return b.Lost is null
                ? new(Tamper.Truncated, b.FoundSequence + 1, $"Truncated: {b.Describe()}.")
                : new(Tamper.WitnessLost, b.FirstUnvouched, $"Witness lost: {b.Describe()}.");
        if (witnessed.Sequence > walk.LastSequence)
            yield return new(Tamper.Truncated, walk.LastSequence + 1,
                $"Truncated: entry {witnessed.Sequence} was committed and witnessed outside the database, " +
                $"but the trail ends at entry {walk.LastSequence}: the newest {witnessed.Sequence - walk.LastSequence:N0} entries were removed.");
        else if (walk.HashesAt.TryGetValue(witnessed.Sequence, out var hash) && hash != witnessed.Hash)
            yield return new(Tamper.RewrittenSinceCheckpoint, witnessed.Sequence,
                $"Rewritten: entry {witnessed.Sequence} is not the entry committed and witnessed outside the database; " +
                "the newest entries were removed and written again.");
    }

    /// <summary>
    /// A witness lost and not yet recorded by an append: missing (or unusable) though a valid checkpoint saw one, or naming
    /// an entry older than a checkpoint saw with no break in it that accounts for that. Checkpoints of schema /1, and a
    /// folder whose checkpoints saw no witness (a new installation), name none, so nothing is reported for them.
    /// </summary>
    internal static Finding? WitnessLost(TrailHeadWitness.Reading witnessed, IEnumerable<TrailCheckpoint> valid)
    {
        if (TrailCheckpoint.HighestWitnessed(valid) is not { } seen) return null;
        var (checkpoint, at) = (seen.Checkpoint.Sequence, seen.Witnessed);
        if (witnessed.Head is null)
            return new(Tamper.WitnessLost, checkpoint + 1,
                $"Witness lost: the head witness outside the database is {(witnessed.Problems.Count == 0 ? "missing" : "missing or unusable")}, but the checkpoint at entry {checkpoint} " +
                $"had seen it at entry {at}: it was deleted, and the entries after entry {checkpoint} cannot be vouched for (any removed since were removed without trace).");
        if (witnessed.Head.OlderThanSeen(at))
            return new(Tamper.WitnessLost, checkpoint + 1,
                $"Witness lost: the head witness outside the database names entry {witnessed.Head.Sequence}, older than entry {at} at which the checkpoint at entry {checkpoint} " +
                $"had seen it: an old copy was put back, and the entries after entry {checkpoint} cannot be vouched for (any removed since were removed without trace).");
        return null;
    }

    /// <summary>
    /// The entries after <paramref name="after"/> (whose hash is <paramref name="afterHash"/>), as a checkpoint writer
    /// checks them before signing: nothing unverified is ever anchored.
    /// </summary>
    internal static Task<Walk> ContinueAsync(ProbityDb db, AuditChain chain, long after, string afterHash, long unkeyedThrough, bool acceptUnkeyedPrefix,
        HashSet<long> remember, CancellationToken ct) =>
        WalkAsync(db, chain, after, afterHash, unkeyedThrough, acceptUnkeyedPrefix, remember, ct);

    internal sealed record Walk(long Checked, long LastSequence, string LastHash, long UnkeyedThrough, List<Finding> Findings, Dictionary<long, string> HashesAt);

    private static async Task<Walk> WalkAsync(ProbityDb db, AuditChain chain, long after, string afterHash, long unkeyedThrough,
        bool acceptUnkeyedPrefix, HashSet<long> remember, CancellationToken ct)
    {
        var findings = new List<Finding>();
        var hashes = new Dictionary<long, string>();
        var previous = afterHash;
        long expected = after + 1, checkedCount = 0, last = after;
        var keyedSeen = false;
        // A window of recent entries, to recognise one that was moved rather than altered.
        var recent = new Queue<AuditEntry>();
        // Streamed in sequence order: the trail may hold millions of entries.
        await foreach (var e in db.AuditEntries.AsNoTracking().Where(x => x.Sequence > after).OrderBy(x => x.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (e.Sequence > expected)
                Add(findings, Tamper.Deleted, expected, $"Deleted: entr{(e.Sequence - expected == 1 ? $"y {expected} is" : $"ies {expected}–{e.Sequence - 1} are")} missing.");
            var keyed = chain.Holds(e);
            var unkeyed = !keyed && AuditChain.UnkeyedHashOf(e) == e.Hash;
            // Entries sealed before the trail was keyed are accepted only as far as a signed checkpoint says (or, when the
            // first checkpoint is taken, as an unbroken prefix before the first keyed entry).
            var legacy = unkeyed && (e.Sequence <= unkeyedThrough || (acceptUnkeyedPrefix && !keyedSeen));
            if (keyed) keyedSeen = true;
            if (legacy && acceptUnkeyedPrefix && !keyedSeen) unkeyedThrough = Math.Max(unkeyedThrough, e.Sequence);
            var sealHolds = keyed || legacy;
            if (!sealHolds)
            {
                if (unkeyed)
                    Add(findings, Tamper.Rechained, e.Sequence, $"Re-chained: entry {e.Sequence} carries a hash computed without the trail's key; it was rewritten (with the entries chained after it) by someone who does not hold the key.");
                else if (MovedFrom(e, chain) is { } original)
                    Add(findings, Tamper.Reordered, e.Sequence, $"Reordered: the entry stored as number {e.Sequence} was written as number {original}.");
                else
                    Add(findings, Tamper.Altered, e.Sequence, $"Altered: entry {e.Sequence} ({e.Action} {e.Target} by {e.Actor}) no longer matches its seal; its content was changed.");
            }
            else if (e.PreviousHash != previous && e.Sequence == expected)
            {
                Add(findings, Tamper.BrokenLink, e.Sequence, $"Broken link: entry {e.Sequence} was sealed after a different entry {e.Sequence - 1}; the entry before it was replaced or moved.");
            }
            if (remember.Contains(e.Sequence)) hashes[e.Sequence] = e.Hash;
            recent.Enqueue(e);
            if (recent.Count > ReorderWindow) recent.Dequeue();
            previous = e.Hash;
            last = e.Sequence;
            expected = e.Sequence + 1;
            checkedCount++;
        }
        return new Walk(checkedCount, last, previous, unkeyedThrough, findings, hashes);
    }

    // The stored seal of a moved entry still holds for the number it was written with.
    private static long? MovedFrom(AuditEntry e, AuditChain chain)
    {
        for (var delta = 1; delta <= ReorderWindow; delta++)
            foreach (var candidate in (ReadOnlySpan<long>)[e.Sequence - delta, e.Sequence + delta])
            {
                if (candidate < 1) continue;
                var probe = new AuditEntry
                {
                    Sequence = candidate, At = e.At, Actor = e.Actor, Action = e.Action, Target = e.Target, Detail = e.Detail,
                    Client = e.Client, PreviousHash = e.PreviousHash, Hash = e.Hash,
                };
                if (chain.Holds(probe)) return candidate;
            }
        return null;
    }

    // Consecutive entries with the same finding (every entry after a re-chaining, say) are reported once, as a range.
    private static void Add(List<Finding> findings, Tamper kind, long sequence, string message)
    {
        if (findings.Count > 0 && findings[^1] is { } last && last.Kind == kind && last.Through + 1 == sequence
            && kind is Tamper.Rechained or Tamper.Altered or Tamper.Reordered)
        {
            findings[^1] = last with { Through = sequence };
            return;
        }
        if (findings.Count < MaxFindings) findings.Add(new(kind, sequence, message) { Through = sequence });
    }
}
