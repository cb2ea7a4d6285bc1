using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Net.Http.Headers;
using Probity.Identity.Contracts;

namespace Probity.Cases.Documents;

/// <summary>
/// A document's content, to whoever may read its case: always as an attachment (never shown inline, so a document
/// cannot run as a page of Probity), under its safe file name, with the type found in its content and nosniff (set for
/// every response by the host). A document of a case hidden from the reader answers 404, as a missing one does.
/// </summary>
[Authorize(Policy = Policies.ReadCases)]
internal sealed class DownloadDocumentPage(CaseDocumentStore store) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string id, long document, CancellationToken ct)
    {
        var opened = await store.OpenAsync(id, document, ct);
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(opened.Document.FileName);
        Response.Headers.ContentDisposition = disposition.ToString();
        return File(opened.Content, opened.Document.MediaType);
    }
}
