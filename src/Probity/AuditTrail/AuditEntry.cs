namespace Probity.AuditTrail;

/// <summary>
/// One line of the append-only trail: who did what to which record, when and from where. Each entry carries
/// the keyed hash of the one before (<see cref="AuditChain"/>), so editing, deleting or reordering any entry breaks
/// the chain from that point on, and nobody without the key can mend it.
/// </summary>
internal sealed class AuditEntry
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

/// <summary>
/// The newest entry's sequence and hash, one row. Every writer — web instances, the command line, background jobs —
/// locks this row in its own transaction before appending, so the database orders entries and the sequence never
/// forks or repeats whatever the number of processes. It is a lock and a shortcut, not evidence: verification
/// reads the entries themselves.
/// </summary>
internal sealed class AuditHead
{
    public int Id { get; set; } = 1;
    public long Sequence { get; set; }
    public required string Hash { get; set; }
}

/// <summary>What a caller asks to be written; the trail assigns sequence, time and hashes.</summary>
/// <param name="DayOnly">Written with the day's start (UTC) instead of the moment: an anonymous reporter's acts are kept to the day (ADR right-line-anonymity).</param>
internal sealed record AuditRecord(string Actor, string Action, string Target, string? Detail = null, string? Client = null, bool DayOnly = false)
{
    // Column sizes of audit_trail: a caller's text is cut to fit (marked with an ellipsis), never refused, so an
    // over-long value cannot stop an action from being recorded, nor fill the append-only table.
    public const int ActorMax = 256, ActionMax = 48, TargetMax = 400, DetailMax = 4000, ClientMax = 100;

    public AuditRecord Bounded() => new(Cut(Actor, ActorMax), Cut(Action, ActionMax), Cut(Target, TargetMax),
        Detail is null ? null : Cut(Detail, DetailMax), Client is null ? null : Cut(Client, ClientMax), DayOnly);

    private static string Cut(string value, int max) => value.Length <= max ? value : string.Concat(value.AsSpan(0, max - 1), "…");
}
