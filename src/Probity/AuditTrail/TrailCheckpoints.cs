using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Probity.Infrastructure.Security;

namespace Probity.AuditTrail;

/// <summary>
/// A signed statement, kept outside the database, that the trail held <see cref="Sequence"/> entries ending in
/// <see cref="Hash"/> when it was written. The operator ships these files to write-once storage; verification then
/// detects what a chain alone cannot: the newest entries deleted, or the whole trail rewritten by someone holding
/// the key, after a checkpoint was taken. Since schema /2 it also names <see cref="WitnessedSequence"/>, the entry the head
/// witness (<see cref="TrailHeadWitness"/>) named when it was signed: a witness found missing later, or naming an older
/// entry, was deleted or put back, not a new installation (ADR 0031, addendum).
/// </summary>
internal sealed record TrailCheckpoint(
    [property: JsonPropertyName("schema")] string Schema,
    [property: JsonPropertyName("sequence")] long Sequence,
    [property: JsonPropertyName("hash")] string Hash,
    [property: JsonPropertyName("written_at")] DateTimeOffset WrittenAt,
    [property: JsonPropertyName("unkeyed_through")] long UnkeyedThrough,
    [property: JsonPropertyName("signature")] string Signature,
    [property: JsonPropertyName("witnessed_sequence")] long? WitnessedSequence = null)
{
    public const string FirstSchema = "probity-trail-checkpoint/1";
    public const string CurrentSchema = "probity-trail-checkpoint/2";

    /// <summary>
    /// What is signed: every field but the signature, in a fixed order. Schema /1 signed no witnessed head, so a /1
    /// file's bytes are exactly what they always were (and <see cref="WitnessedSequence"/> is ignored when loading it).
    /// </summary>
    internal byte[] SignedBytes() => Encoding.UTF8.GetBytes(string.Join('|', [
        Schema, Sequence.ToString(CultureInfo.InvariantCulture), Hash, WrittenAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
        UnkeyedThrough.ToString(CultureInfo.InvariantCulture),
        .. Schema == FirstSchema ? (string[])[] : [WitnessedSequence is { } w ? w.ToString(CultureInfo.InvariantCulture) : "none"]]));

    /// <summary>
    /// Of these (valid) checkpoints, the one that saw the highest witnessed head, and that head; none when no checkpoint
    /// saw a witness (a new installation, a witness folder configured afresh, or checkpoints of schema /1 only).
    /// </summary>
    internal static (TrailCheckpoint Checkpoint, long Witnessed)? HighestWitnessed(IEnumerable<TrailCheckpoint> valid) =>
        valid.Where(c => c.WitnessedSequence > 0).OrderByDescending(c => c.WitnessedSequence).ThenByDescending(c => c.Sequence).FirstOrDefault() is { } best
            ? (best, best.WitnessedSequence!.Value)
            : null;
}

/// <summary>The folder of checkpoint files (<c>Probity:Audit:Checkpoints</c>, default <c>data/trail-checkpoints</c>) and the key that signs them.</summary>
internal sealed class TrailCheckpoints(string folder, KeyFolder keys)
{
    public const string FolderSetting = "Probity:Audit:Checkpoints";
    public const string DefaultFolder = "data/trail-checkpoints";
    public const string SigningKeyName = "trail-checkpoint";
    public const string PublicKeyFile = "trail-checkpoint.pub.pem";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public string Folder { get; } = Path.GetFullPath(folder);

    public static TrailCheckpoints From(IConfiguration configuration, KeyFolder keys) =>
        new(configuration[FolderSetting] is { Length: > 0 } f ? f : DefaultFolder, keys);

    /// <summary>The same key, another folder (an operator verifying against the write-once copy).</summary>
    public TrailCheckpoints In(string otherFolder) => new(otherFolder, keys);

    internal sealed record Loaded(string File, TrailCheckpoint? Checkpoint, string? Problem);

    /// <summary>Every checkpoint file in the folder, each either valid or with the reason it is not.</summary>
    public IReadOnlyList<Loaded> Load()
    {
        if (!Directory.Exists(Folder)) return [];
        if (!keys.Has(SigningKeyName, ".pem"))
            return [.. Directory.EnumerateFiles(Folder, "checkpoint-*.json").Order(StringComparer.Ordinal)
                .Select(f => new Loaded(Path.GetFileName(f), null, $"the checkpoint signing key ({SigningKeyName}.pem) is not in the key folder {keys.Path}"))];
        using var key = keys.SigningKey(SigningKeyName);
        return [.. Directory.EnumerateFiles(Folder, "checkpoint-*.json").Order(StringComparer.Ordinal).Select(f => LoadOne(f, key))];
    }

