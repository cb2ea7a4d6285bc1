using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Probity.AuditTrail;

/// <summary>
/// The trail's newest committed entry, kept outside the database (<c>trail-head.json</c> beside the checkpoints) and
/// moved forward after every commit that appends to the trail. A database administrator who drops the triggers,
/// deletes the newest entries and moves <c>audit_head</c> back leaves a chain that holds and a checkpoint that would
/// sign it; the witness still names the entry that had been committed. So:
/// <list type="bullet">
/// <item>every append compares, under the trail's lock, the head the database holds with the witness: a head behind
/// it is recorded at once (a <see cref="Break"/> kept in the witness for good, and a <c>trail_truncated</c> entry);</item>
/// <item>a checkpoint refuses to sign, and <c>trail verify</c> reports, a trail shorter than its witness, or whose
/// witnessed entry is not the one witnessed.</item>
/// </list>
/// The witness is written only after the database has committed, so it never runs ahead of a trail nobody touched:
/// it may lag (a process stopped between commit and write), never lead. It is sealed under the trail's key, so a
/// file written by anyone without the key is set aside and reported, not believed. Processes sharing a store must
/// share this folder (as they share the checkpoints); writers take a file lock, and the witness only moves forward.
/// It holds no time of day: a witness moved by an anonymous reporter's act would otherwise say when the reporter was
/// here, which the trail itself keeps to the day (ADR 0014). A break keeps the day it was found; its entry, the time.
/// </summary>
/// <remarks>
/// A missing witness is a new installation only while no signed checkpoint has seen one: each checkpoint names the head
/// the witness named when it was signed (<see cref="TrailCheckpoint.WitnessedSequence"/>). A witness missing (or not
/// sealed) after that, or naming an entry older than one a checkpoint saw, was deleted or put back; the entries after
/// that checkpoint cannot be vouched for. It is kept as a <see cref="Break"/> (of kind <see cref="Break.Lost"/>) and put
/// on the trail as a <c>trail_witness_missing</c> or <c>trail_witness_rolled_back</c> entry, by the next append.
/// </remarks>
internal sealed class TrailHeadWitness(string folder, Func<AuditChain> chain, TimeProvider time, ILogger? log = null, TrailCheckpoints? checkpoints = null)
{
    public const string FileName = "trail-head.json";
    public const string CurrentSchema = "probity-trail-head/1";
    private const string LockFileName = "trail-head.lock";
    private const string SetAsidePrefix = "trail-head-unsealed-";
    private const string SealPurpose = "trail-head";
    private const int MaxBreaks = 100;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Kinds of <see cref="Break.Lost"/>: the witness was missing (or not sealed), or named an older entry than a checkpoint saw.</summary>
    public const string Missing = "missing";
    public const string RolledBack = "rolled_back";
    private readonly Lock _gate = new();

    public string Folder { get; } = Path.GetFullPath(folder);

    public string FilePath => Path.Combine(Folder, FileName);

