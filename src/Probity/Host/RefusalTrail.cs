using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Probity.AuditTrail.Contracts;
using Probity.Infrastructure.Web;

namespace Probity.Host;

/// <summary>
/// Every refusal the web host gives a signed-in person outside a page form's own handling is on the audit trail (ADR 0027):
/// <list type="bullet">
/// <item>The JSON API: a case hidden by need-to-know or missing (404, <c>not_found</c>), a policy the caller's roles lack
/// (403, <c>denied</c>), a refused action, an unreadable value, a stale version or a missing antiforgery token (400, 409,
/// 413, 415, 422, <c>refused</c>). One middleware round authorisation, antiforgery and the endpoints of <c>/api</c>.</item>
/// <item>A page the caller's role may not open or post to (the page policy's or a <see cref="PostPolicyAttribute"/>'s
/// forbid, answered with the redirect to <c>/account/denied</c>): <c>denied</c>, target <c>page:&lt;path&gt;</c>, from
/// the sign-in cookie's access-denied event, the one place every page's forbid passes.</item>
/// </list>
/// So no endpoint or page has to remember it. The answer is unchanged (a hidden case still answers exactly as a missing
/// one); the entry names the record or page asked for, the method and path, the status and the reason given, never the
/// request's body or query.
/// Not recorded: callers who are not signed in (401, or the redirect to sign in: no one to name, and an outsider could
/// fill the trail at the rate they can send; sign-in attempts are recorded by the sign-in itself), the ingest key's
/// batches (their endpoint puts every batch, refused or not, on the trail under the key's label), and a Right Line
/// reporter (anonymous by design).
/// </summary>
internal static class RefusalTrail
{
    private const string ProblemKey = "probity.api.problem";

    public static void UseApiRefusalTrail(this WebApplication app) =>
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/api"), api => api.Use(RecordRefusalsAsync));

    /// <summary>
    /// A page's forbid goes on the trail as it is answered (before the redirect to <c>/account/denied</c> is sent); the
    /// API's forbid (a 403, not a redirect) is left to <see cref="UseApiRefusalTrail"/>.
    /// </summary>
    public static void RecordPageForbids(CookieAuthenticationOptions cookie)
    {
        var answer = cookie.Events.OnRedirectToAccessDenied;
        cookie.Events.OnRedirectToAccessDenied = async ctx =>
        {
            if (!ctx.Request.Path.StartsWithSegments("/api") && !Intelligence.IntelligenceModule.IsReporterRequest(ctx.HttpContext))
                await RecordAsync(ctx.HttpContext, StatusCodes.Status403Forbidden, null, "page:");
            await answer(ctx);
        };
    }

    /// <summary>Keeps the problem an answer carries (a validation problem's fields, a refused token) for the entry's reason.</summary>
    public static void Remember(ProblemDetailsContext problem) => problem.HttpContext.Items[ProblemKey] = problem.ProblemDetails;

    /// <summary>Each refusal is recorded once, before the caller can read a byte of the answer.</summary>
    private static async Task RecordRefusalsAsync(HttpContext ctx, RequestDelegate next)
    {
        var recorded = false;
        Task RecordOnceAsync(int status, string? reason)
        {
            if (recorded || !IsRefusal(status)) return Task.CompletedTask;
            recorded = true;
            return RecordAsync(ctx, status, reason, "api:");
        }
        // An answer with a body (a validation problem, a refused token) is recorded as it starts to go out, while the
        // endpoint and its route values are still the request's.
        ctx.Response.OnStarting(() => RecordOnceAsync(ctx.Response.StatusCode, ProblemReason(ctx)));
        try
        {
            await next(ctx);
        }
        catch (Exception error) when (ProbityWeb.Classify(error).Status is var status && IsRefusal(status))
        {
            // Recorded before the host's error mapping answers: a refusal that cannot be recorded answers 500, as a read does.
            await RecordOnceAsync(status, error.Message);
            throw;
        }
        // An answer without a body (authorisation's 403) has not started yet.
        await RecordOnceAsync(ctx.Response.StatusCode, ProblemReason(ctx));
    }

    private static bool IsRefusal(int status) => status is StatusCodes.Status400BadRequest or StatusCodes.Status403Forbidden or StatusCodes.Status404NotFound
        or StatusCodes.Status409Conflict or StatusCodes.Status413PayloadTooLarge or StatusCodes.Status415UnsupportedMediaType or StatusCodes.Status422UnprocessableEntity;

    /// <param name="pathKind">The target's prefix when the route names no record: <c>api:</c> or <c>page:</c>.</param>
    private static async Task RecordAsync(HttpContext ctx, int status, string? reason, string pathKind)
    {
        // People signed in with the cookie only (see the summary); a path no endpoint serves refuses nothing.
        if (ctx.User.Identity is not { IsAuthenticated: true } identity || identity.AuthenticationType != IdentityConstants.ApplicationScheme) return;
        if (ctx.GetEndpoint() is not { } endpoint) return;
        var audit = ctx.RequestServices.GetRequiredService<Audit>();
        // The handler already put this refusal on the trail (GET /api/cases/{id} reads through the case page's handler; a
        // borough return refused says what was tried).
        if (audit.RecordedRefusal) return;
        var action = status switch
        {
            StatusCodes.Status403Forbidden => "denied",
            StatusCodes.Status404NotFound => Audit.NotFound,
            _ => "refused",
        };
        if (status == StatusCodes.Status403Forbidden)
            // The policy a page's own check refused if it said (PostPolicy), else the ones the endpoint requires.
            reason = "needs " + (ctx.Items[PostPolicyAttribute.RefusedPolicyItem] as string
                ?? string.Join(", ", endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy ?? "a signed-in account").Distinct(StringComparer.Ordinal)));
        var target = endpoint.Metadata.GetMetadata<TrailTarget>() is { } named && ctx.GetRouteValue(named.RouteValue)?.ToString() is { Length: > 0 } id
            ? Audit.Reference(named.Kind, id)
            : pathKind + ctx.Request.Path.Value;
        // Not the request's cancellation: a caller who hangs up at once is still on the trail.
        await audit.RecordAsync(action, target, $"{ctx.Request.Method} {ctx.Request.Path.Value} answered {status}: {reason}", CancellationToken.None);
    }

    private static string? ProblemReason(HttpContext ctx) => ctx.Items[ProblemKey] switch
    {
        HttpValidationProblemDetails { Errors.Count: > 0 } invalid => string.Join("; ", invalid.Errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))),
        ProblemDetails problem => problem.Detail ?? problem.Title,
        _ => null,
    };
}