    private static Loaded LoadOne(string file, ECDsa key)
    {
        var name = Path.GetFileName(file);
        TrailCheckpoint? c;
        try
        {
            c = JsonSerializer.Deserialize<TrailCheckpoint>(File.ReadAllText(file), Json);
        }
        catch (JsonException ex)
        {
            return new(name, null, $"unreadable ({ex.Message})");
        }
        if (c is null || c.Schema is not (TrailCheckpoint.CurrentSchema or TrailCheckpoint.FirstSchema) || c.Signature is null || c.Hash is null)
            return new(name, null, "not a Probity trail checkpoint");
        // Schema /1 signed no witnessed head: one written into such a file is not believed.
        if (c.Schema == TrailCheckpoint.FirstSchema) c = c with { WitnessedSequence = null };
        byte[] signature;
        try { signature = Convert.FromBase64String(c.Signature); }
        catch (FormatException) { signature = []; }
        return key.VerifyData(c.SignedBytes(), signature, HashAlgorithmName.SHA256)
            ? new(name, c, null)
            : new(name, null, "its signature does not match this trail's checkpoint key (forged or altered)");
    }

    private readonly Lock _witnessedGate = new();
    private readonly Dictionary<string, (long Length, DateTime WrittenAt, TrailCheckpoint? Valid)> _checked = new(StringComparer.Ordinal);
    private (TrailCheckpoint Checkpoint, long Witnessed)? _witnessed;
    private bool _witnessedKnown;

    /// <summary>
    /// The highest witnessed head any valid checkpoint names (<see cref="TrailCheckpoint.HighestWitnessed"/>), for the
    /// witness to check itself against on append. Remembered for the process; <paramref name="refresh"/> reads the folder
    /// again (each file's signature is checked once while it keeps its length and time). Never throws: a folder that
    /// cannot be read knows of no witness.
    /// </summary>
    public (TrailCheckpoint Checkpoint, long Witnessed)? HighestWitnessed(bool refresh)
    {
        lock (_witnessedGate)
        {
            if (_witnessedKnown && !refresh) return _witnessed;
            try
            {
                var valid = new List<TrailCheckpoint>();
                if (Directory.Exists(Folder) && keys.Has(SigningKeyName, ".pem"))
                {
                    using var key = keys.SigningKey(SigningKeyName);
                    var seen = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var file in Directory.EnumerateFiles(Folder, "checkpoint-*.json"))
                    {
                        var info = new FileInfo(file);
                        seen.Add(file);
                        if (!_checked.TryGetValue(file, out var known) || known.Length != info.Length || known.WrittenAt != info.LastWriteTimeUtc)
                            _checked[file] = known = (info.Length, info.LastWriteTimeUtc, LoadOne(file, key).Checkpoint);
                        if (known.Valid is { } c) valid.Add(c);
                    }
                    foreach (var gone in _checked.Keys.Where(k => !seen.Contains(k)).ToList()) _checked.Remove(gone);
                }
                _witnessed = TrailCheckpoint.HighestWitnessed(valid);
                _witnessedKnown = true;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
            {
                _witnessed = null;
            }
            return _witnessed;
        }
    }

    /// <summary>Signs and writes a checkpoint, and the public key beside it so an auditor can check it without the private key.</summary>
    /// <param name="witnessed">The entry the head witness named when the trail was read (none: there was no witness).</param>
    public string Write(long sequence, string hash, long unkeyedThrough, long? witnessed, DateTimeOffset at)
    {
        Directory.CreateDirectory(Folder);
        using var key = keys.SigningKey(SigningKeyName);
        var unsigned = new TrailCheckpoint(TrailCheckpoint.CurrentSchema, sequence, hash, at, unkeyedThrough, "", witnessed);
        var signed = unsigned with { Signature = Convert.ToBase64String(key.SignData(unsigned.SignedBytes(), HashAlgorithmName.SHA256)) };
        var file = Path.Combine(Folder, $"checkpoint-{sequence:D12}-{at.UtcDateTime:yyyyMMddTHHmmssfffZ}.json");
        var temporary = file + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(signed, Json));
        File.Move(temporary, file, overwrite: false);
        var publicKey = Path.Combine(Folder, PublicKeyFile);
        if (!File.Exists(publicKey)) File.WriteAllText(publicKey, key.ExportSubjectPublicKeyInfoPem());
        lock (_witnessedGate) _witnessedKnown = false;
        return file;
    }
}
