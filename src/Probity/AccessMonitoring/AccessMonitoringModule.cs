using Probity.Infrastructure.Configuration;
using Microsoft.AspNetCore.Authentication;
using Probity.AccessMonitoring.Detection;
using Probity.AccessMonitoring.EventStore;
using Probity.AccessMonitoring.Ingest;

namespace Probity.AccessMonitoring;

/// <summary>Information-misuse monitoring: the event store, detection and the work that follows an alert.</summary>
internal static class AccessMonitoringModule
{
    public static IServiceCollection AddAccessMonitoring(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(EventStoreOptions.From(configuration));
        services.AddSingleton<IAccessEventStore>(sp => new DuckDbEventStore(sp.GetRequiredService<EventStoreOptions>()));
        services.AddConfiguredSetting(MisuseRuleSet.Load);
        services.AddScoped<DetectMisuse>();
        services.AddScoped<Leaks.RecordLeak>();
        services.AddScoped<Alerts.AlertEditing>();
        services.AddScoped<Alerts.SearchAlerts>();
        services.AddScoped<Alerts.ReviewCapacity>();
        services.AddScoped<Alerts.ViewAlert>();
        services.AddScoped<Alerts.DecideAlert>();
        services.AddScoped<Alerts.RaiseAlert>();
        services.AddScoped<Overview.MonitoringOverview>();
        services.AddScoped<Contracts.AlertCounts>();
        services.AddScoped<WhoAccessed.WhoAccessedHandler>();
        services.AddScoped<Sampling.DrawSample>();
        services.AddScoped<Sampling.AnswerSample>();
        services.AddSingleton(sp => IngestKeys.From(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<DailyDetection>();
        services.AddSingleton<SegmentCompaction>();
        return services;
    }

    /// <summary>The web host's part: the daily detection run and the compaction of small segments (the CLI runs both when asked).</summary>
    public static IServiceCollection AddAccessMonitoringJobs(this IServiceCollection services)
    {
        services.AddHostedService(sp => sp.GetRequiredService<DailyDetection>());
        services.AddHostedService(sp => sp.GetRequiredService<SegmentCompaction>());
        return services;
    }

    /// <summary>The ingest-key scheme for audit-log feeds (web host only; the command line reads files directly).</summary>
    public static AuthenticationBuilder AddAccessEventIngestKeys(this AuthenticationBuilder builder) =>
        builder.AddScheme<AuthenticationSchemeOptions, IngestKeyAuthentication>(IngestKeyAuthentication.SchemeName, null);

    /// <summary>The module's HTTP endpoints (its pages are found by Razor Pages): POST /api/access-events.</summary>
    public static IEndpointRouteBuilder MapAccessMonitoring(this IEndpointRouteBuilder app)
    {
        IngestAccessEvents.Map(app);
        return app;
    }
}
