using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Probity.Infrastructure.Web;
using Probity.Intelligence.Contracts;
using Probity.Intelligence.FollowUp;
using Probity.Intelligence.Log;
using Probity.Intelligence.RecordItem;
using Probity.Intelligence.ViewItem;

namespace Probity.Intelligence;

/// <summary>The Intelligence Bureau's workspace: Right Line, anonymous reporting (ADR right-line-anonymity), and the intelligence log (ADR intelligence-log).</summary>
internal static class IntelligenceModule
{
    /// <summary>The reporter's pages: nobody signs in there, and nothing about their requests is logged or stored.</summary>
    public const string ReporterPath = "/right-line";

    /// <summary>The rate limit on posts to the reporter's pages, per client address, in memory only.</summary>
    public const string ReporterRateLimit = "right-line";
    public const int ReporterPostsPerTenMinutes = 30;

    public static IServiceCollection AddIntelligence(this IServiceCollection services)
    {
        services.AddScoped<RightLineReporting>();
        services.AddScoped<BureauDesk>();
        services.AddScoped<RightLineVolumes>();
        services.AddSingleton(IntelligenceLists.LoadBuiltIn());
        services.AddScoped<IntelligenceLog>();
        services.AddScoped<RecordItemHandler>();
        services.AddScoped<WorkItemHandler>();
        services.AddScoped<IntelligenceIntake>();
        services.AddScoped<Probity.Intelligence.ItemFiles.ItemFilesHandler>();
        services.AddScoped<ControlStrategy.PriorityEvidence>();
        services.AddScoped<ControlStrategy.ControlStrategyHandler>();
        services.AddSingleton(Tasking.TacticalOptions.LoadBuiltIn());
        services.AddScoped<Tasking.TaskingHandler>();
        services.AddScoped<IIntelligenceIntake>(sp => sp.GetRequiredService<IntelligenceIntake>());
        services.AddSingleton<PassphraseAttempts>();
        services.AddSingleton<StandInPassphrase>();
        services.AddRateLimiter(o => o.AddPolicy(ReporterRateLimit, new ReporterPostLimit()));
        return services;
    }

    /// <summary>Whether a request is a Right Line reporter's (the host logs nothing about those; ADR right-line-anonymity).</summary>
    public static bool IsReporterRequest(HttpContext context) => context.Request.Path.StartsWithSegments(ReporterPath);

    /// <summary>
    /// One machine cannot flood the Bureau with reports or try passphrases quickly. Counted per client address in this
    /// process's memory, which is neither stored nor logged: a refusal writes no log line (the sign-in limit's refusal
    /// names the address, so this policy answers its own refusals).
    /// </summary>
    private sealed class ReporterPostLimit : IRateLimiterPolicy<string>
    {
        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = async (context, ct) =>
        {
            var http = context.HttpContext;
            http.Response.Headers.RetryAfter = "600";
            http.Response.ContentType = "text/html; charset=utf-8";
            await http.Response.WriteAsync("<!doctype html><html lang=en-GB><meta charset=utf-8><meta name=viewport content=\"width=device-width, initial-scale=1\">" +
                "<title>Too many attempts · Probity</title><link rel=stylesheet href=/site.css><main class=page id=main><h1>Too many attempts</h1>" +
                "<p data-testid=\"rate-limited\">Too many reports or tries from this computer. Wait ten minutes, then try again.</p>" +
                "<p><a href=/right-line>Right Line</a></p></main>", ct);
        };

        public RateLimitPartition<string> GetPartition(HttpContext httpContext) => HttpMethods.IsPost(httpContext.Request.Method)
            ? RateLimitPartition.GetSlidingWindowLimiter(ClientAddress.Of(httpContext), _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = ReporterPostsPerTenMinutes, Window = TimeSpan.FromMinutes(10), SegmentsPerWindow = 5, QueueLimit = 0, AutoReplenishment = true,
            })
            : RateLimitPartition.GetNoLimiter("read");
    }
}
