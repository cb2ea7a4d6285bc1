using System.IO.Compression;
using System.Text;
using Probity.AccessMonitoring.EventStore;

namespace Probity.Tests.AccessMonitoring;

/// <summary>A real DuckDB event store in a temporary folder, with a scratch folder for the audit-log files fed to it.</summary>
public sealed class EventStoreFolder : IDisposable
{
    public const string Header = "event_time,staff_id,system,action,record_type,record_id,subject_person_id,workstation_id,reason_ref";

    private static readonly UTF8Encoding Utf8NoBom = new(false);

    public EventStoreFolder() : this((CompactionSettings?)null)
    {
    }

    /// <summary>A store whose small segments and compaction follow <paramref name="compaction"/> (the defaults when null).</summary>
    internal EventStoreFolder(CompactionSettings? compaction) : this(options => options with { Compaction = compaction ?? CompactionSettings.Default })
    {
    }

    /// <summary>A store with the options <paramref name="configure"/> makes of the defaults.</summary>
    internal EventStoreFolder(Func<EventStoreOptions, EventStoreOptions> configure)
    {
        _configure = configure;
        Path = Directory.CreateTempSubdirectory("probity-events-test-").FullName;
        Files = Directory.CreateDirectory(System.IO.Path.Combine(Path, "incoming")).FullName;
        Store = Open();
    }

    private readonly Func<EventStoreOptions, EventStoreOptions> _configure;

    public string Path { get; }
    public string StoreRoot => System.IO.Path.Combine(Path, "store");
    public string Files { get; }
    internal DuckDbEventStore Store { get; private set; }

    /// <summary>A new store object over the same folder, as after a restart.</summary>
    internal DuckDbEventStore Reopen() => Store = Open();

    private DuckDbEventStore Open() => new(_configure(new EventStoreOptions(StoreRoot)));

    /// <summary>Writes an audit-log file: the lines joined by LF, with a final LF.</summary>
    public string Csv(string name, params string[] lines)
    {
        var path = System.IO.Path.Combine(Files, name);
        File.WriteAllText(path, string.Join('\n', lines) + "\n", Utf8NoBom);
        return path;
    }

    public string Gzip(string name, params string[] lines)
    {
        var path = System.IO.Path.Combine(Files, name);
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(Utf8NoBom.GetBytes(string.Join('\n', lines) + "\n"));
        return path;
    }

    internal Task<IngestResult> IngestAsync(string path) => Store.IngestFileAsync(path, null, TestContext.Current.CancellationToken);

    internal Task<IReadOnlyList<AccessEvent>> SubjectAsync(string subject, DateTimeOffset? from = null, DateTimeOffset? to = null) =>
        Store.WhoAccessedAsync(new WhoAccessedQuery(subject, null, from ?? Ever.From, to ?? Ever.To), TestContext.Current.CancellationToken);

    internal Task<IReadOnlyList<AccessEvent>> RecordAsync(string record, DateTimeOffset? from = null, DateTimeOffset? to = null) =>
        Store.WhoAccessedAsync(new WhoAccessedQuery(null, record, from ?? Ever.From, to ?? Ever.To), TestContext.Current.CancellationToken);

    public static readonly (DateTimeOffset From, DateTimeOffset To) Ever =
        (new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // a temp folder left behind is harmless
        }
    }
}
