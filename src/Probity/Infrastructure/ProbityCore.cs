using Microsoft.AspNetCore.Identity;
using Probity.AuditTrail;
using Probity.Cases;
using Probity.Performance;
using Probity.Risk;
using Probity.Identity;
using Probity.Infrastructure.Database;
using Probity.Infrastructure.Security;
using Probity.Interchange.ExportBundle;
using Probity.Interchange.ImportBundle;
using Probity.Workforce.OfficerProfile;
using Probity.Workforce.UnitPage;

namespace Probity.Infrastructure;

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
        services.AddScoped<OfficerProfile>();
        services.AddScoped<UnitPage>();
        services.AddScoped<ImportBundle>();
        services.AddScoped<ExportBundle>();
        services.AddScoped<DemoAccounts>();
        services.AddScoped<FirstRun>();
        return services;
    }

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
