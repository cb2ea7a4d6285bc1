using Probity.Workforce.Contracts;
using Probity.Cases.Contracts;
using Probity.Infrastructure.Time;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.Identity.Contracts;
using Probity.Kernel;

namespace Probity.Cases.RecordCase;

[Authorize(Policy = Policies.EditCases)]
internal sealed class NewModel(RecordCaseHandler record, UnitDirectory units, TimeProvider time) : PageModel
{
    private const int AllegationLines = 6;

    [BindProperty] public NewCase Input { get; set; } = new();
    public IReadOnlyList<Unit> Units { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Input.ReceivedOn = time.Today();
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            try
            {
                var id = await record.HandleAsync(Input, ct);
                TempData["Notice"] = $"Case {id} recorded.";
                return Redirect($"/cases/{id}");
            }
            catch (ActionRefusedException ex)
            {
                // Stay on the form: a long intake must not be lost to one wrong field.
                ModelState.AddModelError("", ex.Message);
            }
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Units = await units.HandlingUnitsAsync(ct);
        while (Input.Allegations.Count < AllegationLines) Input.Allegations.Add(new NewAllegation());
    }
}
