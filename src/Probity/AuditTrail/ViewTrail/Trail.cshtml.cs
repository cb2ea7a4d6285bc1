using Probity.Cases.Contracts;
using Probity.AuditTrail.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Probity.Identity.Contracts;
using Probity.Database;

namespace Probity.AuditTrail.ViewTrail;

/// <summary>
/// The administrator's view of the trail: who did what, and whether the chain and its checkpoints still hold. Reading
/// it is itself recorded. Entries about a case the reader may not see are shown without the case's id or details:
/// the trail must not become a way round need-to-know.
/// </summary>
[Authorize(Policy = Policies.Administer)]
internal sealed class TrailModel(ProbityDb db, Audit audit, AuditSealing sealing, TrailCheckpoints checkpoints, CaseReferences references) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Actor { get; set; }
    [BindProperty(SupportsGet = true)] public string? Target { get; set; }
    /// <summary>
    /// One kind of act (<c>not_found</c>, <c>denied</c> ...): a probe for a case stays findable however many other
    /// refusals its author sends round it, since every refusal is its own entry and none is collapsed (ADR 0027).
    /// </summary>
    [BindProperty(SupportsGet = true, Name = "act")] public string? Act { get; set; }
    /// <summary>Entries older than this sequence number: the next page back, so no entry is out of reach behind newer ones.</summary>
    [BindProperty(SupportsGet = true)] public long? Before { get; set; }
    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    /// <summary>How many entries match the filter; only the newest <see cref="Shown"/> are listed.</summary>
    public int Matching { get; private set; }
    public const int Shown = 200;

    /// <summary>The same filter, one page further back (after the oldest entry shown).</summary>
    public string OlderUrl => Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/admin/trail",
        new Dictionary<string, string?> { ["actor"] = Actor, ["target"] = Target, ["act"] = Act, ["before"] = Entries.Count > 0 ? Entries[^1].Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture) : null }
            .Where(p => !string.IsNullOrWhiteSpace(p.Value)));
    public VerifyTrail.Result? Verification { get; private set; }
    public string CheckpointFolder => checkpoints.Folder;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task OnPostAsync(CancellationToken ct)
    {
        Verification = await VerifyTrail.RunAsync(db, sealing.ExistingChain(), checkpoints, sealing.Witness, ct);
        await audit.RecordAsync("verify", "audit_trail", Verification.Intact ? "intact" : $"broken: {Verification.Problem}", ct);
        await LoadAsync(ct);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var q = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Actor)) q = q.Where(e => e.Actor == Actor);
        if (!string.IsNullOrWhiteSpace(Target)) q = q.Where(e => e.Target == Target);
        if (!string.IsNullOrWhiteSpace(Act)) q = q.Where(e => e.Action == Act);
        if (Before is { } before) q = q.Where(e => e.Sequence < before);
        var entries = await q.OrderByDescending(e => e.Sequence).Take(Shown).ToListAsync(ct);
        Matching = entries.Count < Shown ? entries.Count : await q.CountAsync(ct);
        // Need-to-know covers the trail too: a case the reader may not see is withheld wherever an entry names it, and
        // asking for its entries by target answers as for a case that does not exist.
        var hidden = await references.HiddenAsync(entries.SelectMany(e => CaseReferences.Words(e.Target).Concat(CaseReferences.Words(e.Detail)))
            .Concat(CaseIdOf(Target ?? "") is { } asked ? [asked] : []), ct);
        if (CaseIdOf(Target ?? "") is { } target && hidden.Contains(target)) (entries, Matching) = ([], 0);
        Entries = [.. entries.Select(e => hidden.Count == 0 ? e : new AuditEntry
        {
            Sequence = e.Sequence, At = e.At, Actor = e.Actor, Action = e.Action, Target = CaseReferences.Redact(e.Target, hidden)!,
            // An entry about a hidden case says nothing of what was done to it.
            Detail = CaseIdOf(e.Target) is { } about && hidden.Contains(about) ? null : CaseReferences.Redact(e.Detail, hidden), Client = e.Client, PreviousHash = e.PreviousHash, Hash = e.Hash,
        })];
        await audit.RecordAsync("view", "audit_trail", $"actor={Actor} target={Target} act={Act}" + (Before is { } b ? $" before={b}" : ""), ct);
    }

    private static string? CaseIdOf(string target) => target.StartsWith("case:", StringComparison.Ordinal) && target.Length > 5 ? target[5..] : null;
}
