using Probity.AccessMonitoring.Detection;
using Probity.AccessMonitoring.EventStore;

namespace Probity.AccessMonitoring;

/// <summary>Information-misuse monitoring: the event store, detection and the work that follows an alert.</summary>
public static class AccessMonitoringModule
{
    public static IServiceCollection AddAccessMonitoring(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(EventStoreOptions.From(configuration));
        services.AddSingleton<IAccessEventStore>(sp => new DuckDbEventStore(sp.GetRequiredService<EventStoreOptions>()));
        services.AddSingleton(sp => MisuseRuleSet.Load(sp.GetRequiredService<IConfiguration>()));
        services.AddScoped<DetectMisuse>();
        services.AddScoped<Leaks.RecordLeak>();
        services.AddSingleton<DailyDetection>();
        return services;
    }

    /// <summary>The web host's part: the daily detection run (the CLI runs detection when asked).</summary>
    public static IServiceCollection AddAccessMonitoringJobs(this IServiceCollection services)
    {
        services.AddHostedService(sp => sp.GetRequiredService<DailyDetection>());
        return services;
    }
}
