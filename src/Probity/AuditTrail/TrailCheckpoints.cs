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
/// the key, after a checkpoint was taken.
/// </summary>
internal sealed record TrailCheckpoint(
    [property: JsonPropertyName("schema")] string Schema,
    [property: JsonPropertyName("sequence")] long Sequence,
    [property: JsonPropertyName("hash")] string Hash,
    [property: JsonPropertyName("written_at")] DateTimeOffset WrittenAt,
    [property: JsonPropertyName("unkeyed_through")] long UnkeyedThrough,
    [property: JsonPropertyName("signature")] string Signature)
{
    public const string CurrentSchema = "probity-trail-checkpoint/1";

    /// <summary>What is signed: every field but the signature, in a fixed order.</summary>
    internal byte[] SignedBytes() => Encoding.UTF8.GetBytes(string.Join('|', Schema, Sequence.ToString(CultureInfo.InvariantCulture), Hash,
        WrittenAt.UtcTicks.ToString(CultureInfo.InvariantCulture), UnkeyedThrough.ToString(CultureInfo.InvariantCulture)));
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
        var loaded = new List<Loaded>();
        foreach (var file in Directory.EnumerateFiles(Folder, "checkpoint-*.json").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            TrailCheckpoint? c;
            try
            {
                c = JsonSerializer.Deserialize<TrailCheckpoint>(File.ReadAllText(file), Json);
            }
            catch (JsonException ex)
            {
                loaded.Add(new(name, null, $"unreadable ({ex.Message})"));
                continue;
            }
            if (c is null || c.Schema != TrailCheckpoint.CurrentSchema || c.Signature is null)
            {
                loaded.Add(new(name, null, "not a Probity trail checkpoint"));
                continue;
            }
            byte[] signature;
            try { signature = Convert.FromBase64String(c.Signature); }
            catch (FormatException) { signature = []; }
            loaded.Add(key.VerifyData(c.SignedBytes(), signature, HashAlgorithmName.SHA256)
                ? new(name, c, null)
                : new(name, null, "its signature does not match this trail's checkpoint key (forged or altered)"));
        }
        return loaded;
    }

    /// <summary>Signs and writes a checkpoint, and the public key beside it so an auditor can check it without the private key.</summary>
    public string Write(long sequence, string hash, long unkeyedThrough, DateTimeOffset at)
    {
        Directory.CreateDirectory(Folder);
        using var key = keys.SigningKey(SigningKeyName);
        var unsigned = new TrailCheckpoint(TrailCheckpoint.CurrentSchema, sequence, hash, at, unkeyedThrough, "");
        var signed = unsigned with { Signature = Convert.ToBase64String(key.SignData(unsigned.SignedBytes(), HashAlgorithmName.SHA256)) };
        var file = Path.Combine(Folder, $"checkpoint-{sequence:D12}-{at.UtcDateTime:yyyyMMddTHHmmssfffZ}.json");
        var temporary = file + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(signed, Json));
        File.Move(temporary, file, overwrite: false);
        var publicKey = Path.Combine(Folder, PublicKeyFile);
        if (!File.Exists(publicKey)) File.WriteAllText(publicKey, key.ExportSubjectPublicKeyInfoPem());
        return file;
    }
}
