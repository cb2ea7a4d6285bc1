using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Probity.Infrastructure.Web;

/// <summary>
/// Keeps model binding from reading the form (which would buffer every file) before a page's handler streams it.
/// Pages that stream uploads (a bundle import, a case document) read the form themselves, section by section.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class NoFormBindingAttribute : Attribute, IResourceFilter
{
    public void OnResourceExecuting(ResourceExecutingContext context)
    {
        var factories = context.ValueProviderFactories;
        factories.RemoveType<FormValueProviderFactory>();
        factories.RemoveType<FormFileValueProviderFactory>();
        factories.RemoveType<JQueryFormValueProviderFactory>();
    }

    public void OnResourceExecuted(ResourceExecutedContext context) { }
}
