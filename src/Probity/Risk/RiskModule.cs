using Probity.Infrastructure.Configuration;
using Probity.Database;
using Probity.Risk.Facts;
using Probity.Risk.Thresholds;

namespace Probity.Risk;

/// <summary>The risk facts snapshot, shared by the threshold rules, the model and the pages.</summary>
internal sealed class RiskFactsCache(IServiceScopeFactory scopes, StoreChanges changes, TimeProvider time, ILogger<RiskFactsCache> log)
    : StoreSnapshot<RiskFacts>(scopes, changes, time, log, RiskFacts.LoadAsync);

/// <summary>The Risk Identification Unit's wiring.</summary>
internal static class RiskModule
{
    public static IServiceCollection AddRisk(this IServiceCollection services)
    {
        services.AddSingleton<RiskFactsCache>();
        services.AddConfiguredSetting(ThresholdRuleSet.Load);
        services.AddSingleton<ThresholdEngine>();
        services.AddConfiguredSetting(Model.RiskOutcome.From);
        services.AddScoped<Contracts.ConcernRegister>();
        services.AddScoped<Contracts.ConcernMarkers>();
        services.AddScoped<Meeting.RiskMeeting>();
        services.AddSingleton<Scores.RiskScoresCache>();
        services.AddScoped<Scores.OfficerRisk>();
        return services;
    }

    /// <summary>The register's JSON API (the pages map themselves).</summary>
    public static IEndpointRouteBuilder MapRisk(this IEndpointRouteBuilder app)
    {
        Concerns.ConcernsApi.MapConcernsApi(app);
        return app;
    }
}
