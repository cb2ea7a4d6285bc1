using Probity.Identity.Contracts;
using Probity.AccessMonitoring;
using Probity.AuditTrail;
using Probity.Cases;
using Probity.Database;
using Probity.Identity;
using Probity.Infrastructure.Security;
using Probity.Intelligence;
using Probity.Interchange;
using Probity.Performance;
using Probity.Registers;
using Probity.Risk;
using Probity.Workforce;

namespace Probity.Host;

/// <summary>What the web host and the command line share: the store, the modules, the audit trail.</summary>
internal static class ProbityCore
{
    public static IServiceCollection AddProbityCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(KeyFolder.From(configuration));
        services.AddAuditTrail(configuration);
        services.AddHttpContextAccessor();
        var database = DatabaseSettings.From(configuration);
        services.AddProbityDatabase(database);
        services.AddProbityDataProtection(configuration, database);
        // Who is asking decides what the store shows. Outside a request (CLI, start-up) it is the platform itself.
        services.AddScoped<ScopeOverride>();
        services.AddScoped<CaseAccessScopeSource>();
        services.AddCases();
        services.AddPerformance();
        services.AddRisk();
        services.AddAccessMonitoring(configuration);
        services.AddWorkforce();
        services.AddRegisters();
        services.AddInterchange();
        services.AddIntelligence();
        services.AddScoped<DemoAccounts>();
        services.AddScoped<FirstRun>();
        services.AddScoped<DemoForce.DemoCaseloads>();
        return services;
    }
}
