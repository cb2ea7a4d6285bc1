using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.Identity.Contracts;
using Probity.Infrastructure.Web;
using Probity.Registers.Contracts;

namespace Probity.Registers.Resources;

/// <summary>The Directorate's budget and staffing by year: read by whoever reads the board pack, recorded by senior managers.</summary>
[Authorize(Policy = Policies.ReadBoardPack)]
[PostPolicy(Policies.ManageRegisters)]
internal sealed class ResourcesModel(DirectorateResourcesHandler resources, IAuthorizationService authorization) : PageModel
{
    public IReadOnlyList<DirectorateResourceYear> Years { get; private set; } = [];
    public bool MayRecord { get; private set; }
    /// <summary>The year opened for correction (?year=), if it is held.</summary>
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    public DirectorateResourceYear? Editing { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Years = await resources.ListAsync(ct);
        MayRecord = (await authorization.AuthorizeAsync(User, Policies.ManageRegisters)).Succeeded;
        Editing = Years.FirstOrDefault(y => y.Year == Year);
    }

    public async Task<IActionResult> OnPostAsync(int? year, long? budgetPounds, int? policeOfficers, int? policeStaff, Guid? version, CancellationToken ct)
    {
        await resources.RecordAsync(year, budgetPounds, policeOfficers, policeStaff, version, ct);
        TempData["Notice"] = $"Recorded the budget and staffing for {year}.";
        return Redirect("/registers/resources");
    }
}
