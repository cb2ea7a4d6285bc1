namespace Probity.Registers.Contracts;

/// <summary>
/// A dip sample drawn by a member of the police authority (seed 002, section 26): a number of cases finalised in a
/// period, chosen reproducibly from the seed, which is kept so anyone can redraw the sample and check it was not chosen
/// to avoid a case. Only cases the shared view holds (never a restricted case) are drawn.
/// </summary>
internal sealed class DipSample
{
    public required string Id { get; set; }
    public int Seed { get; set; }
    /// <summary>The first and last day (inclusive) on which the sampled cases were finalised.</summary>
    public DateOnly PeriodFrom { get; set; }
    public DateOnly PeriodTo { get; set; }
    /// <summary>How many cases were asked for (fewer are drawn when the period has fewer).</summary>
    public int Size { get; set; }
    public required string DrawnBy { get; set; }
    /// <summary>The day it was drawn: the quarter it reports in.</summary>
    public DateOnly DrawnOn { get; set; }
    public DateTimeOffset DrawnAt { get; set; }
}

/// <summary>
/// One case in a dip sample: the oversight member's finding on how it was handled, and the Directorate's response to it.
/// Shown only to readers who may open the case (need-to-know, through the case).
/// </summary>
internal sealed class DipSampleCase
{
    public required string Id { get; set; }
    public required string SampleId { get; set; }
    public required string CaseId { get; set; }
    /// <summary>The case's place in the draw (1 first).</summary>
    public int Position { get; set; }
    /// <summary>handled_well or concerns; null until reviewed.</summary>
    public string? Finding { get; set; }
    public string? FindingText { get; set; }
    public string? ReviewedBy { get; set; }
    public DateOnly? ReviewedOn { get; set; }
    public string? Response { get; set; }
    public string? RespondedBy { get; set; }
    public DateOnly? RespondedOn { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
}
