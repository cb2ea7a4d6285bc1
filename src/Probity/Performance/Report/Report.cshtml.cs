using Probity.AuditTrail.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.Identity.Contracts;
using Probity.Infrastructure.Time;
using Probity.Kernel;
using Probity.Performance.Facts;
using Probity.Performance.Measures;

namespace Probity.Performance.Report;

/// <summary>Asks for the quarterly PSPI report (financial year, quarter, unit) and follows its job to the downloads.</summary>
[Authorize(Policy = Policies.ReadPerformance)]
internal sealed class ReportModel(ReportJobs jobs, FactsCache facts, Audit audit, Cases.Contracts.CaseReferences references, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "job")] public string? JobId { get; set; }
    public ReportJobs.Job? Job { get; private set; }

    public IReadOnlyList<int> Years { get; private set; } = [];
    public IReadOnlyList<UnitFact> Units { get; private set; } = [];
    public int DefaultYear { get; private set; }
    public int DefaultQuarter { get; private set; }

    /// <summary>Stored dates outside the working-day calendar that any report will leave out (force-wide).</summary>
    public IReadOnlyList<DateExclusion> Excluded { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (JobId is not null)
        {
            Job = jobs.Find(JobId, User.Identity!.Name!);
            return Job is null ? NotFound() : Page();
        }
        var f = await facts.GetAsync(ct);
        // Only the financial years cases were received in (within the working-day calendar, so a mistyped date from an
        // earlier system does not add decades of empty years); with no cases, the current year.
        var dates = f.Cases.Select(c => c.ReceivedOn).Where(WorkingDays.Covers).DefaultIfEmpty(time.Today()).ToList();
        var latest = Period.QuarterOf(dates.Max());
        DefaultYear = FinancialYearOf(latest.From);
        DefaultQuarter = (latest.From.Month + 8) % 12 / 3 + 1;
        Years = dates.Select(FinancialYearOf).Distinct().OrderDescending().ToList();
        Units = f.Units.OrderBy(u => u.Name, StringComparer.Ordinal).ToList();
        Excluded = await references.VisibleAsync(f.DateExclusions, e => e.Warning.CaseId, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int year, int quarter, string? unit, CancellationToken ct)
    {
        Period period;
        try { period = Period.Quarter(year, quarter).RequireCovered(); }
        catch (ActionRefusedException e) { TempData["Error"] = e.Message; return Redirect("/performance/report"); }
        if (!string.IsNullOrEmpty(unit) && !(await facts.GetAsync(ct)).UnitsById.ContainsKey(unit))
        {
            TempData["Error"] = $"There is no unit {unit}.";
            return Redirect("/performance/report");
        }
        var job = jobs.Enqueue(Identity.Contracts.ReaderScope.For(User), period, unit);
        await audit.RecordAsync("export", "performance_report", $"generate PSPI {PspiDocument.ShortLabel(period.Label)} scope={(string.IsNullOrEmpty(unit) ? "force" : unit)} job={job.Id}", ct);
        return Redirect($"/performance/report/{job.Id}");
    }

    private static int FinancialYearOf(DateOnly d) => d.Month >= 4 ? d.Year : d.Year - 1;

    /// <summary>A financial year as people write it: 2010 → "2010/11".</summary>
    public static string YearLabel(int year) => $"{year}/{(year + 1) % 100:00}";
}
