using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.Identity.Contracts;
using Probity.Intelligence.Log;

namespace Probity.Intelligence.ItemLog;

/// <summary>The intelligence log: every item the reader may see, newest first (the read is on the trail).</summary>
[Authorize(Policy = Policies.ReadIntelligence)]
internal sealed class ItemsModel(IntelligenceLog log, IntelligenceLists lists) : PageModel
{
    public IReadOnlyList<IntelligenceLog.Row> Rows { get; private set; } = [];
    public IntelligenceLists Lists => lists;
    public DateTimeOffset Now => log.Now;

    public async Task OnGetAsync(CancellationToken ct) => Rows = await log.ListAsync(ct);
}

/// <summary>The Intelligence Management Unit's queue: items not yet reviewed, overdue first.</summary>
[Authorize(Policy = Policies.ReadIntelligence)]
internal sealed class ReviewQueueModel(IntelligenceLog log, IntelligenceLists lists) : PageModel
{
    public IReadOnlyList<IntelligenceLog.Row> Rows { get; private set; } = [];
    public IntelligenceLists Lists => lists;
    public DateTimeOffset Now => log.Now;
    public TimeSpan Within => log.ReviewWithin;

    public async Task OnGetAsync(CancellationToken ct) => Rows = await log.ReviewQueueAsync(ct);
}
