namespace Probity.Registers.Contracts;

/// <summary>
/// The Service Confidence Procedure (seed 003): confidence in a member of staff has been lost, who decided it, when and
/// why; the restrictions placed on them (<see cref="ServiceConfidenceRestriction"/>) and the reviews that keep or lift
/// them (<see cref="ServiceConfidenceReview"/>). Never shown to the member of staff it is about.
/// </summary>
internal sealed class ServiceConfidenceRecord
{
    public required string Id { get; set; }
    public required string StaffId { get; set; }
    /// <summary>Who decided that confidence was lost (name and post, as the decision was signed).</summary>
    public required string DecidedBy { get; set; }
    public DateOnly DecidedOn { get; set; }
    public required string Reasons { get; set; }
    /// <summary>When the restrictions are next reviewed; null once the record is closed.</summary>
    public DateOnly? NextReviewOn { get; set; }
    /// <summary>The outcome that closed it (confidence_restored, dismissal, other); null while restrictions continue.</summary>
    public string? Outcome { get; set; }
    public DateOnly? ClosedOn { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
}

/// <summary>A restriction placed on the member of staff (a posting, system access, ...), from when, and when lifted.</summary>
internal sealed class ServiceConfidenceRestriction
{
    public required string Id { get; set; }
    public required string RecordId { get; set; }
    /// <summary>A code from ServiceConfidenceVocabulary.Restrictions (posting, system_access, ...).</summary>
    public required string Kind { get; set; }
    public required string Detail { get; set; }
    public DateOnly From { get; set; }
    public DateOnly? LiftedOn { get; set; }
    public required string RecordedBy { get; set; }
}

/// <summary>A review of the restrictions: its date, outcome and why, and the next review when they continue.</summary>
internal sealed class ServiceConfidenceReview
{
    public required string Id { get; set; }
    public required string RecordId { get; set; }
    public DateOnly ReviewedOn { get; set; }
    /// <summary>confidence_restored, restrictions_continued, dismissal or other.</summary>
    public required string Outcome { get; set; }
    public required string Note { get; set; }
    public DateOnly? NextReviewOn { get; set; }
    public required string ReviewedBy { get; set; }
}
