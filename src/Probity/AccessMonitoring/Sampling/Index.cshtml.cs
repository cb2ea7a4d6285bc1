using Probity.Workforce.Contracts;
using Probity.AuditTrail.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Probity.AccessMonitoring.Alerts;
using Probity.AccessMonitoring.Detection;
using Probity.AccessMonitoring.EventStore;
using Probity.Identity.Contracts;
using Probity.Database;
using Probity.Kernel;
using Probity.Infrastructure.Web;

namespace Probity.AccessMonitoring.Sampling;

/// <summary>The samples drawn so far, how far their answers have got, and the form to draw another.</summary>
[Authorize(Policy = Policies.ReadMonitoring)]
[PostPolicy(Policies.ManageMonitoring)]
internal sealed class IndexModel(ProbityDb db, IAccessEventStore store, Audit audit, IAuthorizationService authz, TimeProvider time) : PageModel
{
    public const int DefaultDays = 7;

    internal sealed record Row(ProbitySample Sample, int Items, int Answered, int NoReason, int Staff);

    internal sealed class DrawInput
    {
        public DateOnly From { get; set; }
        public DateOnly To { get; set; }
        public int PerUser { get; set; } = 5;
        public string? UnitId { get; set; }
        public string? StaffIds { get; set; }
        public int? Seed { get; set; }
    }

    [BindProperty] public DrawInput Input { get; set; } = new();
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<Unit> Units { get; private set; } = [];
    public bool CanDraw { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        // A week up to the latest audit log held (today, when the feeds are current).
        var now = time.GetUtcNow();
        var last = (await store.SummaryAsync(ct)).LastEvent;
        Input.To = DateOnly.FromDateTime(LondonTime.ToLocal(last is { } l && l < now ? l : now).DateTime);
        Input.From = Input.To.AddDays(-(DefaultDays - 1));
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync([FromServices] DrawSample draw, CancellationToken ct)
    {
        try
        {
            var sample = await draw.HandleAsync(new DrawSample.Command(Input.From, Input.To, Input.PerUser, Input.UnitId, Input.StaffIds, Input.Seed), ct);
            TempData["Notice"] = $"Sample {sample.Id} drawn: {sample.Items.Count} accesses, seed {sample.Seed}.";
            return Redirect($"/monitoring/sampling/{sample.Id}");
        }
        catch (ActionRefusedException ex)
        {
            // Keep the form as filled in (a pasted list of staff ids is not something to paste twice).
            ModelState.AddModelError("", ex.Message);
            await LoadAsync(ct);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var samples = await db.ProbitySamples.AsNoTracking().OrderByDescending(s => s.DrawnAt).Take(100).ToListAsync(ct);
        var ids = samples.Select(s => s.Id).ToList();
        var progress = await db.ProbitySampleItems.AsNoTracking().Where(i => ids.Contains(i.SampleId)).GroupBy(i => i.SampleId)
            .Select(g => new
            {
                g.Key, Items = g.Count(), Answered = g.Count(i => i.Answer != null), NoReason = g.Count(i => i.Answer == "no_business_reason"),
                Staff = g.Select(i => i.StaffId).Distinct().Count(),
            })
            .ToDictionaryAsync(g => g.Key, ct);
        Rows = samples.Select(s => progress.TryGetValue(s.Id, out var p) ? new Row(s, p.Items, p.Answered, p.NoReason, p.Staff) : new Row(s, 0, 0, 0, 0)).ToList();
        Units = await db.Units.AsNoTracking().OrderBy(u => u.Name).ToListAsync(ct);
        CanDraw = (await authz.AuthorizeAsync(User, Policies.ManageMonitoring)).Succeeded;
        await audit.RecordAsync("view", "probity_samples", $"{Rows.Count} sample(s)", ct);
    }
}
