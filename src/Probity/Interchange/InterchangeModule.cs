using Probity.Interchange.ExportBundle;
using Probity.Interchange.ImportBundle;

namespace Probity.Interchange;

/// <summary>The Interchange module's front door: PIF-1 import (plain and mapped) and export.</summary>
internal static class InterchangeModule
{
    public static IServiceCollection AddInterchange(this IServiceCollection services)
    {
        services.AddScoped<ImportBundleHandler>();
        services.AddScoped<ExportBundleHandler>();
        return services;
    }

    /// <summary>The web host's part: uploaded bundles import in the background, one at a time, as the person who sent them.</summary>
    public static IServiceCollection AddInterchangeJobs(this IServiceCollection services)
    {
        services.AddSingleton<ImportJobs>();
        services.AddHostedService(sp => sp.GetRequiredService<ImportJobs>());
        return services;
    }
}
