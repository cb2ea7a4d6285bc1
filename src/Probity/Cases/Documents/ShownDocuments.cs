using Probity.Cases.Contracts;

namespace Probity.Cases.Documents;

/// <summary>
/// A document's title, file name and removal reason are free text typed by people who may see more cases than the
/// reader ("duplicate of PRB-2026-00012", "PRB-2026-00012_statement.pdf"): wherever they are shown (the case page's
/// rows, the remove and report pages, a download's name, a refusal's message) a reference to a case the reader may not
/// open is withheld, as the timeline's texts are (<see cref="CaseReferences"/>). The row itself and the trail keep the
/// words as typed: they are the record of what was attached and removed.
/// </summary>
internal static class ShownDocuments
{
    /// <summary>The words of the document's texts that could name another case, to pass to <see cref="CaseReferences.HiddenAsync"/>.</summary>
    public static IEnumerable<string> References(CaseDocument d) =>
        new[] { d.Title, d.FileName, d.RemovedReason }.SelectMany(CaseReferences.Words).Where(w => w != d.CaseId && CaseReferences.MayBeCaseId(w));

    /// <summary>
    /// The document as the reader may see it: a detached copy with the <paramref name="hidden"/> references withheld, so a
    /// tracked row is never changed by showing it (the copy has no case loaded).
    /// </summary>
    public static CaseDocument AsShown(this CaseDocument d, IReadOnlySet<string> hidden) => new()
    {
        Id = d.Id, CaseId = d.CaseId, Kind = d.Kind, Title = CaseReferences.Redact(d.Title, hidden)!,
        FileName = CaseReferences.Redact(d.FileName, hidden)!, MediaType = d.MediaType, Sha256 = d.Sha256, Length = d.Length,
        AttachedBy = d.AttachedBy, AttachedAt = d.AttachedAt, RemovedBy = d.RemovedBy, RemovedAt = d.RemovedAt,
        RemovedReason = CaseReferences.Redact(d.RemovedReason, hidden),
    };

    /// <summary>The documents as the reader may see them (one question for all of them).</summary>
    public static async Task<IReadOnlyList<CaseDocument>> AsShownAsync(this CaseReferences references, IReadOnlyList<CaseDocument> documents, CancellationToken ct)
    {
        var hidden = await references.HiddenAsync(documents.SelectMany(References), ct);
        return [.. documents.Select(d => d.AsShown(hidden))];
    }

    /// <summary>One document as the reader may see it.</summary>
    public static async Task<CaseDocument> AsShownAsync(this CaseReferences references, CaseDocument document, CancellationToken ct) =>
        document.AsShown(await references.HiddenAsync(References(document), ct));
}
