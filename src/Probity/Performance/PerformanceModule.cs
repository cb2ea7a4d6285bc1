using Probity.Infrastructure.Configuration;
using Probity.Performance.Comparators;
using Probity.Performance.Facts;
using Probity.Performance.Measures;

namespace Probity.Performance;

/// <summary>The Performance module's wiring: the facts cache, the comparators, the small-cell rule for published figures and the calculator.</summary>
internal static class PerformanceModule
{
    public static IServiceCollection AddPerformance(this IServiceCollection services)
    {
        services.AddSingleton<FactsCache>();
        services.AddConfiguredSetting(ComparatorSet.Load);
        services.AddConfiguredSetting(Contracts.SmallCellRule.Load);
        services.AddSingleton<PmfCalculator>();
        services.AddScoped<Contracts.HeadlineFigures>();
        services.AddPerformanceReport();
        return services;
    }
}
