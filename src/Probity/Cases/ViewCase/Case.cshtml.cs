using Probity.Identity.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Probity.Cases.ViewCase;

/// <summary>
/// The case page. It changes nothing itself: each operation the reader may perform in the case's current state is a
/// link to that operation's own page (in the operation's folder, beside its handler), which comes back here with a notice.
/// </summary>
[Authorize(Policy = Policies.ReadCases)]
internal sealed class CaseModel(ViewCaseHandler view, IAuthorizationService authz) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    public ViewCaseHandler.View View { get; private set; } = null!;
    public bool CanEdit { get; private set; }
    public bool CanRestrict { get; private set; }
    public bool CanWithdrawInError { get; private set; }

    public bool CanRemoveDocuments { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        View = await view.HandleAsync(Id, ct);
        CanEdit = (await authz.AuthorizeAsync(User, Policies.EditCases)).Succeeded;
        CanRestrict = CanEdit && (await authz.AuthorizeAsync(User, Policies.RestrictCases)).Succeeded;
        CanWithdrawInError = CanEdit && (await authz.AuthorizeAsync(User, Policies.WithdrawCasesRecordedInError)).Succeeded;
        CanRemoveDocuments = CanEdit && (await authz.AuthorizeAsync(User, Policies.RemoveCaseDocuments)).Succeeded;
    }
}
