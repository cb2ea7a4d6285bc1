using Probity.Workforce.Contracts;
using Probity.Workforce.OfficerProfile;
using Probity.Workforce.UnitPage;

namespace Probity.Workforce;

/// <summary>The Workforce module's front door: units, staff and their pages.</summary>
internal static class WorkforceModule
{
    public static IServiceCollection AddWorkforce(this IServiceCollection services)
    {
        services.AddSingleton<UnitDirectory>();
        services.AddScoped<OfficerProfileHandler>();
        services.AddScoped<UnitPageHandler>();
        return services;
    }
}
