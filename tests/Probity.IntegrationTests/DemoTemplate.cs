using System.Collections.Concurrent;
using Npgsql;

namespace Probity.IntegrationTests;

/// <summary>
/// A provider's demo force, generated once per test run and copied for every host that would generate the same one.
/// Generating and importing the demo force is most of a host's start (tens of seconds on a shared CI machine), and
/// about fifty tests per provider start their own host; a copy takes a second. The copy is the whole store, as a
/// restore would bring it back: the database (a file copy, or PostgreSQL's CREATE DATABASE ... TEMPLATE), and the
/// folders kept outside it (the keys the trail is sealed with, the access-event store, the checkpoints and the
/// trail-head witness), so each host verifies its own trail exactly as one that generated it would.
/// </summary>
internal sealed class DemoTemplate(Provider provider, string? sqliteFile, string? postgresDatabase, string keys, string eventStore, string checkpoints)
{
    private readonly string? _sqliteFile = sqliteFile;
    private readonly string? _postgresDatabase = postgresDatabase;
    private readonly string[] _folders = [keys, eventStore, checkpoints];

    private static readonly ConcurrentDictionary<Provider, Lazy<Task<DemoTemplate>>> Templates = new();
    // PostgreSQL copies a template for one CREATE DATABASE at a time without complaint; two at once may be refused
    // ("source database is being accessed by other users"), so copies queue.
    private static readonly SemaphoreSlim PostgresCopies = new(1, 1);

    public static Task<DemoTemplate> ForAsync(Provider provider) =>
        Templates.GetOrAdd(provider, p => new Lazy<Task<DemoTemplate>>(() => ProbityApp.GenerateTemplateAsync(p))).Value;

    public async Task CopyToAsync(string? toSqliteFile, string? toPostgresDatabase, string toKeys, string toEventStore, string toCheckpoints)
    {
        foreach (var (from, to) in _folders.Zip([toKeys, toEventStore, toCheckpoints]))
            CopyFolder(from, to);
        if (provider == Provider.Sqlite)
        {
            // The template's host has closed every connection, so the file is whole (the WAL, if any, goes with it).
            foreach (var suffix in new[] { "", "-wal" })
                if (File.Exists(_sqliteFile + suffix)) File.Copy(_sqliteFile + suffix, toSqliteFile + suffix);
            return;
        }
        await PostgresCopies.WaitAsync();
        try
        {
            await using var admin = new NpgsqlConnection(ProbityApp.PostgresServer);
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {toPostgresDatabase} TEMPLATE {_postgresDatabase}", admin);
            await create.ExecuteNonQueryAsync();
        }
        finally { PostgresCopies.Release(); }
    }

    /// <summary>Deletes every template made this run (called once, when the run's shared hosts are disposed).</summary>
    public static async Task DeleteAllAsync()
    {
        foreach (var lazy in Templates.Values)
        {
            if (!lazy.IsValueCreated || !lazy.Value.IsCompletedSuccessfully) continue;
            var template = await lazy.Value;
            foreach (var folder in template._folders)
                if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            if (template._sqliteFile is not null)
                foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(template._sqliteFile + suffix);
            if (template._postgresDatabase is not null)
            {
                await using var admin = new NpgsqlConnection(ProbityApp.PostgresServer);
                await admin.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {template._postgresDatabase} WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
            }
        }
        Templates.Clear();
    }

    private static void CopyFolder(string from, string to)
    {
        if (!Directory.Exists(from)) return;
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        foreach (var folder in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, folder)));
    }
}
