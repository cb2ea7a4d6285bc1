using Probity.AuditTrail.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.Identity.Contracts;

namespace Probity.Performance.Report;

/// <summary>A finished report's files: /performance/report/{job}/pdf, /html, /csv and /ipcc-return.csv. Only its owner gets them.</summary>
[Authorize(Policy = Policies.ReadPerformance)]
internal sealed class DownloadModel(ReportJobs jobs, Audit audit) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string job, string format, CancellationToken ct)
    {
        var j = jobs.Find(job, User.Identity!.Name!);
        if (j?.Results is not { } r) return NotFound();
        (byte[] Bytes, string Type, string Name)? file = format switch
        {
            "pdf" => (r.Pdf, "application/pdf", r.FileStem + ".pdf"),
            "html" => (r.Html, "text/html; charset=utf-8", r.FileStem + ".html"),
            "csv" => (r.CsvZip, "application/zip", r.FileStem + "-tables.zip"),
            "ipcc-return.csv" => (r.IpccReturn, "text/csv; charset=utf-8", r.FileStem + "-ipcc-return.csv"),
            _ => null,
        };
        if (file is not { } f) return NotFound();
        await audit.RecordAsync("export", "performance_report", $"download {format} PSPI {PspiDocument.ShortLabel(j.Quarter.Label)} scope={j.UnitId ?? "force"} job={j.Id}", ct);
        // The HTML report carries its own style block: allow exactly that and nothing else.
        if (format == "html") Response.Headers.ContentSecurityPolicy = PspiHtml.ContentSecurityPolicy;
        // The HTML and PDF report open in the browser (they are documents to read); the tables and the return are files to save.
        if (format is "html" or "pdf")
        {
            Response.Headers.ContentDisposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("inline") { FileNameStar = f.Name }.ToString();
            return File(f.Bytes, f.Type);
        }
        return File(f.Bytes, f.Type, f.Name);
    }
}
