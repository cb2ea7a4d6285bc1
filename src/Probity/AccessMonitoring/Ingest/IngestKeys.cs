using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Probity.AccessMonitoring.Ingest;

/// <summary>
/// The keys other systems present to stream audit logs in. Only their SHA-256 hashes are configured
/// (<c>Probity:AccessMonitoring:IngestKeys:0</c>, <c>:1</c> ... or one comma-separated value), each optionally
/// labelled <c>label:hash</c>; the label names the feed in the segment's source and in the audit trail.
/// </summary>
internal sealed partial class IngestKeys
{
    public const string Section = "Probity:AccessMonitoring:IngestKeys";

    private readonly IReadOnlyList<(string Label, byte[] Hash)> _keys;

    public IngestKeys(IEnumerable<(string Label, byte[] Hash)> keys) => _keys = keys.ToList();

    public int Count => _keys.Count;

    public IEnumerable<string> Labels => _keys.Select(k => k.Label);

    public static IngestKeys From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var entries = section.GetChildren().Where(c => !string.IsNullOrWhiteSpace(c.Value)).Select(c => (Name: c.Key, Value: c.Value!)).ToList();
        if (!string.IsNullOrWhiteSpace(section.Value))
            entries.AddRange(section.Value.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select((v, i) => (Name: i.ToString(System.Globalization.CultureInfo.InvariantCulture), Value: v)));
        var keys = new List<(string, byte[])>();
        foreach (var (name, value) in entries)
        {
            var colon = value.LastIndexOf(':');
            var label = colon < 0 ? $"key{name}" : value[..colon].Trim();
            var hex = (colon < 0 ? value : value[(colon + 1)..]).Trim();
            // The value is never echoed: a key pasted here by mistake must not end up in a log.
            if (!Sha256Hex().IsMatch(hex))
                throw new InvalidOperationException($"{Section}:{name} is not a SHA-256 hash of a key (64 hexadecimal digits, optionally 'label:' first). Configure the hash, never the key itself.");
            if (!Label().IsMatch(label))
                throw new InvalidOperationException($"{Section}:{name}: the label must be 1-32 letters, digits, '.', '_' or '-'.");
            keys.Add((label, Convert.FromHexString(hex)));
        }
        return new IngestKeys(keys);
    }

    /// <summary>The label of the key presented, or null. Every configured hash is compared in fixed time, so timing tells nothing.</summary>
    public string? Match(string presented)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        string? found = null;
        foreach (var (label, expected) in _keys)
            if (CryptographicOperations.FixedTimeEquals(hash, expected)) found ??= label;
        return found;
    }

    [GeneratedRegex("^[0-9a-fA-F]{64}$")]
    private static partial Regex Sha256Hex();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,32}$")]
    private static partial Regex Label();
}
