using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Probity.Infrastructure.Web;

/// <summary>
/// Changing something needs more than reading it: every post to the page (or only to <see cref="Handler"/>) must
/// also satisfy <see cref="Policy"/>. Razor Pages ignore [Authorize] on handler methods, hence this filter.
/// Several may apply; all must pass.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
internal sealed class PostPolicyAttribute(string policy) : Attribute, IAsyncPageFilter
{
    public string Policy { get; } = policy;

    /// <summary>The item naming the policy this filter refused, so the trail's <c>denied</c> entry names it (Host's RefusalTrail).</summary>
    public const string RefusedPolicyItem = "probity.page.refused-policy";

    /// <summary>Only this handler (e.g. "Restrict" for OnPostRestrictAsync); null for every post.</summary>
    public string? Handler { get; init; }

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        var applies = !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)
            && (Handler is null || string.Equals(context.HandlerMethod?.Name, Handler, StringComparison.Ordinal));
        if (applies && !(await http.RequestServices.GetRequiredService<IAuthorizationService>().AuthorizeAsync(http.User, Policy)).Succeeded)
        {
            http.Items[RefusedPolicyItem] = Policy;
            context.Result = new ForbidResult();
            return;
        }
        await next();
    }
}
