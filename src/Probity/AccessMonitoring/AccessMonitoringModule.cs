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
        services.AddScoped<Alerts.AlertEditing>();
        services.AddScoped<Alerts.SearchAlerts>();
        services.AddScoped<Alerts.ViewAlert>();
        services.AddScoped<Alerts.DecideAlert>();
        services.AddScoped<Alerts.RaiseAlert>();
        services.AddScoped<Overview.MonitoringOverview>();
        services.AddScoped<WhoAccessed.WhoAccessed>();
        services.AddScoped<Sampling.DrawSample>();
        services.AddScoped<Sampling.AnswerSample>();
        return services;
    }
}
