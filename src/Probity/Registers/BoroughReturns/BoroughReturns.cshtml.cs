using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.Identity.Contracts;
using Probity.Registers.Contracts;

namespace Probity.Registers.BoroughReturns;

/// <summary>Boroughs' monthly returns: the list with a trend per borough, who has not sent this month's, the form and the upload (ADR 0026).</summary>
[Authorize(Policy = Policies.BoroughReturns)]
internal sealed class BoroughReturnsModel(BoroughReturnsHandler returns) : PageModel
{
    /// <summary>How many months each borough's trend shows, ending with this month.</summary>
    public const int TrendMonths = 12;

    public BoroughReturnsHandler.Overview View { get; private set; } = null!;
    /// <summary>A return opened for correction (?edit=id).</summary>
    [BindProperty(SupportsGet = true)] public long? Edit { get; set; }
    public BoroughReturn? Editing { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        View = await returns.OverviewAsync(ct);
        if (Edit is { } id) Editing = await returns.GetAsync(id, ct);
    }

    public async Task<IActionResult> OnPostAsync(string? borough, int? year, int? month, int? writtenWarnings, int? finalWrittenWarnings, int? managementAdvice, Guid? version, CancellationToken ct)
    {
        var sent = await returns.SendAsync(borough, year, month, new(writtenWarnings, finalWrittenWarnings, managementAdvice), version, ct);
        TempData["Notice"] = $"{(version is null ? "Sent" : "Corrected")} the return for {BoroughReturnsHandler.MonthName(sent.Year, sent.Month)}.";
        return Redirect("/registers/borough-returns");
    }

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0) throw new Kernel.ActionRefusedException("Choose a CSV file of returns to upload.");
        using var reader = new StreamReader(file.OpenReadStream(), Infrastructure.Csv.Utf8);
        var count = await returns.UploadAsync(file.FileName, reader, ct);
        TempData["Notice"] = $"Uploaded {count} return{(count == 1 ? "" : "s")} from {Path.GetFileName(file.FileName)}.";
        return Redirect("/registers/borough-returns");
    }

    /// <summary>A borough's total per month over the trend's months, oldest first (null where no return was sent).</summary>
    public IReadOnlyList<double?> Trend(string boroughId)
    {
        var start = new DateOnly(View.Year, View.Month, 1).AddMonths(-(TrendMonths - 1));
        return Enumerable.Range(0, TrendMonths).Select(i => start.AddMonths(i)).Select(d =>
            View.Returns.FirstOrDefault(r => r.BoroughUnitId == boroughId && r.Year == d.Year && r.Month == d.Month) is { } r
                ? (double?)(r.WrittenWarnings + r.FinalWrittenWarnings + r.ManagementAdvice) : null).ToList();
    }
}
