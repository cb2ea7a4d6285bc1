using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Probity.Identity.Contracts;

namespace Probity.Cases.Letters;

/// <summary>Send a letter to a complainant: choose which, and to whom; the PDF and Word copies go on the case.</summary>
[Authorize(Policy = Policies.EditCases)]
internal sealed class SendLetterPage(SendLetterHandler send, ViewCase.ViewCaseHandler view, TimeProvider time) : CaseOperationPage(view, time)
{
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public string? ComplainantId { get; set; }

    protected override void StartFrom(Contracts.Case c) =>
        Kind = c.FinalisedOn is not null || (c.Allegations.Count > 0 && c.Allegations.All(a => a.Finding is not null)) ? "outcome"
            : c.HandlingRoute is not null ? "handling_decision" : "acknowledgement";

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => PerformAsync(async () =>
    {
        var produced = await send.HandleAsync(new(Id, Version, Kind ?? "", string.IsNullOrEmpty(ComplainantId) ? null : ComplainantId), ct);
        return $"{produced.Pdf.Title.Replace(" (PDF)", "", StringComparison.Ordinal)} produced as PDF and Word, and recorded as sent.";
    }, ct);
}
