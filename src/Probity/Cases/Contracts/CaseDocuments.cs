namespace Probity.Cases.Contracts;

/// <summary>
/// A document on a case (a statement, a report, an evidence list, a letter sent). The row holds what the case page lists;
/// the bytes are kept once per content in the content store, under their SHA-256, which this row names
/// (docs/adr: case documents and letters). Need-to-know reaches it through its case, as for allegations.
/// </summary>
internal sealed class CaseDocument
{
    public long Id { get; set; }
    public required string CaseId { get; set; }
    /// <summary>What the document is, in the force's words: statement, report, evidence_list, letter, other.</summary>
    public required string Kind { get; set; }
    public required string Title { get; set; }
    /// <summary>The file name as uploaded, reduced to a safe leaf name (no path, no control characters, no quotes).</summary>
    public required string FileName { get; set; }
    /// <summary>The type found in the content itself (never the type the browser claimed).</summary>
    public required string MediaType { get; set; }
    /// <summary>Lower-case hex SHA-256 of the content: the key of its bytes in the content store, and their fingerprint.</summary>
    public required string Sha256 { get; set; }
    public long Length { get; set; }
    public required string AttachedBy { get; set; }
    public DateTimeOffset AttachedAt { get; set; }
    /// <summary>Who removed it from the case (attached in error: the wrong case, the wrong person's file), when and why; the
    /// row stays as the record that it was there, its content is erased (ADR 0033).</summary>
    public string? RemovedBy { get; set; }
    public DateTimeOffset? RemovedAt { get; set; }
    public string? RemovedReason { get; set; }
    public bool Removed => RemovedAt is not null;
    public Case? Case { get; set; }
}

/// <summary>The kinds of document a case holds, with the words the pages use.</summary>
internal static class DocumentKinds
{
    public const string Letter = "letter";

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["statement"] = "Statement",
        ["report"] = "Report",
        ["evidence_list"] = "Evidence list",
        [Letter] = "Letter",
        ["other"] = "Other document",
    };

    /// <summary>The kinds a person may attach: every kind but a letter, which only sending one makes (ADR 0033 addendum).</summary>
    public static readonly IReadOnlyDictionary<string, string> Attachable = Names.Where(k => k.Key != Letter).ToDictionary(k => k.Key, k => k.Value, StringComparer.Ordinal);

    public static string Describe(string kind) => Names.TryGetValue(kind, out var name) ? name : kind;
}

/// <summary>Documents and letters on a case, for other modules (the demo force): checked, stored and audited as on the pages.</summary>
internal interface ICaseCorrespondence
{
    Task AttachAsync(string caseId, string kind, string title, string fileName, byte[] content, CancellationToken ct);

    /// <summary>Produces the letter (acknowledgement, handling_decision or outcome) to the case's first complainant.</summary>
    Task SendLetterAsync(string caseId, string letter, CancellationToken ct);
}
