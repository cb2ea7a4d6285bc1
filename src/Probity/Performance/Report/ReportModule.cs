using Probity.Performance.Report;

namespace Probity.Performance;

internal static class ReportModule
{
    /// <summary>The quarterly PSPI report: the builder and the background jobs that produce it for the web.</summary>
    public static IServiceCollection AddPerformanceReport(this IServiceCollection services)
    {
        services.AddSingleton<PspiReport>();
        services.AddSingleton<ReportJobs>();
        services.AddHostedService(sp => sp.GetRequiredService<ReportJobs>());
        return services;
    }
}
