using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Probity.Kernel;

namespace Probity.Infrastructure.Web;

/// <summary>
/// A refused action or a stale edit on a page post comes back to the same page with the reason shown at the top
/// (post-redirect-get), instead of an error page. Pages that must keep a long form's input catch it themselves.
/// </summary>
internal sealed class DomainErrorPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is ActionRefusedException or EditConflictException && !HttpMethods.IsGet(context.HttpContext.Request.Method))
        {
            var tempData = context.HttpContext.RequestServices.GetRequiredService<ITempDataDictionaryFactory>().GetTempData(context.HttpContext);
            tempData["Error"] = executed.Exception.Message;
            executed.ExceptionHandled = true;
            // Back to the page as it was being viewed: same path and query, without the post handler's name.
            var request = context.HttpContext.Request;
            var query = request.Query.Where(q => !string.Equals(q.Key, "handler", StringComparison.OrdinalIgnoreCase))
                .ToDictionary(q => q.Key, q => (string?)q.Value.ToString());
            executed.Result = new RedirectResult(Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(request.PathBase + request.Path, query));
        }
    }
}
