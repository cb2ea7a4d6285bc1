using Probity.Host;
using System.IO.Compression;
using System.Text;
using Microsoft.Data.Sqlite;
using Probity.AccessMonitoring.EventStore;

namespace Probity.IntegrationTests;

/// <summary><c>probity audit ingest</c> as an operator runs it: the real verb, a real SQLite file and event store.</summary>
public sealed class AccessEventIngestCliTests : IDisposable
{
    private const string Header = "event_time,staff_id,system,action,record_type,record_id,subject_person_id,workstation_id,reason_ref\n";
    private readonly string _folder = Directory.CreateTempSubdirectory("probity-cli-ingest-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_file_of_malformed_lines_is_refused_whole_in_bounded_work_the_other_files_load_and_both_are_audited()
    {
        // 20 MB of malformed lines in about 50 KB of gzip: DuckDB's reject tracking took 5 GB and 100 s over it.
        var junk = Path.Combine(_folder, "access_events-junk.csv.gz");
        using (var gzip = new GZipStream(File.Create(junk), CompressionLevel.Optimal))
        {
            gzip.Write(Encoding.UTF8.GetBytes(Header));
            var line = "garbage line without fields\n"u8.ToArray();
            for (var i = 0; i < 20 * 1024 * 1024 / line.Length; i++) gzip.Write(line);
        }
        var day = Path.Combine(_folder, "access_events-day.csv");
        await File.WriteAllTextAsync(day, Header + "2010-12-30T09:15:00Z,s000101,cris,view,crime,CR900001,P900001,WS1,\n", Ct);
        var database = Path.Combine(_folder, "probity.db");
        var store = Path.Combine(_folder, "events");

        var exit = await ProbityCli.RunAsync(["audit", "ingest", junk, day,
            $"--ConnectionStrings:Probity=Data Source={database}", "--Probity:Database:Provider=sqlite",
            $"--Probity:AccessMonitoring:Store={store}", $"--Probity:Keys:Folder={Path.Combine(_folder, "keys")}"]);

        Assert.Equal(2, exit);
        var summary = await new DuckDbEventStore(new EventStoreOptions(store)).SummaryAsync(Ct);
        Assert.Equal((1L, 1L, 0L), (summary.Segments, summary.Events, summary.Quarantined));
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=false");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Detail FROM audit_trail WHERE Target = 'access_events' ORDER BY Sequence";
        var details = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(Ct))
            while (await reader.ReadAsync(Ct)) details.Add(reader.GetString(0));
        Assert.Contains(details, d => d.StartsWith("ingest access_events-junk.csv.gz refused:", StringComparison.Ordinal) && d.Contains(IngestLimits.MaxQuarantinedSetting, StringComparison.Ordinal));
        Assert.Contains(details, d => d.StartsWith("ingest access_events-day.csv events=1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Audit_compact_merges_the_small_segments_files_landed_as_keeps_every_event_and_is_audited()
    {
        var days = new List<string>();
        for (var i = 1; i <= 3; i++)
        {
            var day = Path.Combine(_folder, $"access_events-{i}.csv");
            await File.WriteAllTextAsync(day, Header + $"2010-12-{27 + i}T09:15:00Z,s00010{i},cris,view,crime,CR900001,P900001,WS1,\n" + $"2010-12-{27 + i}T09:16:00Z,s00010{i},cris,frob,crime,CR900001,P900001,WS1,\n", Ct);
            days.Add(day);
        }
        var database = Path.Combine(_folder, "probity.db");
        var store = Path.Combine(_folder, "events");
        string[] settings = [$"--ConnectionStrings:Probity=Data Source={database}", "--Probity:Database:Provider=sqlite",
            $"--Probity:AccessMonitoring:Store={store}", $"--Probity:Keys:Folder={Path.Combine(_folder, "keys")}"];

        Assert.Equal(0, await ProbityCli.RunAsync(["audit", "ingest", .. days, .. settings]));
        Assert.Equal(3, Directory.GetFiles(Path.Combine(store, "segments"), "events.parquet", SearchOption.AllDirectories).Length);
        Assert.Equal(0, await ProbityCli.RunAsync(["audit", "compact", .. settings]));
        Assert.Equal(0, await ProbityCli.RunAsync(["audit", "ingest", days[1], .. settings]));

        var events = new DuckDbEventStore(new EventStoreOptions(store));
        var summary = await events.SummaryAsync(Ct);
        Assert.Equal((3L, 3L, 3L), (summary.Segments, summary.Events, summary.Quarantined));
        Assert.Empty(Directory.GetFiles(Path.Combine(store, "segments"), "events.parquet", SearchOption.AllDirectories));
        var found = await events.WhoAccessedAsync(new WhoAccessedQuery("P900001", null, new DateTimeOffset(2010, 12, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2011, 1, 2, 0, 0, 0, TimeSpan.Zero)), Ct);
        Assert.Equal(["s000101", "s000102", "s000103"], found.Select(e => e.StaffId));
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=false");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Action, Detail FROM audit_trail WHERE Target = 'access_events' ORDER BY Sequence";
        var details = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(Ct))
            while (await reader.ReadAsync(Ct)) details.Add(reader.GetString(0) + " " + reader.GetString(1));
        Assert.Contains("compact compact segments=3 events=3 into folder 4", details);
        Assert.Contains(details, d => d.StartsWith("import ingest access_events-2.csv events=1 quarantined=1 duplicate=True", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_catalog_held_after_a_batch_makes_a_command_in_another_process_wait_and_a_command_that_will_not_wait_is_told_it_is_busy()
    {
        var database = Path.Combine(_folder, "probity.db");
        var store = Path.Combine(_folder, "events");
        string[] settings = [$"--ConnectionStrings:Probity=Data Source={database}", "--Probity:Database:Provider=sqlite",
            $"--Probity:AccessMonitoring:Store={store}", $"--Probity:Keys:Folder={Path.Combine(_folder, "keys")}"];
        // The web application's store, as the HTTP endpoint uses it; held far longer than the test takes, so the command meets it held.
        var events = new DuckDbEventStore(new EventStoreOptions(store) { HoldCatalogAfterBatch = TimeSpan.FromMinutes(10) });
        var batch = Header + "2010-12-30T09:15:00Z,s000101,cris,view,crime,CR900001,P900001,WS1,\n";
        var result = await events.IngestBatchAsync("batch-1", new MemoryStream(Encoding.UTF8.GetBytes(batch)), gzip: false, Ct);
        Assert.Equal(1, result.Events);

        var (refused, said) = await RunInAnotherProcessAsync(["audit", "compact", .. settings, "--Probity:AccessMonitoring:WaitWhenBusySeconds=0"]);
        Assert.True(refused == 4, $"exit {refused}: {said}");
        Assert.Contains("in use by another process", said, StringComparison.Ordinal);

        // A command that waits (as every command does by default) gets the store when the hold ends, here when the web application stops.
        var waiting = RunInAnotherProcessAsync(["audit", "compact", .. settings, "--Probity:AccessMonitoring:WaitWhenBusySeconds=120"]);
        await Task.Delay(TimeSpan.FromSeconds(2), Ct);
        events.Dispose();
        var (exit, output) = await waiting;
        Assert.True(exit == 0, $"exit {exit}: {output}");
        var summary = await new DuckDbEventStore(new EventStoreOptions(store)).SummaryAsync(Ct);
        Assert.Equal((1L, 1L), (summary.Segments, summary.Events));
    }

    /// <summary>The verb in a process of its own: DuckDB shares a file's database among one process's connections, so only another process meets its lock.</summary>
    private static async Task<(int Exit, string Output)> RunInAnotherProcessAsync(string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "probity.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = System.Diagnostics.Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        return (process.ExitCode, await stdout + await stderr);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // a temp folder left behind is harmless
        }
    }
}
