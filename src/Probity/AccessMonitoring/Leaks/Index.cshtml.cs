using Probity.AuditTrail.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Probity.AccessMonitoring.Alerts;
using Probity.AccessMonitoring.Detection;
using Probity.Identity.Contracts;
using Probity.Database;
using Probity.Kernel;
using Probity.Infrastructure.Time;
using Probity.Infrastructure.Web;

namespace Probity.AccessMonitoring.Leaks;

/// <summary>Known leaks, each a door into who touched the record or person before it got out; and recording a new one.</summary>
[Authorize(Policy = Policies.ReadMonitoring)]
[PostPolicy(Policies.ManageMonitoring)]
internal sealed class IndexModel(ProbityDb db, Audit audit, IAuthorizationService authz) : PageModel
{
    internal sealed record Row(LeakReport Leak, int Alerts)
    {
        /// <summary>Why the leak's window cannot be shown, when its stored date lies outside the supported dates; otherwise null.</summary>
        public string? DateProblem => WorkingDays.OutsideRange(DateOnly.FromDateTime(Leak.LeakedAt.UtcDateTime), $"the date of leak {Leak.Id}");
        public DateOnly WindowFrom => DateOnly.FromDateTime(LondonTime.ToLocal(Leak.LeakedAt.AddDays(-Leak.WindowDays)).DateTime);
        public DateOnly WindowTo => DateOnly.FromDateTime(LondonTime.ToLocal(Leak.LeakedAt).DateTime);
    }

    internal sealed class LeakInput
    {
        public string? Id { get; set; }
        public string? RecordId { get; set; }
        public string? SubjectPersonId { get; set; }
        /// <summary>London wall-clock time, as the form's datetime-local gives it.</summary>
        public DateTime? LeakedAt { get; set; }
        public int WindowDays { get; set; } = 14;
        public string? Description { get; set; }
    }

    [BindProperty] public LeakInput Input { get; set; } = new();
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public bool CanRecord { get; private set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync([FromServices] RecordLeak record, CancellationToken ct)
    {
        try
        {
            if (Input.LeakedAt is not { } local) throw new ActionRefusedException("Say when the leak happened (or was first seen).");
            var leakedAt = new DateTimeOffset(local, LondonTime.Zone.GetUtcOffset(local));
            var leak = await record.HandleAsync(new RecordLeak.Command(Input.Id?.Trim() ?? "", Input.RecordId, Input.SubjectPersonId, leakedAt, Input.WindowDays,
                Input.Description ?? "", db.Scope.Actor), ct);
            TempData["Notice"] = $"Leak {leak.Id} recorded. The next detection run over those days raises an alert for every uncovered access before it; the who-accessed link shows them now.";
            return Redirect("/monitoring/leaks");
        }
        catch (ActionRefusedException ex)
        {
            // Stay on the form with what was typed: a description is not something to type twice.
            ModelState.AddModelError("", ex.Message);
            await LoadAsync(ct);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var leaks = await db.LeakReports.AsNoTracking().OrderByDescending(l => l.LeakedAt).ToListAsync(ct);
        var ids = leaks.Select(l => l.Id).ToList();
        var alerts = await db.MisuseAlerts.AsNoTracking().Where(a => a.Rule == MisuseRuleIds.PreLeakAccess && ids.Contains(a.Key))
            .GroupBy(a => a.Key).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        Rows = leaks.Select(l => new Row(l, alerts.GetValueOrDefault(l.Id))).ToList();
        CanRecord = (await authz.AuthorizeAsync(User, Policies.ManageMonitoring)).Succeeded;
        await audit.RecordAsync("view", "leak_reports", $"{Rows.Count} leak(s)", ct);
    }
}
