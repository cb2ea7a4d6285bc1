using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.Identity.Contracts;
using Probity.Kernel;

namespace Probity.Registers;

/// <summary>
/// The shape every register's list page shares: the register as filtered, whether the reader may record in it, and a
/// filter refused (a unit typed wrongly) shown as its reason above the whole register, never as an error page. Recording
/// is the senior managers' (ManageRegisters) unless the register names its own policy (dip samples: the police authority's).
/// </summary>
internal abstract class RegisterListPage<TView>(IAuthorizationService authorization, string recordPolicy = Policies.ManageRegisters) : PageModel where TView : class
{
    public TView? Register { get; private set; }
    public string? Refusal { get; private set; }
    public bool MayRecord { get; private set; }

    protected async Task ShowAsync(Func<Task<TView>> filtered, Func<Task<TView>> whole)
    {
        MayRecord = (await authorization.AuthorizeAsync(User, recordPolicy)).Succeeded;
        try
        {
            Register = await filtered();
        }
        catch (ActionRefusedException e)
        {
            Refusal = e.Message;
            Register = await whole();
        }
    }
}