    /// <summary>
    /// The database's head was found behind the witness: <see cref="WitnessedSequence"/> had been committed, the head was
    /// <see cref="FoundSequence"/>. Or, when <see cref="Lost"/> is set, the witness itself was lost: missing (or not
    /// sealed), or put back at <see cref="OlderSequence"/>, when the head was <see cref="FoundSequence"/>, though the
    /// checkpoint at entry <see cref="CheckpointSequence"/> had seen it at <see cref="WitnessedSequence"/>. Days, never times.
    /// </summary>
    internal sealed record Break(
        [property: JsonPropertyName("witnessed_sequence")] long WitnessedSequence,
        [property: JsonPropertyName("witnessed_hash")] string WitnessedHash,
        [property: JsonPropertyName("found_sequence")] long FoundSequence,
        [property: JsonPropertyName("found_on")] DateOnly FoundOn,
        [property: JsonPropertyName("lost")] string? Lost = null,
        [property: JsonPropertyName("checkpoint_sequence")] long? CheckpointSequence = null,
        [property: JsonPropertyName("older_sequence")] long? OlderSequence = null)
    {
        /// <summary>The first entry this break leaves unvouched for.</summary>
        public long FirstUnvouched => Lost is null ? FoundSequence + 1 : (CheckpointSequence ?? 0) + 1;

        public string Describe() => Lost switch
        {
            Missing => $"on {FoundOn:yyyy-MM-dd} the head witness outside the database was missing when entry {FoundSequence + 1} was appended, " +
                $"but the checkpoint at entry {CheckpointSequence} had seen it at entry {WitnessedSequence}: it was deleted (or replaced by a file not sealed " +
                $"with the trail's key), and the entries after entry {CheckpointSequence} cannot be vouched for (any removed since were removed without trace)",
            RolledBack => $"on {FoundOn:yyyy-MM-dd} the head witness outside the database named entry {OlderSequence} when entry {FoundSequence + 1} was appended, " +
                $"older than entry {WitnessedSequence} at which the checkpoint at entry {CheckpointSequence} had seen it: an old copy was put back, " +
                $"and the entries after entry {CheckpointSequence} cannot be vouched for (any removed since were removed without trace)",
            _ => Truncation(),
        };

        private string Truncation() => WitnessedSequence > FoundSequence
            ? $"on {FoundOn:yyyy-MM-dd} the trail's head was entry {FoundSequence}, but entry {WitnessedSequence} had been committed and witnessed outside the database: " +
              $"the newest {WitnessedSequence - FoundSequence:N0} entries were removed and the head moved back"
            : $"on {FoundOn:yyyy-MM-dd} the trail's head was an entry {FoundSequence} other than the one committed and witnessed outside the database: " +
              "the newest entries were removed and replaced";
    }

    internal sealed record Head(
        [property: JsonPropertyName("schema")] string Schema,
        [property: JsonPropertyName("sequence")] long Sequence,
        [property: JsonPropertyName("hash")] string Hash,
        [property: JsonPropertyName("breaks")] IReadOnlyList<Break> Breaks,
        [property: JsonPropertyName("seal")] string Seal)
    {
        /// <summary>What is sealed: every field but the seal, in a fixed order.</summary>
        internal string SealedText() => string.Join('|', [
            Schema, Sequence.ToString(CultureInfo.InvariantCulture), Hash,
            .. Breaks.Select(b => string.Join(',', [b.WitnessedSequence.ToString(CultureInfo.InvariantCulture), b.WitnessedHash,
                b.FoundSequence.ToString(CultureInfo.InvariantCulture), b.FoundOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                // A truncation seals as it always did, so witnesses written before lost breaks existed still hold.
                .. b.Lost is null ? (string[])[] : [b.Lost, b.CheckpointSequence?.ToString(CultureInfo.InvariantCulture) ?? "",
                    b.OlderSequence?.ToString(CultureInfo.InvariantCulture) ?? ""]]))]);

        /// <summary>
        /// Whether this witness names an entry older than <paramref name="witnessed"/>, the head a checkpoint saw it at, with
        /// no break kept here to account for it (after a truncation it follows the database back): an old copy put back.
        /// </summary>
        internal bool OlderThanSeen(long witnessed) => Sequence < witnessed && !Breaks.Any(b => b.WitnessedSequence >= witnessed);
    }

    /// <summary>The witness as found, and what is wrong with the folder: an unsealed witness, or one set aside earlier.</summary>
    internal sealed record Reading(Head? Head, IReadOnlyList<string> Problems);

    /// <summary>
    /// Reads the witness for verification, after writing what this process has committed and not yet witnessed. A
    /// missing witness is no problem (a new installation, or one upgraded since).
    /// </summary>
    public async Task<Reading> ReadAsync()
    {
        await FlushAsync();
        var problems = new List<string>();
        var head = Load(out var problem);
        if (problem is not null) problems.Add($"The head witness {FilePath}: {problem}.");
        if (Directory.Exists(Folder))
            foreach (var aside in Directory.EnumerateFiles(Folder, SetAsidePrefix + "*.json").Order(StringComparer.Ordinal))
                problems.Add($"The head witness was found unsealed (written by someone without the trail's key) and set aside as {Path.GetFileName(aside)}.");
        return new Reading(head, problems);
    }

