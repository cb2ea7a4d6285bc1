namespace Probity.AuditTrail;

/// <summary>
/// One line of the append-only trail: who did what to which record, when and from where. Each entry carries
/// the hash of the one before, so editing or deleting any entry breaks the chain from that point on.
/// </summary>
public sealed class AuditEntry
{
    public long Sequence { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    /// <summary>view, search, export, create, update, import, sign_in, sign_in_failed, denied ...</summary>
    public required string Action { get; set; }
    /// <summary>What was touched, e.g. "case:C2009-000123", "staff:s000042", "cases" for a search.</summary>
    public required string Target { get; set; }
    public string? Detail { get; set; }
    /// <summary>Where from: the client IP address, or "cli" for the command line.</summary>
    public string? Client { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }
}

/// <summary>What a caller asks to be written; the trail assigns sequence, time and hashes.</summary>
public sealed record AuditRecord(string Actor, string Action, string Target, string? Detail = null, string? Client = null);
