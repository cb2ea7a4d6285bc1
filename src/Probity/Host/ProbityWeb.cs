using Probity.Infrastructure.Configuration;
using Probity.AuditTrail;
using Probity.Interchange;
using Probity.Infrastructure.Web;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Probity.AccessMonitoring;
using Probity.Cases;
using Probity.Cases.Api;
using Probity.Identity;
using Probity.Identity.Contracts;
using Probity.Database;
using Probity.Kernel;

namespace Probity.Host;

/// <summary>The web application: Razor Pages for people, a small JSON API for systems, one error policy for both.</summary>
internal static class ProbityWeb
{
    public static WebApplication Build(string[] args)
    {
        // SQLite calls block their thread (its "async" methods complete synchronously). On a 2-core server the pool
        // starts with 2 threads and adds about one a second under a burst, which stalls every request at once for
        // hundreds of milliseconds; a higher floor removes that stall (bench/README.md, HTTP load).
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddProbityCore(builder.Configuration);
        builder.Services.AddProbitySignIn(builder.Configuration, builder.Environment);
        builder.Services.AddWebSecurity(builder.Configuration);
        builder.Services.AddAuthentication().AddAccessEventIngestKeys();
        builder.Services.AddAuthorization(Policies.Add);
        builder.Services.AddAntiforgery(o =>
        {
            o.HeaderName = "X-CSRF-TOKEN";
            o.Cookie.Name = "probity.csrf";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });
        builder.Services.AddRazorPages(o =>
        {
            // Pages live beside their handlers in module folders (vertical slices), not under /Pages.
            o.RootDirectory = "/";
            o.Conventions.ConfigureFilter(new DomainErrorPageFilter());
            IdentityModule.ConfigurePages(o);
        });
        builder.Services.AddSingleton<Microsoft.AspNetCore.Mvc.ViewFeatures.IHtmlGenerator, NoInlineStyleHtmlGenerator>();
        // The problem an API answer carries is kept for the trail's entry if the answer is a refusal (RefusalTrail).
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = RefusalTrail.Remember);
        // A page's forbid (the redirect to /account/denied) is on the trail too, from the one event every page's forbid passes.
        builder.Services.PostConfigure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(
            Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme, RefusalTrail.RecordPageForbids);
        builder.Services.AddSingleton<Uploads>();
        builder.Services.AddInterchangeJobs();
        builder.Services.AddAuditTrailJobs();
        builder.Services.AddAccessMonitoringJobs();
        builder.Services.AddCasesJobs();
        return Configure(builder.Build());
    }

    private static WebApplication Configure(WebApplication app)
    {
        app.UseWebSecurity();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = WriteProblemAsync,
            // A refusal (not found, a stale edit, a refused action, a busy store) is an answer, not a fault: the
            // middleware's error log with a stack trace is kept for 500s; refusals are logged by WriteProblemAsync.
            SuppressDiagnosticsCallback = c => Classify(c.Exception).Status != StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.Use(async (ctx, next) =>
        {
            var h = ctx.Response.Headers;
            h.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'";
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            h["Referrer-Policy"] = "no-referrer";
            // The form pages' antiforgery writes exactly this (and logs a warning on every form if it has to change
            // it): nothing Probity serves may be kept by a browser or proxy cache.
            h.CacheControl = "no-cache, no-store";
            await next();
        });
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        // Round authorisation, antiforgery and the endpoints: every refusal the API answers a person is on the trail (ADR 0027).
        app.UseApiRefusalTrail();
        app.UseAuthorization();
        app.UseApiAntiforgery();
        app.UseAntiforgery();
        app.MapRazorPages();
        app.MapCasesApi();
        app.MapAccessMonitoring();
        Probity.Risk.RiskModule.MapRisk(app);
        Probity.Registers.RegistersModule.MapRegisters(app);
        return app;
    }

    /// <summary>Migrates the store and, on an empty one, loads the demo force and demo accounts.</summary>
    public static async Task PrepareAsync(IServiceProvider services)
    {
        // A wrong setting stops the start, naming the setting and its value (ADR 0012), rather than failing the first
        // page, background job or training that needs it: every module's configured settings are built now.
        services.ValidateConfiguredSettings();
        await DatabaseSetup.MigrateAsync(services);
        // Made now rather than at the first unknown name, whose answer would otherwise take one hash longer.
        services.GetRequiredService<Identity.SignIn.StandInPasswordHash>();
        // Start-up runs as the platform (no request), so it sees the whole store.
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<FirstRun>().RunAsync(CancellationToken.None);
        // Anchor the trail as it stands at start-up (on an upgraded store this seals the entries written before the
        // trail was keyed); a trail that fails verification is reported loudly, and the application still serves.
        var checkpoint = await services.GetRequiredService<AuditTrail.TrailCheckpointer>().WriteAsync(CancellationToken.None);
        if (checkpoint.Refused)
            services.GetRequiredService<ILoggerFactory>().CreateLogger("Probity.AuditTrail").LogCritical(
                "The audit trail failed verification at start-up: {Problems}", string.Join(" | ", checkpoint.Findings.Select(f => f.Message)));
        // Load the performance and risk snapshots (and train the risk model) in the background, so the first
        // person to open a dashboard does not wait for them. Off in tests (Probity:WarmUp=false).
        if (services.GetRequiredService<IConfiguration>().GetValue("Probity:WarmUp", true))
        {
            services.GetRequiredService<Performance.Facts.FactsCache>().Peek();
            services.GetRequiredService<Risk.RiskFactsCache>().Peek();
            services.GetRequiredService<Risk.Scores.RiskScoresCache>().Peek();
        }
    }

    /// <summary>One mapping from errors to answers: refused actions 422, stale edits 409, unknown or hidden records 404, a busy store 503.</summary>
    internal static (int Status, string Title) Classify(Exception? error) => error switch
    {
        ActionRefusedException => (StatusCodes.Status422UnprocessableEntity, "The action was refused"),
        EditConflictException => (StatusCodes.Status409Conflict, "Someone else changed this record"),
        RecordNotFoundException => (StatusCodes.Status404NotFound, "Not found"),
        StoreBusyException => (StatusCodes.Status503ServiceUnavailable, "Busy: try again in a moment"),
        BadHttpRequestException => (StatusCodes.Status400BadRequest, "The request could not be read"),
        _ => (StatusCodes.Status500InternalServerError, "Something went wrong"),
    };

    private static async Task WriteProblemAsync(HttpContext ctx)
    {
        var error = ctx.Features.Get<IExceptionHandlerFeature>()?.Error;
        var (status, title) = Classify(error);
        ctx.Response.StatusCode = status;
        // A Right Line reporter's refusals are not logged: a line naming the page and the moment would say when someone
        // used Right Line (ADR right-line-anonymity). A fault (500) is still logged, by the middleware, with its stack and no request details.
        if (status != StatusCodes.Status500InternalServerError && !Intelligence.IntelligenceModule.IsReporterRequest(ctx))
            ctx.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ProbityWeb).FullName!)
                .Log(status == StatusCodes.Status503ServiceUnavailable ? LogLevel.Warning : LogLevel.Information,
                    "{Method} {Path} answered {Status} ({Title}): {Reason}", ctx.Request.Method, ctx.Request.Path.Value, status, title, error?.Message);
        // Internal errors never leak their message; business refusals are written for the user.
        var detail = status == StatusCodes.Status500InternalServerError ? "The error has been logged." : error?.Message;
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            var problems = ctx.RequestServices.GetRequiredService<IProblemDetailsService>();
            await problems.WriteAsync(new ProblemDetailsContext { HttpContext = ctx, ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail } });
        }
        else
        {
            ctx.Response.ContentType = "text/html; charset=utf-8";
            // A page of its own (the layout may be what failed), still in English, phone-sized and with the site's icon.
            await ctx.Response.WriteAsync($"<!doctype html><html lang=en-GB><meta charset=utf-8><meta name=viewport content=\"width=device-width, initial-scale=1\"><title>{title} · Probity</title><link rel=icon href=/favicon.ico><link rel=stylesheet href=/site.css><main class=page id=main><h1>{title}</h1><p>{System.Net.WebUtility.HtmlEncode(detail)}</p><p><a href=/>Back to Probity</a></p></main>");
        }
    }
}