    /// <summary>
    /// Called by every append with the trail's lock held and the head the database holds. A head behind the witness (or
    /// behind an entry this process saw committed and has not yet written to it) is a truncation: it is kept in the
    /// witness, once for each witnessed head, and returned, so the append can record it.
    /// </summary>
    public async Task<Break?> CheckAsync(long sequence, string hash)
    {
        var file = LoadCached(out var reloaded, out var state);
        if (!Behind(Highest(file), sequence, hash)) return await CheckLostAsync(file, reloaded, state, sequence, hash);
        await FlushAsync();
        lock (_gate)
        {
            FileStream? fileLock = null;
            try
            {
                fileLock = AcquireFileLock();
                var current = Load(out _);
                if (current is null || !Behind((current.Sequence, current.Hash), sequence, hash)
                    || current.Breaks.Any(b => b.WitnessedSequence == current.Sequence && b.WitnessedHash == current.Hash)
                    || _unwrittenBreak is { } u && u.WitnessedSequence == current.Sequence && u.WitnessedHash == current.Hash) return null;
                var found = new Break(current.Sequence, current.Hash, sequence, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
                log?.LogCritical("The audit trail was truncated: {Break}", found.Describe());
                // The break is kept for good (the first ones, and the newest, when there are very many), and the witness
                // follows the database's head from here: left at the lost entry, it would take every later truncation
                // for this one and report none of them.
                var breaks = current.Breaks.Count < MaxBreaks ? [.. current.Breaks, found] : (Break[])[.. current.Breaks.Take(MaxBreaks - 1), found];
                try
                {
                    Write(current with { Sequence = sequence, Hash = hash, Breaks = breaks });
                    _unwrittenBreak = null;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Found is found: the entry goes on the trail even when the witness cannot keep it (once per process).
                    _unwrittenBreak = found;
                    log?.LogError(ex, "The truncation found could not be kept in the head witness {Path}", FilePath);
                }
                return found;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The witness cannot be read or locked: nothing is known to compare, and the append must not fail for it.
                log?.LogError(ex, "The audit trail's head witness {Path} could not be read to check the head", FilePath);
                return null;
            }
            finally
            {
                fileLock?.Dispose();
            }
        }
    }

    // A truncation found while the witness could not be written: reported once by this process, not on every append.
    private Break? _unwrittenBreak;

    /// <summary>
    /// The witness missing (or not sealed) though a checkpoint saw one, or (when the file changed since this process last
    /// read it, and at its first append) naming an older entry than a checkpoint saw: kept in a witness written afresh at the
    /// database's head, and returned for the append to record. Never throws: a finding never fails the append that found it.
    /// </summary>
    private async Task<Break?> CheckLostAsync(Head? file, bool reloaded, LoadState state, long sequence, string hash)
    {
        if (checkpoints is null || _unwrittenBreak is { Lost: not null }) return null;
        try
        {
            if (state is LoadState.Missing or LoadState.Unsealed)
            {
                if (checkpoints.HighestWitnessed(refresh: true) is null) return null;
            }
            else if (!(reloaded && file is not null && checkpoints.HighestWitnessed(refresh: false) is { } seen && file.OlderThanSeen(seen.Witnessed)))
                return null;
            await FlushAsync();
            lock (_gate)
            {
                using var fileLock = AcquireFileLock();
                var current = Load(out _, out state);
                if (checkpoints.HighestWitnessed(refresh: true) is not { } witnessed) return null;
                Break found;
                if (state is LoadState.Missing or LoadState.Unsealed)
                    found = new Break(witnessed.Witnessed, "", sequence, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), Missing, witnessed.Checkpoint.Sequence);
                else if (current is not null && current.OlderThanSeen(witnessed.Witnessed) && !Behind((current.Sequence, current.Hash), sequence, hash))
                    found = new Break(witnessed.Witnessed, "", sequence, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), RolledBack, witnessed.Checkpoint.Sequence, current.Sequence);
                else return null;
                log?.LogCritical("The audit trail's head witness was lost: {Break}", found.Describe());
                var kept = current?.Breaks ?? [];
                var breaks = kept.Count < MaxBreaks ? [.. kept, found] : (Break[])[.. kept.Take(MaxBreaks - 1), found];
                try
                {
                    if (state is LoadState.Unsealed) SetAside();
                    Write(new Head(CurrentSchema, sequence, hash, breaks, ""));
                    _unwrittenBreak = null;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    _unwrittenBreak = found;
                    log?.LogError(ex, "The lost witness found could not be kept in the head witness {Path}", FilePath);
                }
                return found;
            }
        }
        catch (Exception ex)
        {
            log?.LogError(ex, "The audit trail's head witness {Path} could not be checked against the checkpoints", FilePath);
            return null;
        }
    }

    private static bool Behind((long Sequence, string Hash)? witnessed, long sequence, string hash) =>
        witnessed is { } w && (sequence < w.Sequence || (sequence == w.Sequence && hash != w.Hash));

    /// <summary>
    /// Moves the witness to an entry just committed, unless it already names a later one. The file is written by one
    /// background writer per process, which takes only the newest head waiting, so a commit pays no file work and a
    /// burst of commits costs one write. Never throws: the entry is committed; a witness that cannot be written is
    /// logged, and only weakens what a later truncation would show.
    /// </summary>
    public void Advance(long sequence, string hash)
    {
        lock (_pendingGate)
        {
            if (_pending is { } p && p.Sequence >= sequence) return;
            if (_cached is { } c && c.Head.Sequence >= sequence) return;
            _pending = (sequence, hash);
            if (_writing) return;
            _writing = true;
            _written = Task.Run(WritePending);
        }
    }

    /// <summary>Completes once every head this process has committed so far is written (verification, and shutting down).</summary>
    public Task FlushAsync()
    {
        lock (_pendingGate) return _written;
    }

    private readonly Lock _pendingGate = new();
    private (long Sequence, string Hash)? _pending;
    private (long Sequence, string Hash)? _inFlight;
    private bool _writing;
    private Task _written = Task.CompletedTask;

    // The newest head this process knows committed: the one waiting to be written, or the witness as last read or written.
    private (long Sequence, string Hash)? Highest(Head? file)
    {
        (long Sequence, string Hash)? pending, inFlight;
        lock (_pendingGate) (pending, inFlight) = (_pending, _inFlight);
        // The head being written counts too: taken from pending and not yet in the file, it would otherwise be known
        // nowhere, and a truncation to just below it would pass unseen.
        return new[] { pending, inFlight, file is null ? null : (file.Sequence, file.Hash) }
            .Where(h => h is not null).MaxBy(h => h!.Value.Sequence);
    }

    private void WritePending()
    {
        while (true)
        {
            (long Sequence, string Hash) next;
            lock (_pendingGate)
            {
                if (_pending is not { } p)
                {
                    _writing = false;
                    return;
                }
                next = p;
                _pending = null;
                _inFlight = p;
            }
            try
            {
                lock (_gate)
                {
                    using var fileLock = AcquireFileLock();
                    var current = Load(out var problem, out var state);
                    // A witness lost after a checkpoint saw one is not written afresh here: the next append records the
                    // loss first (and writes the witness with it), or it would pass for a new installation.
                    if (state is LoadState.Missing or LoadState.Unsealed && checkpoints?.HighestWitnessed(refresh: true) is not null) continue;
                    if (problem is not null) SetAside();
                    if (current is not null && current.Sequence >= next.Sequence) continue;
                    Write(new Head(CurrentSchema, next.Sequence, next.Hash, current?.Breaks ?? [], ""));
                }
            }
            catch (Exception ex)
            {
                // Whatever went wrong, the writer carries on with the next head: a writer that stopped for good would
                // leave the witness behind every later commit without a word.
                log?.LogError(ex, "The audit trail's head witness could not be written in {Folder}", Folder);
            }
            finally
            {
                lock (_pendingGate) _inFlight = null;
            }
        }
    }

    // The last head read or written, with the file's time and length then: every append reads the witness, and a stat is
    // cheaper than reading, parsing and checking the seal. Verification (Read) always reads the file itself.
    private volatile CachedHead? _cached;

    private sealed record CachedHead(DateTime WrittenAt, long Length, Head Head);

    private enum LoadState { Sealed, Missing, Unreadable, Unsealed }

    // Reloaded: the file was read (not taken from the cache), so it changed since this process last read or wrote it.
    private Head? LoadCached(out bool reloaded, out LoadState state)
    {
        reloaded = false;
        var info = new FileInfo(FilePath);
        if (!info.Exists)
        {
            state = Directory.Exists(FilePath) ? LoadState.Unreadable : LoadState.Missing;
            return null;
        }
        state = LoadState.Sealed;
        if (_cached is { } c && c.WrittenAt == info.LastWriteTimeUtc && c.Length == info.Length) return c.Head;
        reloaded = true;
        var head = Load(out _, out state);
        if (head is not null) _cached = new(info.LastWriteTimeUtc, info.Length, head);
        return head;
    }

    private Head? Load(out string? problem) => Load(out problem, out _);

    private Head? Load(out string? problem, out LoadState state)
    {
        problem = null;
        state = LoadState.Unsealed;
        string text;
        try
        {
            text = File.ReadAllText(FilePath);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            state = LoadState.Missing;
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Something other than a file in its place (a folder, a file nobody may read): reported, never a failed page.
            problem = $"unreadable ({ex.Message})";
            state = LoadState.Unreadable;
            return null;
        }
        Head? head;
        try
        {
            head = JsonSerializer.Deserialize<Head>(text, Json);
        }
        catch (JsonException ex)
        {
            problem = $"unreadable ({ex.Message})";
            return null;
        }
        if (head is null || head.Schema != CurrentSchema || head.Hash is null || head.Seal is null || head.Breaks is null || head.Breaks.Any(b => b is null || b.WitnessedHash is null))
        {
            problem = "not a Probity trail head witness";
            return null;
        }
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(SealOf(head)), Encoding.ASCII.GetBytes(head.Seal)))
        {
            problem = "its seal does not hold under the trail's key (forged or altered)";
            return null;
        }
        state = LoadState.Sealed;
        return head;
    }

    private string SealOf(Head head) => chain().SealOf(SealPurpose, head.SealedText());

    private void Write(Head head)
    {
        Directory.CreateDirectory(Folder);
        var sealedHead = head with { Seal = SealOf(head) };
        var temporary = FilePath + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(sealedHead, Json));
        File.Move(temporary, FilePath, overwrite: true);
        var info = new FileInfo(FilePath);
        _cached = new(info.LastWriteTimeUtc, info.Length, sealedHead);
    }

    // Kept, not overwritten: whoever wrote it is for the operator to find out.
    private void SetAside() =>
        File.Move(FilePath, Path.Combine(Folder, $"{SetAsidePrefix}{time.GetUtcNow().UtcDateTime:yyyyMMdd}-{Guid.NewGuid():n}.json"));

    // One writer at a time across processes (web instances, the command line): an exclusive lock on a file beside the
    // witness (FileShare.None takes an advisory flock on Unix), held only while reading and replacing it.
    private FileStream AcquireFileLock()
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, LockFileName);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 400)
            {
                Thread.Sleep(Math.Min(25, 1 + attempt / 4));
            }
        }
    }
}
