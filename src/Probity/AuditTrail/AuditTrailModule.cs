using Probity.AuditTrail.Contracts;
using Probity.Infrastructure.Security;

namespace Probity.AuditTrail;

/// <summary>The audit trail's front door: sealing, the group-commit writer, checkpoints outside the database.</summary>
internal static class AuditTrailModule
{
    /// <summary>What the web host and the command line share. Needs the <see cref="KeyFolder"/> registered first.</summary>
    public static IServiceCollection AddAuditTrail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<AuditSealing>();
        services.AddSingleton(sp => TrailCheckpoints.From(configuration, sp.GetRequiredService<KeyFolder>()));
        services.AddSingleton<TrailCheckpointer>();
        services.AddSingleton<AuditTrailWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditTrailWriter>());
        services.AddScoped<Audit>();
        return services;
    }

    /// <summary>The web host's part: a signed checkpoint at start-up and every few minutes (the CLI checkpoints when asked).</summary>
    public static IServiceCollection AddAuditTrailJobs(this IServiceCollection services) =>
        services.AddHostedService(sp => sp.GetRequiredService<TrailCheckpointer>());
}
