using Probity.Identity.Contracts;
using Probity.Database;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Probity.Identity.Administration;
using Probity.Identity.SignIn;
using Probity.Identity.TwoFactor;
using Probity.Infrastructure.Web;

namespace Probity.Identity;

/// <summary>Sign-in, sessions and user administration: the web host's wiring of the Identity module.</summary>
internal static class IdentityModule
{
    /// <summary>The rate limit on posts to the sign-in pages, per client address.</summary>
    public const string SignInRateLimit = "sign-in";
    public const string PerAddressSetting = "Probity:SignIn:PerAddressPerMinute";
    public const int DefaultPerAddressPerMinute = 20;

    /// <summary>Pages reached before the second factor is through (they check the pending sign-in themselves).</summary>
    private static readonly string[] AnonymousPages =
    [
        "/Identity/SignIn/SignIn", "/Identity/SignIn/Denied", "/Identity/SignIn/TwoFactor", "/Identity/SignIn/Enrol", "/Identity/SignIn/NewPassword",
    ];

    private static readonly string[] RateLimitedPages =
    [
        "/Identity/SignIn/SignIn", "/Identity/SignIn/TwoFactor", "/Identity/SignIn/Enrol", "/Identity/SignIn/NewPassword", "/Identity/Account/Password",
    ];

    public static IServiceCollection AddProbitySignIn(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddIdentity<ProbityUser, IdentityRole>().ConfigureIdentityOptions().AddDefaultTokenProviders()
            // After the defaults, so it replaces Identity's authenticator provider (which accepts a code more than once).
            .AddTokenProvider<AuthenticatorCodes>(TokenOptions.DefaultAuthenticatorProvider);
        // Outside Development cookies go over HTTPS only (ProbityWeb adds HSTS and the redirect to HTTPS).
        var secure = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/sign-in";
            o.LogoutPath = "/account/sign-out";
            o.AccessDeniedPath = "/account/denied";
            o.Cookie.Name = "probity.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = secure;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = SessionCheck.ValidateAsync;
            // The API answers 401/403, not a redirect to the sign-in page.
            o.Events.OnRedirectToLogin = ctx => ApiAware(ctx.Request, ctx.Response, StatusCodes.Status401Unauthorized, ctx.RedirectUri);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx.Request, ctx.Response, StatusCodes.Status403Forbidden, ctx.RedirectUri);
        });
        // Between the password and the second factor: a sealed cookie naming the account, for ten minutes (time to set up an app).
        services.Configure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o =>
        {
            o.Cookie.Name = "probity.pending";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = secure;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(10);
            o.SlidingExpiration = false;
        });
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<StandInPasswordHash>();
        services.AddScoped<SignInFlow>();
        services.AddScoped<AdministerUsers>();
        services.AddScoped<DirectoratePeople>();

        var perMinute = configuration.GetValue(PerAddressSetting, DefaultPerAddressPerMinute);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Only posts count: reading the sign-in page is free, trying a password or a code is not.
            o.AddPolicy(SignInRateLimit, ctx => HttpMethods.IsPost(ctx.Request.Method)
                ? RateLimitPartition.GetSlidingWindowLimiter(ClientAddress.Of(ctx), _ => new SlidingWindowRateLimiterOptions
                {
                    PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), SegmentsPerWindow = 6, QueueLimit = 0, AutoReplenishment = true,
                })
                : RateLimitPartition.GetNoLimiter("read"));
            o.OnRejected = async (ctx, ct) =>
            {
                var http = ctx.HttpContext;
                // Logged, not audited: an address past its limit could otherwise fill the trail as fast as it can send.
                http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(IdentityModule))
                    .LogWarning("Sign-in rate limit: refused a post to {Path} from {Client}", http.Request.Path, ClientAddress.Of(http));
                http.Response.Headers.RetryAfter = "60";
                http.Response.ContentType = "text/html; charset=utf-8";
                await http.Response.WriteAsync("<!doctype html><title>Too many attempts</title><link rel=stylesheet href=/site.css><main class=page>" +
                    "<h1>Too many attempts</h1><p data-testid=\"rate-limited\">Too many sign-in attempts from your address. Wait a minute, then try again.</p>" +
                    "<p><a href=/account/sign-in>Back to sign in</a></p></main>", ct);
            };
        });
        return services;
    }

    public static void ConfigurePages(RazorPagesOptions o)
    {
        foreach (var page in AnonymousPages) o.Conventions.AllowAnonymousToPage(page);
        foreach (var page in RateLimitedPages)
            o.Conventions.AddPageApplicationModelConvention(page, m => m.EndpointMetadata.Add(new EnableRateLimitingAttribute(SignInRateLimit)));
    }

    private static Task ApiAware(HttpRequest request, HttpResponse response, int status, string redirect)
    {
        if (request.Path.StartsWithSegments("/api")) response.StatusCode = status;
        else response.Redirect(redirect);
        return Task.CompletedTask;
    }

    /// <summary>Password rules, encrypted user tokens and the EF stores: what the web host and the command line share.</summary>
    public static IdentityBuilder ConfigureIdentityOptions(this IdentityBuilder builder)
    {
        builder.Services.Configure<IdentityOptions>(o =>
        {
            o.Password.RequiredLength = 12;
            o.Password.RequireNonAlphanumeric = false;
            // Identity's lockout (N failures lock the account) let anyone lock anyone out: it is never triggered
            // (no sign-in passes lockoutOnFailure). SignInThrottle slows guessing instead; LockoutEnd only marks
            // an account an administrator disabled.
            o.User.RequireUniqueEmail = false;
        });
        // Registered before the EF stores (which only TryAdd theirs): user tokens are encrypted at rest.
        builder.Services.AddScoped<IUserStore<ProbityUser>, ProbityUserStore>();
        return builder.AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<ProbityDb>()
            .AddClaimsPrincipalFactory<ProbityClaimsFactory>();
    }
}
