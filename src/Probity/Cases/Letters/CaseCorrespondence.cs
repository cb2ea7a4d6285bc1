using Microsoft.EntityFrameworkCore;
using Probity.Cases.Contracts;
using Probity.Cases.Documents;
using Probity.Database;
using Probity.Kernel;

namespace Probity.Cases.Letters;

/// <summary>The Cases module's <see cref="ICaseCorrespondence"/>: the same store and letter handler the pages use.</summary>
internal sealed class CaseCorrespondence(CaseDocumentStore store, SendLetterHandler letters, ProbityDb db) : ICaseCorrespondence
{
    public Task AttachAsync(string caseId, string kind, string title, string fileName, byte[] content, CancellationToken ct) =>
        store.AttachAsync(new(caseId, kind, title, fileName, content), ct);

    public async Task SendLetterAsync(string caseId, string letter, CancellationToken ct)
    {
        var version = await db.Cases.Where(c => c.Id == caseId).Select(c => (Guid?)c.Version).FirstOrDefaultAsync(ct) ?? throw new RecordNotFoundException($"Case {caseId}");
        await letters.HandleAsync(new(caseId, version, letter, null), ct);
    }
}
