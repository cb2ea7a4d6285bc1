using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Probity.AuditTrail;
using Probity.Database;
using Probity.Host;
using Probity.Infrastructure.Security;

/// <summary>
/// What the audit trail costs to append to, and what its head witness (ADR 0031: the newest committed entry kept
/// outside the database, checked under the trail's lock and moved after each commit) adds to it.
///   trail-append [--rounds 7] [--commits 500] [--readers 50] [--reads 4000]
/// For each store (SQLite, fresh files; PostgreSQL too if PROBITY_BENCH_POSTGRES is set) two hosts run side by side,
/// one with the witness and one without, measured in alternating rounds (so warm-up and the machine's load fall on
/// both alike), medians printed:
///   one entry per commit, one writer after another (the worst case: every commit pays the witness);
///   --readers concurrent readers each awaiting their own entry (group commit, as the web host writes reads).
/// Both trails are verified at the end, the witnessed one against its witness.
/// </summary>
internal static class TrailBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        int Arg(string name, int fallback) => Array.IndexOf(args, name) is >= 0 and var i && i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
        var (rounds, commits, readers, reads) = (Arg("--rounds", 7), Arg("--commits", 500), Arg("--readers", 50), Arg("--reads", 4_000));
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores. {rounds} alternating rounds of {commits:N0} single-entry commits and {reads:N0} reads by {readers} concurrent readers.");
        var files = new[] { NewFile(), NewFile() };
        await CompareAsync("SQLite", $"Data Source={files[0]}", $"Data Source={files[1]}", rounds, commits, readers, reads);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in files.SelectMany(f => new[] { f, f + "-wal", f + "-shm" })) File.Delete(f);
        if (Environment.GetEnvironmentVariable("PROBITY_BENCH_POSTGRES") is not { Length: > 0 } server) return 0;
        var databases = new[] { $"probity_trail_bench_{Guid.NewGuid():n}", $"probity_trail_bench_{Guid.NewGuid():n}" };
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            foreach (var d in databases) await new NpgsqlCommand($"CREATE DATABASE {d}", admin).ExecuteNonQueryAsync();
        }
        try
        {
            await CompareAsync("PostgreSQL", new NpgsqlConnectionStringBuilder(server) { Database = databases[0] }.ConnectionString,
                new NpgsqlConnectionStringBuilder(server) { Database = databases[1] }.ConnectionString, rounds, commits, readers, reads);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync();
            foreach (var d in databases) await new NpgsqlCommand($"DROP DATABASE IF EXISTS {d} WITH (FORCE)", admin).ExecuteNonQueryAsync();
        }
        return 0;
    }

    private static string NewFile() => Path.Combine(Path.GetTempPath(), $"probity-trail-bench-{Guid.NewGuid():n}.db");

    private static async Task CompareAsync(string name, string withoutStore, string withStore, int rounds, int commits, int readers, int reads)
    {
        await using var without = await Trail.StartAsync(withoutStore, witness: false);
        await using var with = await Trail.StartAsync(withStore, witness: true);
        var results = new Dictionary<bool, List<(double PerCommit, double PerSecond)>> { [false] = [], [true] = [] };
        for (var r = 0; r < rounds; r++)
            foreach (var trail in r % 2 == 0 ? new[] { without, with } : [with, without])
                results[trail.Witness].Add(await trail.RoundAsync(commits, readers, reads));
        await without.VerifyAsync();
        await with.VerifyAsync();
        double Median(IEnumerable<double> xs) => xs.Order().ElementAt(rounds / 2);
        foreach (var witness in new[] { false, true })
            Console.WriteLine($"{name,-10} {(witness ? "with witness   " : "without witness")}  {Median(results[witness].Select(x => x.PerCommit)),6:F0} µs per single-entry commit   " +
                              $"{Median(results[witness].Select(x => x.PerSecond)),8:N0} reads/s with {readers} readers (group commit)   (medians of {rounds} rounds)");
    }

    private sealed class Trail(IHost host, string folder, bool witness) : IAsyncDisposable
    {
        public bool Witness => witness;
        private readonly AuditTrailWriter _writer = host.Services.GetRequiredService<AuditTrailWriter>();

        public static async Task<Trail> StartAsync(string connection, bool witness)
        {
            var folder = Path.Combine(Path.GetTempPath(), $"probity-trail-bench-{Guid.NewGuid():n}");
            var builder = Host.CreateApplicationBuilder();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Probity"] = connection, ["Probity:Keys:Folder"] = Path.Combine(folder, "keys"), ["Probity:Audit:Checkpoints"] = Path.Combine(folder, "checkpoints"),
            });
            // Every command logged to the console would cost more than the trail itself.
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddProbityCore(builder.Configuration);
            // Without the witness: the sealing every context uses, with no checkpoint folder to keep a witness in.
            if (!witness) builder.Services.AddSingleton(sp => new AuditSealing(sp.GetRequiredService<KeyFolder>(), sp.GetRequiredService<TimeProvider>()));
            var host = builder.Build();
            await DatabaseSetup.MigrateAsync(host.Services);
            var trail = new Trail(host, folder, witness);
            for (var w = 0; w < 300; w++) await trail._writer.RecordAsync(new AuditRecord("bench", "view", $"case:warm-{w}"));
            return trail;
        }

        public async Task<(double PerCommit, double PerSecond)> RoundAsync(int commits, int readers, int reads)
        {
            var clock = Stopwatch.StartNew();
            for (var n = 0; n < commits; n++) await _writer.RecordAsync(new AuditRecord("bench", "view", $"case:C-{n}", "one reader, one commit"));
            var perCommit = clock.Elapsed.TotalMilliseconds * 1000 / commits;
            clock.Restart();
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, readers).Select(r => Task.Run(async () =>
            {
                while (Interlocked.Increment(ref next) < reads) await _writer.RecordAsync(new AuditRecord($"reader-{r}", "view", "case:R"));
            })));
            return (perCommit, reads / clock.Elapsed.TotalSeconds);
        }

        public async Task VerifyAsync()
        {
            await using var scope = host.Services.CreateAsyncScope();
            var sealing = scope.ServiceProvider.GetRequiredService<AuditSealing>();
            var result = await VerifyTrail.RunAsync(scope.ServiceProvider.GetRequiredService<ProbityDb>(), sealing.ExistingChain(),
                scope.ServiceProvider.GetRequiredService<TrailCheckpoints>(), sealing.Witness);
            if (!result.Intact) throw new InvalidOperationException($"The bench's trail does not verify: {result.Problem}");
            if (witness && result.WitnessedThrough != result.LastSequence)
                throw new InvalidOperationException($"The witness names entry {result.WitnessedThrough}, the trail ends at {result.LastSequence}.");
        }

        public async ValueTask DisposeAsync()
        {
            await _writer.StopAsync(CancellationToken.None);
            host.Dispose();
            Directory.Delete(folder, recursive: true);
        }
    }
}
