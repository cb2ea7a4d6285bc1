namespace Probity.Registers.Contracts;

/// <summary>
/// A borough's monthly return (ADR 0026): how many written warnings, final written warnings and management advice its
/// professional standards champions gave in one month for the matters it handled locally. One per borough per month;
/// a correction changes the row under its version. A borough-scoped reader sees their own borough's only (ProbityDb).
/// </summary>
internal sealed class BoroughReturn
{
    public long Id { get; set; }
    public required string BoroughUnitId { get; set; }
    public int Year { get; set; }
    /// <summary>1 to 12.</summary>
    public int Month { get; set; }
    public int WrittenWarnings { get; set; }
    public int FinalWrittenWarnings { get; set; }
    public int ManagementAdvice { get; set; }
    /// <summary>Sign-in name of who sent it (or last corrected it), when, and how: "form" or "upload:file name".</summary>
    public required string SentBy { get; set; }
    public DateTimeOffset SentAt { get; set; }
    public required string SentThrough { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
}
