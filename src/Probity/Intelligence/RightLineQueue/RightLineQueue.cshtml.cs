using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.Identity.Contracts;

namespace Probity.Intelligence.RightLineQueue;

[Authorize(Policy = Policies.ReadRightLine)]
internal sealed class RightLineQueueModel(BureauDesk desk) : PageModel
{
    public IReadOnlyList<BureauDesk.QueueRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Rows = await desk.QueueAsync(ct);
}
