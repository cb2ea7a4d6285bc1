using Microsoft.EntityFrameworkCore;
using Probity.AuditTrail.Contracts;
using Probity.Cases.Contracts;
using Probity.Cases.Documents;
using Probity.Database;
using Probity.Kernel;

namespace Probity.Cases.RemoveDocument;

/// <summary>
/// Removes a document attached to a case in error (the wrong case, another person's file, a draft) on a senior manager's
/// word, with the reason (ADR 0033). The row stays, marked removed with who, when and why, so the case still shows that
/// something was there and the trail's attachment entry still has its row; the content is erased unless another
/// document still on a case holds the same content. Refused: a letter (the copy of what was sent is the record that it
/// was sent), a document the investigation report points to, a document already removed, a reason with nothing readable
/// in it (white space, zero-width characters). The case's version guards it. Its messages, and the document it returns
/// for the page's notice, name the document as the remover may see it (<see cref="ShownDocuments"/>).
/// </summary>
internal sealed class RemoveDocumentHandler(CaseEditing editing, Audit audit, CaseReferences references)
{
    internal sealed record Command(string CaseId, Guid Version, long DocumentId, string? Reason);

    public async Task<CaseDocument> HandleAsync(Command cmd, CancellationToken ct)
    {
        var db = editing.Db;
        var c = await editing.LoadAsync(cmd.CaseId, cmd.Version, ct, withChildren: false);
        // Need-to-know reaches the document through its case: a document of another case is "not found" here, as on download.
        var document = await db.CaseDocuments.FirstOrDefaultAsync(d => d.Id == cmd.DocumentId && d.CaseId == c.Id, ct)
            ?? throw new RecordNotFoundException($"Document {cmd.DocumentId} of case {c.Id}");
        var reason = CaseEditing.Readable(cmd.Reason);
        if (reason is null)
            throw new ActionRefusedException("Reason: say why the document is removed (attached to the wrong case, another person's file ...); it stays on the case's timeline.");
        // Named in a refusal as the remover may see it; the removal's own answer is shown after it, with the reason.
        async Task<string> ShownName() => (await references.AsShownAsync(document, ct)).FileName;
        if (document.Removed)
            throw new ActionRefusedException($"Document {document.Id} ('{await ShownName()}') was already removed on {document.RemovedAt:d MMM yyyy}.");
        if (document.Kind == DocumentKinds.Letter)
            throw new ActionRefusedException($"Document {document.Id} is a letter sent from Probity: its copy is the record of what was sent, so it stays on the case. Send a corrected letter if one is needed.");
        if (await db.CaseReports.AsNoTracking().AnyAsync(r => r.CaseId == c.Id && r.DocumentId == document.Id, ct))
            throw new ActionRefusedException($"Document {document.Id} ('{await ShownName()}') is the investigation report's document; it stays while the report points to it.");

        document.RemovedBy = db.Scope.Actor;
        document.RemovedAt = editing.Now;
        document.RemovedReason = reason;
        var erased = !await NeedToKnowBypass.ContentStillHeldAsync(db, document.Sha256, document.Id, ct);
        if (erased && await db.Set<DocumentContent>().FirstOrDefaultAsync(x => x.Sha256 == document.Sha256, ct) is { } content)
            db.Set<DocumentContent>().Remove(content);
        audit.Change("remove_document", "document:" + document.Id,
            $"case:{c.Id} {document.Kind} '{document.FileName}' sha256:{document.Sha256}; content {(erased ? "erased" : "kept: another document holds it")}; reason: {reason}");
        await editing.SaveAsync(c, "document_removed", $"{DocumentKinds.Describe(document.Kind)} removed: {document.Title} ({document.FileName})", editing.Today, reason, ct);
        return await references.AsShownAsync(document, ct);
    }
}
