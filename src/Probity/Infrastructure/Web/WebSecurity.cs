using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Probity.Infrastructure.Web;

/// <summary>
/// The transport and cross-site rules of the web host. Outside Development: HTTPS only (plain HTTP is redirected,
/// HSTS tells browsers never to try HTTP again, cookies are Secure). Behind a TLS-terminating proxy, name it in
/// <c>Probity:Web:KnownProxies</c> so its X-Forwarded-For and X-Forwarded-Proto are believed (from it only).
/// And every change through the JSON API made with the sign-in cookie carries the antiforgery token.
/// </summary>
internal static class WebSecurity
{
    public const string KnownProxiesSetting = "Probity:Web:KnownProxies";
    public static readonly TimeSpan HstsMaxAge = TimeSpan.FromDays(365);

    public static IServiceCollection AddWebSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHsts(o => o.MaxAge = HstsMaxAge);
        var proxies = KnownProxies(configuration);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = 1;
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
            foreach (var proxy in proxies) o.KnownProxies.Add(proxy);
        });
        return services;
    }

    public static WebApplication UseWebSecurity(this WebApplication app)
    {
        if (KnownProxies(app.Configuration).Count > 0) app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
            app.Use(RefusePlainHttpAsync);
        }
        return app;
    }

    private static int _plainHttpLogged;

    /// <summary>
    /// The redirect above needs to know the HTTPS address; a host given only an http:// URL (or behind a proxy it was not
    /// told about) lets plain HTTP through, and every form page then failed with a 500 from antiforgery's Secure cookie,
    /// and an ingest key would travel in clear. Such a request is refused instead, saying how to configure the host.
    /// </summary>
    private static async Task RefusePlainHttpAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.IsHttps)
        {
            await next(context);
            return;
        }
        if (Interlocked.Exchange(ref _plainHttpLogged, 1) == 0)
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WebSecurity))
                .LogWarning("Refusing plain HTTP ({Path}): outside Development Probity answers over HTTPS only, and no HTTPS address is configured to redirect to. Give the host an https:// URL (or https_port), or name the TLS-terminating proxy in {Setting}.",
                    context.Request.Path, KnownProxiesSetting);
        await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "HTTPS only",
            detail: $"Probity answers over HTTPS only. This request came over plain HTTP and the host knows no HTTPS address to send it to: " +
                    $"give the host an https:// URL (or https_port), or name the TLS-terminating proxy in {KnownProxiesSetting}.").ExecuteAsync(context);
    }

    private static List<IPAddress> KnownProxies(IConfiguration configuration)
    {
        var configured = configuration.GetSection(KnownProxiesSetting).GetChildren().Select(c => c.Value).ToList();
        if (configured.Count == 0 && configuration[KnownProxiesSetting] is { } single) configured = [.. single.Split(',')];
        var proxies = new List<IPAddress>();
        foreach (var value in configured.Select(v => v?.Trim()).Where(v => !string.IsNullOrEmpty(v)))
            proxies.Add(IPAddress.TryParse(value, out var address) ? address
                : throw new InvalidOperationException($"{KnownProxiesSetting}: '{value}' is not an IP address."));
        return proxies;
    }

    /// <summary>
    /// The antiforgery middleware checks form posts only, so a JSON body posted with the sign-in cookie went through
    /// unchecked. Here every request that could change something (not GET, HEAD, OPTIONS or TRACE), reaching an
    /// endpoint other than a Razor page (pages check their own token), and signed in with the cookie, must carry a
    /// valid token in X-CSRF-TOKEN. Endpoints that opt out with DisableAntiforgery (the ingest endpoint, which takes
    /// a key and never the cookie) are left alone.
    /// </summary>
    public static WebApplication UseApiAntiforgery(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var method = context.Request.Method;
            var endpoint = context.GetEndpoint();
            if (endpoint is not null
                && !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method))
                && endpoint.Metadata.GetMetadata<PageActionDescriptor>() is null
                && endpoint.Metadata.GetMetadata<IAntiforgeryMetadata>() is not { RequiresValidation: false }
                && context.User.Identity is { IsAuthenticated: true, AuthenticationType: var scheme } && scheme == IdentityConstants.ApplicationScheme
                && !await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context))
            {
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WebSecurity))
                    .LogWarning("Refused {Method} {Path} by {User}: no valid antiforgery token", method, context.Request.Path, context.User.Identity.Name);
                await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Missing or invalid antiforgery token",
                    detail: "Changes made with the sign-in cookie need the X-CSRF-TOKEN header: get it from GET /api/antiforgery.").ExecuteAsync(context);
                return;
            }
            await next(context);
        });
        return app;
    }
}
