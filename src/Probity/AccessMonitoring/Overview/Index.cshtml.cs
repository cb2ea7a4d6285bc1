using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.Identity.Contracts;

namespace Probity.AccessMonitoring.Overview;

[Authorize(Policy = Policies.ReadMonitoring)]
internal sealed class IndexModel(MonitoringOverview overview) : PageModel
{
    /// <summary>Below this share of explained access a system or unit is marked: most access should be explained by tasking or normal work.</summary>
    public const double LowShare = 90;

    public MonitoringOverview.View View { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => View = await overview.HandleAsync(ct);
}
