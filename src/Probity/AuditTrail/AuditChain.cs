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
        // Unit separators cannot appear in the fields' meaning, so no two different entries serialise alike.
        var canonical = string.Join('\u001f',
            sequence.ToString(CultureInfo.InvariantCulture),
            at.UtcTicks.ToString(CultureInfo.InvariantCulture),
            actor, action, target, detail ?? "", client ?? "", previousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    public static string HashOf(AuditEntry e) =>
        HashOf(e.Sequence, e.At, e.Actor, e.Action, e.Target, e.Detail, e.Client, e.PreviousHash);
}
