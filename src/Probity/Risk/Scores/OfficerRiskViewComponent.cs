using Microsoft.AspNetCore.Mvc;

namespace Probity.Risk.Scores;

/// <summary>The officer-risk section of the officer profile, rendered by Risk itself so the profile (Workforce) needs
/// none of Risk's types: the profile page asks for the component by name with the officer's staff id.</summary>
[ViewComponent(Name = Name)]
// Public because MVC discovers only public view components; it takes its (internal) service from the request.
#pragma warning disable CA1515
public sealed class OfficerRiskViewComponent : ViewComponent
{
    public const string Name = "OfficerRisk";

    public async Task<IViewComponentResult> InvokeAsync(string staffId)
    {
        var risk = HttpContext.RequestServices.GetRequiredService<OfficerRisk>();
        var view = await risk.ForAsync(staffId, UserClaimsPrincipal, HttpContext.RequestAborted);
        return view is null ? Content("") : View("~/Risk/Scores/_OfficerRisk.cshtml", view);
    }
}
#pragma warning restore CA1515
