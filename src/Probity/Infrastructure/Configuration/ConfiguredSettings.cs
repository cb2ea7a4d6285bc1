namespace Probity.Infrastructure.Configuration;

/// <summary>
/// The one way a module registers a setting it reads from configuration (a rules file, reference figures, an outcome
/// definition): as a singleton built from <see cref="IConfiguration"/>, listed so the web host can build every one of them
/// before it serves (<see cref="ValidateConfiguredSettings"/>). A wrong value then stops the start naming the setting and
/// the value (ADR 0012), rather than failing the first page, background job or command that needs it. The command line
/// builds only what its verb needs and reports a wrong one with exit code 2.
/// </summary>
internal static class ConfiguredSettings
{
    public static IServiceCollection AddConfiguredSetting<T>(this IServiceCollection services, Func<IConfiguration, T> load) where T : class
    {
        ArgumentNullException.ThrowIfNull(load);
        services.AddSingleton(sp => load(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton(new ConfiguredSetting(typeof(T)));
        return services;
    }

    /// <summary>Builds every registered setting; the first wrong one throws its <see cref="InvalidDataException"/>.</summary>
    public static void ValidateConfiguredSettings(this IServiceProvider services)
    {
        foreach (var setting in services.GetServices<ConfiguredSetting>())
            services.GetRequiredService(setting.Type);
    }

    private sealed record ConfiguredSetting(Type Type);
}
