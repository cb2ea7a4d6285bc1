namespace Probity.Intelligence.Contracts;

/// <summary>
/// An item of the intelligence log (issue 15, ADR intelligence-log): what was learned, from what kind of source, graded
/// under the scheme in force on the day it was received (5x5x5 before the 2016 change, 3x5x2 after; held as data), and
/// what it is linked to. Need-to-know: never shown to a member of staff it is about, and when restricted only to its
/// named readers (ProbityDb's query filter).
/// </summary>
internal sealed class IntelligenceItem
{
    /// <summary>"IN-" and 10 random characters: references do not reveal how many items exist or their order.</summary>
    public required string Id { get; set; }
    /// <summary>The day the intelligence was received: it decides the grading scheme.</summary>
    public DateOnly ReceivedOn { get; set; }
    public required string SourceType { get; set; }
    /// <summary>"5x5x5" or "3x5x2": the scheme its grades belong to.</summary>
    public required string Scheme { get; set; }
    public required string SourceGrade { get; set; }
    public required string IntelligenceGrade { get; set; }
    public required string HandlingCode { get; set; }
    /// <summary>The conditions or special handling requirements, where the handling code demands them.</summary>
    public string? HandlingConditions { get; set; }
    public required string Text { get; set; }
    public required string RecordedBy { get; set; }
    /// <summary>When it entered the log: the Intelligence Management Unit's review is due a configured number of hours after.
    /// For an item from a Right Line report, the day's start only (ADR right-line-anonymity: no time finer than the day).</summary>
    public DateTimeOffset RecordedAt { get; set; }
    public string? ReviewedBy { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    public string? ReviewNote { get; set; }
    /// <summary>The Right Line report it was made from (its reference), if any.</summary>
    public string? FromRightLine { get; set; }
    /// <summary>The information-misuse alert it was made from, if any.</summary>
    public string? FromAlert { get; set; }
    /// <summary>Readable only by <see cref="Readers"/> (and never by a member of staff it is about).</summary>
    public bool Restricted { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
    public List<IntelligenceLink> Links { get; set; } = [];
    public List<IntelligenceReader> Readers { get; set; } = [];
    public List<SanitisedVersion> Sanitised { get; set; } = [];
    public List<Dissemination> Disseminations { get; set; } = [];
}

/// <summary>What an item is linked to: a member of staff (by staff id), a case (by reference), an operation (free reference) or a control-strategy priority.</summary>
internal sealed class IntelligenceLink
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string ItemId { get; set; }
    /// <summary>One of <see cref="IntelligenceLinkKinds"/>.</summary>
    public required string Kind { get; set; }
    public required string Value { get; set; }
}

internal static class IntelligenceLinkKinds
{
    public const string Staff = "staff";
    public const string Case = "case";
    public const string Operation = "operation";
    public const string Priority = "priority";
}

/// <summary>A sign-in name (or "team:NAME") a restricted item is open to.</summary>
internal sealed class IntelligenceReader
{
    public required string ItemId { get; set; }
    public required string Principal { get; set; }
}

/// <summary>A version written by the Bureau for dissemination: the original text never leaves the Bureau when a sanitised one will do.</summary>
internal sealed class SanitisedVersion
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string ItemId { get; set; }
    /// <summary>1, 2, ... within the item.</summary>
    public int Number { get; set; }
    public required string Text { get; set; }
    public required string WrittenBy { get; set; }
    public DateTimeOffset WrittenAt { get; set; }
}

/// <summary>One dissemination of an item: to whom, when, why, which version, under which conditions.</summary>
internal sealed class Dissemination
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string ItemId { get; set; }
    /// <summary>The sanitised version's number, or null for the original text.</summary>
    public int? SanitisedNumber { get; set; }
    public required string Recipient { get; set; }
    public required string Reason { get; set; }
    public string? Conditions { get; set; }
    public required string DisseminatedBy { get; set; }
    public DateTimeOffset DisseminatedAt { get; set; }
}
