using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.Identity.Contracts;
using Probity.Infrastructure.Web;
using Probity.Intelligence.Contracts;
using Probity.Intelligence.Log;
using Probity.Intelligence.Tasking;

namespace Probity.Intelligence.ViewItem;

/// <summary>One item: read (audited before it is shown); reviewed, sanitised and disseminated by the Bureau.</summary>
[Authorize(Policy = Policies.ReadIntelligence)]
[PostPolicy(Policies.ManageIntelligence)]
internal sealed class ItemModel(IntelligenceLog log, WorkItemHandler work, IntelligenceLists lists, TaskingHandler tasking, IAuthorizationService authorization) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    public IntelligenceItem Item { get; private set; } = null!;
    public GradingScheme? Scheme { get; private set; }
    public IntelligenceLists Lists => lists;
    public bool MayManage { get; private set; }
    public bool MayReadRightLine { get; private set; }
    public DateTimeOffset ReviewDue { get; private set; }
    /// <summary>The linked operations the reader may see, by reference: one about the reader is left out, as if never linked.</summary>
    public IReadOnlyDictionary<string, string> Operations { get; private set; } = new Dictionary<string, string>();
    public DateTimeOffset Now => log.Now;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Item = await log.ReadAsync(Id, ct);
        Scheme = lists.Named(Item.Scheme);
        ReviewDue = Item.RecordedAt + log.ReviewWithin;
        Operations = await tasking.NamesAsync([.. Item.Links.Where(l => l.Kind == IntelligenceLinkKinds.Operation).Select(l => l.Value)], ct);
        MayManage = (await authorization.AuthorizeAsync(User, Policies.ManageIntelligence)).Succeeded;
        MayReadRightLine = (await authorization.AuthorizeAsync(User, Policies.ReadRightLine)).Succeeded;
    }

    public async Task<IActionResult> OnPostReviewAsync(Guid version, string? note, CancellationToken ct)
    {
        await work.ReviewAsync(Id, version, note, ct);
        return Done($"Item {Id} reviewed.");
    }

    public async Task<IActionResult> OnPostSanitiseAsync(Guid version, string? text, CancellationToken ct)
    {
        var number = await work.SanitiseAsync(Id, version, text, ct);
        return Done($"Sanitised version {number} written.");
    }

    public async Task<IActionResult> OnPostDisseminateAsync(Guid version, string? which, string? recipient, string? reason, string? conditions, CancellationToken ct)
    {
        await work.DisseminateAsync(Id, version, new WorkItemHandler.Disseminating(which, recipient, reason, conditions), ct);
        return Done($"Dissemination to {recipient?.Trim()} recorded.");
    }

    private RedirectResult Done(string message)
    {
        TempData["Notice"] = message;
        return Redirect($"/intelligence/items/{Uri.EscapeDataString(Id)}");
    }
}
