using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Probity.Identity;
using Probity.Infrastructure.Database;

namespace Probity.AuditTrail.Web;

/// <summary>The administrator's view of the trail: who did what, and whether the chain still holds. Reading it is itself recorded.</summary>
[Authorize(Policy = Policies.Administer)]
public sealed class TrailModel(ProbityDb db, Audit audit) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Actor { get; set; }
    [BindProperty(SupportsGet = true)] public string? Target { get; set; }
    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    public VerifyTrail.Result? Verification { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task OnPostAsync(CancellationToken ct)
    {
        Verification = await VerifyTrail.RunAsync(db, ct);
        await LoadAsync(ct);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var q = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Actor)) q = q.Where(e => e.Actor == Actor);
        if (!string.IsNullOrWhiteSpace(Target)) q = q.Where(e => e.Target == Target);
        Entries = await q.OrderByDescending(e => e.Sequence).Take(200).ToListAsync(ct);
        await audit.RecordAsync("view", "audit_trail", $"actor={Actor} target={Target}", ct);
    }
}
