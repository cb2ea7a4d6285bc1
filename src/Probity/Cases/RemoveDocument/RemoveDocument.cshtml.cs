using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Probity.Cases.Contracts;
using Probity.Identity.Contracts;
using Probity.Kernel;

namespace Probity.Cases.RemoveDocument;

/// <summary><c>/cases/{id}/documents/{document}/remove</c>: a senior manager removes a document attached in error, with the reason (ADR 0033).</summary>
[Authorize(Policy = Policies.EditCases)]
[Authorize(Policy = Policies.RemoveCaseDocuments)]
internal sealed class RemoveDocumentPage(RemoveDocumentHandler handler, ViewCase.ViewCaseHandler view, TimeProvider time) : CaseOperationPage(view, time)
{
    [BindProperty] public string? Reason { get; set; }

    /// <summary>The document, from the route only, among the case's as the reader may see them; none is 404.</summary>
    public CaseDocument Document { get; private set; } = null!;

    /// <summary>The document's number, from the route only (its template takes digits only).</summary>
    private long DocumentId => long.TryParse(RouteData.Values["document"] as string, out var n) ? n : 0;

    protected override Task LoadChoicesAsync(CancellationToken ct)
    {
        Document = View.Documents.FirstOrDefault(d => d.Id == DocumentId) ?? throw new RecordNotFoundException($"Document {DocumentId} of case {Id}");
        return Task.CompletedTask;
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => PerformAsync(async () =>
    {
        var removed = await handler.HandleAsync(new(Id, Version, DocumentId, Reason), ct);
        return $"Document '{removed.Title}' removed from case {Id}.";
    }, ct);
}
