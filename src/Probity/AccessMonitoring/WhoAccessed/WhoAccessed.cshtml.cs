using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.Identity.Contracts;
using Probity.Kernel;
using Probity.Infrastructure.Time;

namespace Probity.AccessMonitoring.WhoAccessed;

[Authorize(Policy = Policies.ReadMonitoring)]
internal sealed class WhoAccessedModel(WhoAccessedHandler who) : PageModel
{
    /// <summary>The table stops here; the summary and the graph still count every access fetched.</summary>
    public const int RowsShown = 2_000;

    [BindProperty(SupportsGet = true)] public string? Subject { get; set; }
    [BindProperty(SupportsGet = true)] public string? Record { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }

    public WhoAccessedHandler.Result? Result { get; private set; }
    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        // Checked before the default window is worked out from them.
        Problem = (From is { } first ? WorkingDays.OutsideRange(first, "the first day") : null) ?? (To is { } last ? WorkingDays.OutsideRange(last, "the last day") : null);
        if (Problem is not null) return;
        if (From is null || To is null)
        {
            var (from, to) = await who.DefaultWindowAsync(ct);
            From ??= To is { } t ? t.AddDays(-(WhoAccessedHandler.DefaultDays - 1)) : from;
            To ??= to;
        }
        if (string.IsNullOrWhiteSpace(Subject) && string.IsNullOrWhiteSpace(Record)) return;
        try
        {
            Result = await who.HandleAsync(new WhoAccessedHandler.Search(Subject, Record, From.Value, To.Value), ct);
        }
        catch (ActionRefusedException ex)
        {
            // A search that cannot run is shown with the form still filled in, not as an error page.
            Problem = ex.Message;
        }
    }
}
