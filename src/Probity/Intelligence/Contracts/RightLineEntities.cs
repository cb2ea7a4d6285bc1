namespace Probity.Intelligence.Contracts;

/// <summary>
/// A Right Line report: wrongdoing reported anonymously from the intranet (seeds 000 section 9, 002 section 16). It holds
/// nothing about who sent it: no account, no address, no browser, and only the day it arrived (ADR right-line-anonymity).
/// The reporter comes back with the reference and a passphrase, of which only a slow salted hash is kept.
/// </summary>
internal sealed class RightLineReport
{
    /// <summary>The reference given to the reporter (random, so references do not reveal the order reports arrived in).</summary>
    public required string Id { get; set; }
    /// <summary>PBKDF2 (ASP.NET Core Identity's password hasher) of the passphrase; the passphrase itself is shown once and never kept.</summary>
    public required string PassphraseHash { get; set; }
    public DateOnly ReceivedOn { get; set; }
    /// <summary>What the reporter told the Bureau, as first written.</summary>
    public required string Account { get; set; }
    /// <summary>Whether the reporter has written since the Bureau last replied (the Bureau's queue shows these first).</summary>
    public bool AwaitingBureau { get; set; } = true;
    /// <summary>null until assessed, then one of <see cref="RightLineAssessments"/>.</summary>
    public string? Assessment { get; set; }
    public DateOnly? AssessedOn { get; set; }
    public string? AssessedBy { get; set; }
    public string? AssessmentNote { get; set; }
    /// <summary>The case it became, when assessed as a case.</summary>
    public string? CaseId { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
    public List<RightLineMessage> Messages { get; set; } = [];
}

/// <summary>One message of the conversation between the reporter and the Bureau, kept to the day.</summary>
internal sealed class RightLineMessage
{
    /// <summary>Random, so no message's key tells when it was written relative to others in the store.</summary>
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string ReportId { get; set; }
    /// <summary>Its place in the conversation (1, 2, ...): the order, without the time.</summary>
    public int Number { get; set; }
    /// <summary>True when the reporter wrote it; false for the Bureau.</summary>
    public bool FromReporter { get; set; }
    /// <summary>The Bureau member who wrote it; null for the reporter.</summary>
    public string? Author { get; set; }
    public required string Text { get; set; }
    public DateOnly WrittenOn { get; set; }
}

/// <summary>What the Bureau decided a report is.</summary>
internal static class RightLineAssessments
{
    public const string NoFurtherAction = "no_further_action";
    public const string Case = "case";
    public const string Intelligence = "intelligence";

    public static readonly IReadOnlyDictionary<string, string> Words = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [NoFurtherAction] = "No further action",
        [Case] = "Becomes a case",
        [Intelligence] = "Becomes intelligence",
    };
}
