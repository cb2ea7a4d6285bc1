using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Probity.Infrastructure.Security;

namespace Probity.AuditTrail;

/// <summary>
/// The keyed hash that seals each entry and links it to the one before: HMAC-SHA-256 over the entry's fields and the
/// previous entry's hash, with a key kept outside the database (<see cref="KeyFolder"/>, <c>audit-trail.key</c>).
/// Whoever can write to the database but cannot read the key cannot edit an entry and recompute the chain after it:
/// without the key they cannot produce a valid seal. One definition, used to write and to verify.
/// </summary>
internal sealed class AuditChain
{
    public const string KeyName = "audit-trail";
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    private readonly byte[] _key;

    public AuditChain(byte[] key)
    {
        if (key.Length < 32) throw new ArgumentException("The audit trail key must be at least 256 bits.", nameof(key));
        _key = key;
    }

    /// <summary>The trail's key from the key folder, created the first time a trail is written.</summary>
    public static AuditChain From(KeyFolder keys) => new(keys.Secret(KeyName));

    public string HashOf(long sequence, DateTimeOffset at, string actor, string action, string target, string? detail, string? client, string previousHash) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Canonical(sequence, at, actor, action, target, detail, client, previousHash)));

    public string HashOf(AuditEntry e) => HashOf(e.Sequence, e.At, e.Actor, e.Action, e.Target, e.Detail, e.Client, e.PreviousHash);

    /// <summary>Whether the stored seal matches the entry, compared in fixed time.</summary>
    public bool Holds(AuditEntry e) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(HashOf(e)), Encoding.ASCII.GetBytes(e.Hash));

    /// <summary>
    /// A seal under the same key for something kept outside the trail (the head witness). The purpose comes first and an
    /// entry's canonical form starts with a digit, so no such seal can stand for an entry's hash or another purpose's seal.
    /// </summary>
    public string SealOf(string purpose, string text) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{purpose}\n{text}")));

    /// <summary>
    /// The unkeyed SHA-256 of the same fields: how entries were sealed before the trail was keyed (2026-11-29), and what
    /// someone re-chaining the trail without the key would compute. Verification uses it to tell the two apart.
    /// </summary>
    public static string UnkeyedHashOf(AuditEntry e) =>
        Convert.ToHexStringLower(SHA256.HashData(Canonical(e.Sequence, e.At, e.Actor, e.Action, e.Target, e.Detail, e.Client, e.PreviousHash)));

    private static byte[] Canonical(long sequence, DateTimeOffset at, string actor, string action, string target, string? detail, string? client, string previousHash)
    {
        // Each field is length-prefixed, so no text moved across a field boundary (a user name may contain
        // any character) can make two different entries serialise alike.
        var canonical = new StringBuilder(256);
        foreach (var field in (ReadOnlySpan<string>)[
            sequence.ToString(CultureInfo.InvariantCulture), at.UtcTicks.ToString(CultureInfo.InvariantCulture),
            actor, action, target, detail ?? "", client ?? "", previousHash])
        {
            canonical.Append(field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append(';');
        }
        return Encoding.UTF8.GetBytes(canonical.ToString());
    }
}
