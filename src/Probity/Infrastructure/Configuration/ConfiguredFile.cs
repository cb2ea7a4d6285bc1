namespace Probity.Infrastructure.Configuration;

/// <summary>
/// The one way Probity finds a file of rules or reference figures: the path an operator configured, else the copy
/// built into Probity. A file that cannot be opened or read is named with the setting that pointed at it; parsers
/// report what is wrong inside a file as <see cref="InvalidDataException"/>, naming the source, line and item.
/// </summary>
internal static class ConfiguredFile
{
    /// <param name="setting">The configuration key that may hold a path (e.g. <c>Probity:Risk:Thresholds</c>).</param>
    /// <param name="builtInResource">The manifest resource name of the built-in copy.</param>
    /// <param name="builtInName">How messages name the built-in copy.</param>
    /// <param name="parse">Reads the stream; gets the source's name for messages and whether it is the built-in copy.</param>
    public static T Load<T>(IConfiguration configuration, string setting, string builtInResource, string builtInName, Func<Stream, string, bool, T> parse)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(parse);
        var path = configuration[setting];
        if (!string.IsNullOrWhiteSpace(path))
        {
            FileStream file;
            try
            {
                file = File.OpenRead(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw new InvalidDataException($"{setting}: cannot open '{path}': {ex.Message}", ex);
            }
            using (file) return parse(file, path, false);
        }
        using var builtIn = typeof(ConfiguredFile).Assembly.GetManifestResourceStream(builtInResource)
            ?? throw new InvalidOperationException($"The {builtInName} ({builtInResource}) are missing from this build");
        return parse(builtIn, builtInName, true);
    }
}
