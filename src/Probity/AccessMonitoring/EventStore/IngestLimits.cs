namespace Probity.AccessMonitoring.EventStore;

/// <summary>
/// How much one ingest may hold, so a small request cannot make a large one: a gzip bomb or a flood of broken
/// lines is refused while it is read, in fixed memory, before anything reaches the store. A streamed batch has
/// every cap; a file given to <c>probity audit ingest</c> (legitimately gigabytes) has the quarantine cap only.
/// </summary>
internal sealed record IngestLimits(long? MaxDecompressedBytes, long? MaxLines, long MaxQuarantined)
{
    public const string MaxDecompressedBytesSetting = "Probity:AccessMonitoring:IngestMaxDecompressedBytes";
    public const string MaxLinesSetting = "Probity:AccessMonitoring:IngestMaxLines";
    public const string MaxQuarantinedSetting = "Probity:AccessMonitoring:IngestMaxQuarantined";

    public const long DefaultMaxDecompressedBytes = 512L * 1024 * 1024;
    public const long DefaultMaxLines = 5_000_000;
    public const long DefaultMaxQuarantined = 10_000;

    /// <summary>No line of an audit log comes near this (nine fields of at most 64 characters); a longer one is quarantined, never held whole.</summary>
    public const int MaxLineBytes = 64 * 1024;

    public static readonly IngestLimits DefaultBatches = new(DefaultMaxDecompressedBytes, DefaultMaxLines, DefaultMaxQuarantined);
    public static readonly IngestLimits DefaultFiles = new(null, null, DefaultMaxQuarantined);

    public static IngestLimits ForBatches(IConfiguration configuration) => new(
        Positive(configuration, MaxDecompressedBytesSetting, DefaultMaxDecompressedBytes),
        Positive(configuration, MaxLinesSetting, DefaultMaxLines),
        Positive(configuration, MaxQuarantinedSetting, DefaultMaxQuarantined, allowZero: true));

    public static IngestLimits ForFiles(IConfiguration configuration) =>
        DefaultFiles with { MaxQuarantined = Positive(configuration, MaxQuarantinedSetting, DefaultMaxQuarantined, allowZero: true) };

    private static long Positive(IConfiguration configuration, string key, long fallback, bool allowZero = false)
    {
        var value = configuration.GetValue<long?>(key) ?? fallback;
        return value > 0 || (allowZero && value == 0) ? value
            : throw new InvalidOperationException($"{key} must be {(allowZero ? "zero or more" : "more than zero")} (it is {value}).");
    }
}

internal enum IngestLimitKind
{
    /// <summary>More bytes (decompressed) or more lines than one ingest may hold: HTTP 413.</summary>
    TooLarge,

    /// <summary>More lines that cannot be stored than one ingest may quarantine: HTTP 422.</summary>
    TooManyBadLines,
}

/// <summary>An ingest refused whole because it passed one of its <see cref="IngestLimits"/>; nothing of it was stored.</summary>
internal sealed class IngestRefusedException(IngestLimitKind kind, string setting, long limit, string message) : Exception(message)
{
    public IngestLimitKind Kind { get; } = kind;
    public string Setting { get; } = setting;
    public long Limit { get; } = limit;
}
