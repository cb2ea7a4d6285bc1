using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Probity.Identity;
using Probity.Infrastructure.Database;

namespace Probity.AuditTrail.Web;

/// <summary>
/// The administrator's view of the trail: who did what, and whether the chain and its checkpoints still hold. Reading
/// it is itself recorded. Entries about a case the reader may not see are shown without the case's id or details:
/// the trail must not become a way round need-to-know.
/// </summary>
[Authorize(Policy = Policies.Administer)]
public sealed class TrailModel(ProbityDb db, Audit audit, AuditSealing sealing, TrailCheckpoints checkpoints) : PageModel
{
    public const string Withheld = "(a case you may not see)";

    [BindProperty(SupportsGet = true)] public string? Actor { get; set; }
    [BindProperty(SupportsGet = true)] public string? Target { get; set; }
    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    public VerifyTrail.Result? Verification { get; private set; }
    public string CheckpointFolder => checkpoints.Folder;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task OnPostAsync(CancellationToken ct)
    {
        Verification = await VerifyTrail.RunAsync(db, sealing.ExistingChain(), checkpoints, ct);
        await audit.RecordAsync("verify", "audit_trail", Verification.Intact ? "intact" : $"broken: {Verification.Problem}", ct);
        await LoadAsync(ct);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var q = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Actor)) q = q.Where(e => e.Actor == Actor);
        if (!string.IsNullOrWhiteSpace(Target)) q = q.Where(e => e.Target == Target);
        var entries = await q.OrderByDescending(e => e.Sequence).Take(200).ToListAsync(ct);
        var caseIds = entries.Select(e => CaseIdOf(e.Target)).OfType<string>().Distinct().ToList();
        // Through the need-to-know filter: what the reader may not see (restricted, or not yet finalised for oversight) is withheld.
        var visible = (await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        Entries = [.. entries.Select(e => CaseIdOf(e.Target) is { } id && !visible.Contains(id)
            ? new AuditEntry { Sequence = e.Sequence, At = e.At, Actor = e.Actor, Action = e.Action, Target = Withheld, Detail = null, Client = e.Client, PreviousHash = e.PreviousHash, Hash = e.Hash }
            : e)];
        await audit.RecordAsync("view", "audit_trail", $"actor={Actor} target={Target}", ct);
    }

    private static string? CaseIdOf(string target) => target.StartsWith("case:", StringComparison.Ordinal) ? target[5..] : null;
}
