using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Probity.AuditTrail;

/// <summary>The hash that links each entry to the one before. One definition, used to write and to verify.</summary>
public static class AuditChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string HashOf(long sequence, DateTimeOffset at, string actor, string action, string target, string? detail, string? client, string previousHash)
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
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }

    public static string HashOf(AuditEntry e) =>
        HashOf(e.Sequence, e.At, e.Actor, e.Action, e.Target, e.Detail, e.Client, e.PreviousHash);
}
