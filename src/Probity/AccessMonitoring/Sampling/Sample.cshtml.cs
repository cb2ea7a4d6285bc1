using Probity.AuditTrail.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Probity.AccessMonitoring.Alerts;
using Probity.Identity.Contracts;
using Probity.Database;
using Probity.Kernel;
using Probity.Infrastructure.Web;

namespace Probity.AccessMonitoring.Sampling;

/// <summary>One sample, grouped by member of staff, with an answer form for each sampled access.</summary>
[Authorize(Policy = Policies.ReadMonitoring)]
[PostPolicy(Policies.ManageMonitoring)]
internal sealed class SampleModel(ProbityDb db, Audit audit, IAuthorizationService authz, Cases.Contracts.CaseReferences references) : PageModel
{
    internal sealed record StaffGroup(string StaffId, string? Name, string? UnitName, IReadOnlyList<ProbitySampleItem> Items);

    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    public ProbitySample Sample { get; private set; } = null!;
    public IReadOnlyList<StaffGroup> Groups { get; private set; } = [];
    public int Answered => Sample.Items.Count(i => i.Answer is not null);
    public bool CanAnswer { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Sample = await db.ProbitySamples.AsNoTracking().Include(s => s.Items).FirstOrDefaultAsync(s => s.Id == Id, ct) ?? throw new RecordNotFoundException($"Sample {Id}");
        // An access's reason or record may quote a case the reader may not see.
        var hidden = await references.HiddenAsync(Sample.Items.SelectMany(i => new[] { i.ReasonRef, i.RecordId }), ct);
        foreach (var item in Sample.Items)
        {
            if (item.ReasonRef is { } r && hidden.Contains(r)) item.ReasonRef = Cases.Contracts.CaseReferences.Withheld;
            if (item.RecordId is { } rec && hidden.Contains(rec)) item.RecordId = Cases.Contracts.CaseReferences.Withheld;
        }
        var staffIds = Sample.Items.Select(i => i.StaffId).Distinct().ToList();
        var staff = await db.Staff.AsNoTracking().Where(s => staffIds.Contains(s.Id)).Select(s => new { s.Id, s.DisplayName, s.UnitId }).ToDictionaryAsync(s => s.Id, ct);
        var unitIds = staff.Values.Where(s => s.UnitId != null).Select(s => s.UnitId!).Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        Groups = Sample.Items.GroupBy(i => i.StaffId).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new StaffGroup(g.Key, staff.GetValueOrDefault(g.Key)?.DisplayName, staff.GetValueOrDefault(g.Key)?.UnitId is { } u ? units.GetValueOrDefault(u) : null,
                g.OrderBy(i => i.EventTime).ThenBy(i => i.Id).ToList()))
            .ToList();
        CanAnswer = (await authz.AuthorizeAsync(User, Policies.ManageMonitoring)).Succeeded;
        await audit.RecordAsync("view", $"probity_sample/{Id}", $"{Sample.Items.Count} accesses, {Answered} answered", ct);
    }

    public async Task<IActionResult> OnPostAnswerAsync(long itemId, Guid version, string? answer, string? supervisor, string? note, [FromServices] AnswerSample answerSample, CancellationToken ct)
    {
        await answerSample.HandleAsync(new AnswerSample.Command(Id, itemId, version, answer, supervisor, note), ct);
        TempData["Notice"] = $"Answer recorded: {AlertWords.Answer(answer)}.";
        return Redirect($"/monitoring/sampling/{Uri.EscapeDataString(Id)}#item-{itemId}");
    }
}
