using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.Identity.Contracts;
using Probity.Kernel;

namespace Probity.Registers.Learning;

[Authorize(Policy = Policies.ReadRegisters)]
internal sealed class ThemesModel(LearningRegisterHandler register) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }

    public LearningRegisterHandler.Themes? Themes { get; private set; }
    public string? Refusal { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        try { Themes = await register.ThemesAsync(Unit, ct); }
        catch (ActionRefusedException e)
        {
            Refusal = e.Message;
            Themes = await register.ThemesAsync(null, ct);
        }
    }
}
