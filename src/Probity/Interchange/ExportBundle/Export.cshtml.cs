using Probity.Cases.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.Identity.Contracts;
using Probity.Interchange.Pif;

namespace Probity.Interchange.ExportBundle;

[Authorize(Policy = Policies.Export)]
internal sealed class ExportModel(ExportBundle.ExportBundleHandler export, TimeProvider time) : PageModel
{
    [BindProperty] public CaseFilter Filter { get; set; } = new();

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var empty = Filter.Unit is null && Filter.Officer is null && Filter.Category is null && Filter.Status is null;
        var bundle = await export.HandleAsync(empty ? null : Filter, ct);
        var zip = new MemoryStream();
        PifWriter.WriteZip(bundle, zip);
        zip.Position = 0;
        return File(zip, "application/zip", $"probity-export-{time.GetUtcNow():yyyyMMdd-HHmmss}.zip");
    }
}
