using Probity.Kernel;
namespace Probity.Identity.Contracts;

/// <summary>Lets background work act as the person who asked for it (their name in the audit trail).</summary>
internal sealed class ScopeOverride
{
    public CaseAccessScope? Scope { get; set; }
}
