using Probity.Cases.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.Identity.Contracts;
using Probity.Interchange.Contracts;
using Probity.Interchange.Pif;
using Probity.Infrastructure.Web;
using Probity.Kernel;
using Probity.Workforce.Contracts;

namespace Probity.Interchange.ExportBundle;

[Authorize(Policy = Policies.Export)]
internal sealed class ExportModel(ExportBundle.ExportBundleHandler export, UnitDirectory units, TimeProvider time) : PageModel
{
    [BindProperty] public CaseFilter Filter { get; set; } = new();

    public ChoiceList Units { get; private set; } = new([]);

    /// <summary>Why the export was not made (a unit nobody has), shown with the form as it was filled in.</summary>
    public string? Refusal { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Units = UnitDirectory.Choices(await units.AllAsync(ct));

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // A unit typed by name (or id) becomes its id; one no unit has is refused here, where it used to export an
        // almost empty zip without a word. So is a status no export carries (a case withdrawn as recorded in error).
        PifBundle bundle;
        try
        {
            if (!string.IsNullOrWhiteSpace(Filter.Unit)) Filter.Unit = await units.ChooseAsync(Filter.Unit, "Unit", handlingOnly: false, ct);
            var empty = Filter.Unit is null && Filter.Officer is null && Filter.Category is null && Filter.Status is null;
            bundle = await export.HandleAsync(empty ? null : Filter, ct);
        }
        catch (ActionRefusedException ex)
        {
            Refusal = ex.Message;
            await OnGetAsync(ct);
            return Page();
        }
        var zip = new MemoryStream();
        PifWriter.WriteZip(bundle, zip);
        zip.Position = 0;
        return File(zip, "application/zip", $"probity-export-{time.GetUtcNow():yyyyMMdd-HHmmss}.zip");
    }
}
