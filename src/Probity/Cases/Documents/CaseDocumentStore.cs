using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Probity.AuditTrail.Contracts;
using Probity.Cases.Contracts;
using Probity.Database;
using Probity.Kernel;

namespace Probity.Cases.Documents;

/// <summary>
/// Documents on a case: attaching one (its content stored once, under its SHA-256), and opening one for download. Both
/// go through the case's need-to-know exactly as the case page does (the document's query filter is its case's), and
/// both are on the audit trail: the attachment with the fingerprint of what was stored, the download before any byte
/// is sent. On the way out the content is hashed again; content that no longer matches its fingerprint (altered in the
/// database) is withheld and the mismatch recorded. A document opened is given out as the reader may see it
/// (<see cref="ShownDocuments"/>): its name and any message about it withhold a reference to a case hidden from them.
/// </summary>
internal sealed class CaseDocumentStore(ProbityDb db, CaseEditing editing, Audit audit, TimeProvider time, CaseReferences references)
{
    public const int MaxTitle = 200;

    internal sealed record Attachment(string CaseId, string Kind, string Title, string FileName, byte[] Content);

    internal sealed record Opened(CaseDocument Document, byte[] Content);

    /// <summary>
    /// Attaches a document a person chose (the attach page, the demo force). Never a letter: a letter is made only by
    /// sending one (<see cref="Letters.SendLetterHandler"/> through <see cref="StageAsync"/>), so a "letter sent" on a
    /// case is always one Probity produced from its template, never a file someone posted with <c>Kind=letter</c>.
    /// </summary>
    public async Task<CaseDocument> AttachAsync(Attachment a, CancellationToken ct)
    {
        var c = await db.Cases.FirstOrDefaultAsync(x => x.Id == a.CaseId, ct) ?? throw new RecordNotFoundException($"Case {a.CaseId}");
        if (a.Kind == DocumentKinds.Letter)
            throw new ActionRefusedException("A letter cannot be attached: letters are sent from the case (Send a letter), so the copy on the case is the one Probity sent. " +
                $"Attach a letter received as one of: {string.Join(", ", DocumentKinds.Attachable.Values)}.");
        if (!DocumentKinds.Attachable.ContainsKey(a.Kind))
            throw new ActionRefusedException($"Choose what the document is: {string.Join(", ", DocumentKinds.Attachable.Values)}.");
        var document = await StageAsync(c, a, ct);
        await editing.SaveAsync(c, "document_attached", $"{DocumentKinds.Describe(a.Kind)} attached: {document.Title} ({document.FileName})", editing.Today, null, ct);
        return document;
    }

    /// <summary>
    /// Checks a document and stages it, with its content and its audit entry, on <paramref name="c"/> (loaded for editing);
    /// the caller saves, with the timeline entry that says why (a letter sent in two formats is one entry).
    /// </summary>
    public async Task<CaseDocument> StageAsync(Case c, Attachment a, CancellationToken ct)
    {
        if (!DocumentKinds.Names.ContainsKey(a.Kind))
            throw new ActionRefusedException($"Choose what the document is: {string.Join(", ", DocumentKinds.Names.Values)}.");
        var title = a.Title.Trim();
        if (title.Length == 0) throw new ActionRefusedException("Give the document a title (for example 'Statement of PC Jones').");
        if (title.Length > MaxTitle) throw new ActionRefusedException($"Keep the title to {MaxTitle} characters (it has {title.Length}).");
        var fileName = DocumentTypes.SafeFileName(a.FileName);
        var type = DocumentTypes.Check(fileName, a.Content);
        var hash = Convert.ToHexStringLower(SHA256.HashData(a.Content));
        await StoreContentAsync(hash, a.Content, ct);
        var document = new CaseDocument
        {
            CaseId = c.Id, Kind = a.Kind, Title = title, FileName = fileName, MediaType = type.MediaType, Sha256 = hash,
            Length = a.Content.LongLength, AttachedBy = db.Scope.Actor, AttachedAt = time.GetUtcNow(),
        };
        db.CaseDocuments.Add(document);
        // The trail keeps the fingerprint of what was stored: if the row and its content were both altered later, the
        // trail still says what was attached.
        // The key the database generated is read through the tracker: the entity itself only receives it once the save's
        // changes are accepted, after the trail is written.
        audit.Change("attach_document", () => "document:" + db.Entry(document).Property(d => d.Id).CurrentValue,
            () => $"case:{c.Id} {a.Kind} '{fileName}' {type.MediaType} {a.Content.LongLength} bytes sha256:{hash}");
        return document;
    }

    /// <summary>Keeps the content once. Content already stored is reused; stored bytes that no longer match their key are replaced by these, which do.</summary>
    private async Task StoreContentAsync(string hash, byte[] content, CancellationToken ct)
    {
        var stored = await db.Set<DocumentContent>().FirstOrDefaultAsync(x => x.Sha256 == hash, ct);
        if (stored is null)
        {
            db.Set<DocumentContent>().Add(new DocumentContent { Sha256 = hash, Length = content.LongLength, Content = content });
            return;
        }
        if (!Matches(hash, stored.Content))
        {
            stored.Content = content;
            stored.Length = content.LongLength;
            audit.Change("restore_document_content", "content:" + hash, "stored bytes did not match their SHA-256; replaced by an upload that does");
        }
    }

    public async Task<Opened> OpenAsync(string caseId, long id, CancellationToken ct)
    {
        var document = await db.CaseDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id && d.CaseId == caseId, ct);
        if (document is null)
        {
            // Hidden and missing answer alike; guessing document numbers is worth knowing about.
            await audit.RecordAsync(Audit.NotFound, $"document:{id}", $"case:{Shorten(caseId)}", ct);
            throw new RecordNotFoundException($"Document {id} of case {caseId}");
        }
        // The trail keeps the name as it is stored; the reader is given it as they may see it.
        var shown = await references.AsShownAsync(document, ct);
        if (document.Removed)
        {
            await audit.RecordAsync("refused", $"document:{id}", $"case:{caseId} download of a removed document", ct);
            throw new ActionRefusedException($"Document {id} ('{shown.FileName}') was removed from case {caseId} on {shown.RemovedAt:d MMM yyyy}: {shown.RemovedReason}");
        }
        await audit.RecordAsync("download", $"document:{id}", $"case:{caseId} '{document.FileName}' sha256:{document.Sha256}", ct);
        var content = await db.Set<DocumentContent>().AsNoTracking().Where(x => x.Sha256 == document.Sha256).Select(x => x.Content).FirstOrDefaultAsync(ct);
        if (content is null || !Matches(document.Sha256, content))
        {
            await audit.RecordAsync("document_tampered", $"document:{id}",
                content is null ? $"case:{caseId} content sha256:{document.Sha256} is missing" : $"case:{caseId} content no longer hashes to sha256:{document.Sha256}", ct);
            throw new ActionRefusedException($"Document {id} ('{shown.FileName}') is withheld: its stored content {(content is null ? "is missing" : "does not match the fingerprint recorded when it was attached")}. " +
                "The mismatch is on the audit trail; tell the system administrator.");
        }
        return new Opened(shown, content);
    }

    private static bool Matches(string hash, byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content)) == hash;

    private static string Shorten(string id) => id.Length > ColumnWidth.Id ? id[..ColumnWidth.Id] + "…" : id;
}
