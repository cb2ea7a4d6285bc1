using Probity.AuditTrail;
using Probity.Cases;
using Probity.Performance;
using Probity.Risk;
using Probity.Identity;
using Probity.Database;
using Probity.Infrastructure.Security;
using Probity.Interchange.ExportBundle;
using Probity.Interchange.ImportBundle;
using Probity.Workforce.OfficerProfile;
using Probity.Workforce.UnitPage;

namespace Probity.Host;

/// <summary>What the web host and the command line share: the store, the modules, the audit trail.</summary>
public static class ProbityCore
{
    public static IServiceCollection AddProbityCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(KeyFolder.From(configuration));
        services.AddSingleton<AuditSealing>();
        services.AddSingleton(sp => TrailCheckpoints.From(configuration, sp.GetRequiredService<KeyFolder>()));
        services.AddSingleton<TrailCheckpointer>();
        services.AddHttpContextAccessor();
        var database = DatabaseSettings.From(configuration);
        services.AddProbityDatabase(database);
        services.AddProbityDataProtection(configuration, database);
        // Who is asking decides what the store shows. Outside a request (CLI, start-up) it is the platform itself.
        services.AddScoped<ScopeOverride>();
        services.AddScoped<CaseAccessScopeSource>();
        services.AddSingleton<AuditTrailWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditTrailWriter>());
        services.AddScoped<Audit>();
        services.AddCases();
        services.AddPerformance();
        services.AddRisk();
        Probity.AccessMonitoring.AccessMonitoringModule.AddAccessMonitoring(services, configuration);
        services.AddSingleton<Probity.Workforce.UnitDirectory>();
        services.AddScoped<OfficerProfileHandler>();
        services.AddScoped<UnitPageHandler>();
        services.AddScoped<ImportBundleHandler>();
        services.AddScoped<ExportBundleHandler>();
        services.AddScoped<DemoAccounts>();
        services.AddScoped<FirstRun>();
        return services;
    }
}
