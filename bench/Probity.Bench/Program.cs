using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Probity.DemoForce;
using Probity.Host;
using Probity.Interchange.Pif;

// Import benchmark: a ten-year, Metropolitan-Police-sized demo bundle through the real `probity import` path.
// Usage: dotnet run -c Release --project bench/Probity.Bench -- import [--years N] [--scale N] [--work DIR]
// PROBITY_BENCH_POSTGRES=<connection string> also runs the import against a fresh PostgreSQL database.

if (args.Length > 0 && args[0] == "pmf") return await PmfBench.RunAsync(args);
if (args.Length > 0 && args[0] == "risk") return await RiskBench.RunAsync(args);
if (args.Length > 0 && args[0] == "session") return await SessionBench.RunAsync(args);
if (args.Length > 0 && args[0] == "registers") return await RegistersBench.RunAsync(args);
if (args.Length > 0 && args[0] == "letters") return await LettersBench.RunAsync(args);
if (args.Length > 0 && args[0].StartsWith("audit-", StringComparison.Ordinal)) return await AuditBench.RunAsync(args);
if (args.Length > 0 && args[0] == "ingest-bombs") return await IngestBombBench.RunAsync(args);
if (args.Length > 0 && args[0] == "trail-append") return await TrailBench.RunAsync(args);
if (args.Length == 0 || args[0] != "import")
{
    Console.Error.WriteLine("usage: Probity.Bench import [--years N] [--scale N] [--work DIR] | pmf --store CONNECTION [--as-of DATE] | ingest-bombs [--work DIR] [--port N]");
    return 2;
}
var years = Option("--years", 10);
var scale = Option("--scale", 1);
var work = OptionText("--work") ?? Path.Combine(Path.GetTempPath(), "probity-bench");
var folder = Path.Combine(work, "bundle");
Directory.CreateDirectory(work);

var clock = Stopwatch.StartNew();
var bundle = DemoForceGenerator.Generate(new DemoForceOptions(Seed: 20081201, Until: new DateOnly(2025, 3, 31), Years: years, Scale: scale));
var generated = clock.Elapsed;
if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
clock.Restart();
PifWriter.Write(bundle, folder);
var written = clock.Elapsed;
var counts = new (string File, int Rows)[]
{
    ("units", bundle.Units.Count), ("staff", bundle.Staff.Count), ("postings", bundle.Postings.Count), ("cases", bundle.Cases.Count),
    ("allegations", bundle.Allegations.Count), ("sanctions", bundle.Sanctions.Count), ("appeals", bundle.Appeals.Count),
    ("complainants", bundle.Complainants.Count), ("population", bundle.Population.Count), ("exposure", bundle.Exposure.Count),
    ("business_interests", bundle.BusinessInterests.Count), ("persons", bundle.Persons.Count),
    ("associations", bundle.Associations.Count), ("assignments", bundle.Assignments.Count),
};
var totalRows = counts.Sum(c => (long)c.Rows);
Console.WriteLine($"Bundle: {years} years, scale {scale}: {string.Join(", ", counts.Where(c => c.Rows > 0).Select(c => $"{c.File} {c.Rows:N0}"))}");
Console.WriteLine($"Generated in {generated.TotalSeconds:F1}s, written to {folder} in {written.TotalSeconds:F1}s ({Size(folder) / 1e6:F0} MB)");
bundle = null; // let the generator's lists go before measuring the import
GC.Collect();

var results = new List<(string Run, long Rows, long New, double Read, double Write, double Total)>();
var failed = false;

var sqliteFile = Path.Combine(work, "bench.db");
foreach (var f in new[] { sqliteFile, sqliteFile + "-wal", sqliteFile + "-shm" }) File.Delete(f);
var sqlite = $"Data Source={sqliteFile}";
await Import("SQLite, empty store", sqlite, expectNew: totalRows);
await Import("SQLite, re-import", sqlite, expectNew: 0);
await using (var connection = new SqliteConnection(sqlite))
{
    await CheckCounts("SQLite", connection);
}

var postgres = Environment.GetEnvironmentVariable("PROBITY_BENCH_POSTGRES");
if (!string.IsNullOrWhiteSpace(postgres))
{
    var pg = new NpgsqlConnectionStringBuilder(postgres) { Database = $"probity_bench_{Environment.ProcessId}_{Stopwatch.GetTimestamp() % 1_000_000}" }.ConnectionString;
    await Import("PostgreSQL, empty store", pg, expectNew: totalRows);
    await Import("PostgreSQL, re-import", pg, expectNew: 0);
    await using (var connection = new NpgsqlConnection(pg))
    {
        await CheckCounts("PostgreSQL", connection);
    }
    NpgsqlConnection.ClearAllPools();
    await using var admin = new NpgsqlConnection(postgres);
    await admin.OpenAsync();
    await using var drop = admin.CreateCommand();
    drop.CommandText = $"DROP DATABASE \"{new NpgsqlConnectionStringBuilder(pg).Database}\"";
    await drop.ExecuteNonQueryAsync();
}

Console.WriteLine();
Console.WriteLine($"{"Run",-26} {"Rows",10} {"New (id)",10} {"Read s",8} {"Write s",8} {"Total s",8} {"Rows/s",10}");
foreach (var r in results)
    Console.WriteLine($"{r.Run,-26} {r.Rows,10:N0} {r.New,10:N0} {r.Read,8:F1} {r.Write,8:F1} {r.Total,8:F1} {r.Rows / r.Total,10:N0}");
Console.WriteLine("Total = wall clock of `probity import` (host start, migrations, read + validate, write, audit).");
return failed ? 1 : 0;

async Task Import(string run, string connection, long expectNew)
{
    var output = new StringWriter(CultureInfo.InvariantCulture);
    var errors = new StringWriter(CultureInfo.InvariantCulture);
    var (stdout, stderr) = (Console.Out, Console.Error);
    Console.SetOut(output);
    Console.SetError(errors); // the progress line, warnings and errors: shown only if the import fails
    var sw = Stopwatch.StartNew();
    int code;
    try
    {
        // `probity import <folder> --ConnectionStrings:Probity=...` is rejected by the verb's parser, so the store is
        // passed the other way the host reads configuration: the environment.
        Environment.SetEnvironmentVariable("ConnectionStrings__Probity", connection);
        code = await ProbityCli.RunAsync(["import", folder]);
    }
    finally
    {
        Console.SetOut(stdout);
        Console.SetError(stderr);
    }
    var total = sw.Elapsed.TotalSeconds;
    var text = output.ToString();
    Console.WriteLine($"== {run}");
    Console.Write(text);
    if (code != 0)
    {
        Console.WriteLine(errors.ToString().Split('\r').Last());
        Console.WriteLine($"import failed with exit code {code}");
        failed = true;
        return;
    }
    long rows = 0, isNew = 0, keyed = 0;
    foreach (Match m in Regex.Matches(text, @"^\S+\s+([\d,]+) rows\s+([\d,]+|—) new", RegexOptions.Multiline))
    {
        var rowsBefore = rows;
        rows += long.Parse(m.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        // Files without an id column (postings, sanctions, population ...) report "—": upserted, not counted.
        keyed += m.Groups[2].Value == "—" ? 0 : rows - rowsBefore;
        isNew += m.Groups[2].Value == "—" ? 0 : long.Parse(m.Groups[2].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
    }
    var times = Regex.Match(text, @"read ([\d.]+)s, write ([\d.]+)s");
    var read = double.Parse(times.Groups[1].Value, CultureInfo.InvariantCulture);
    var write = double.Parse(times.Groups[2].Value, CultureInfo.InvariantCulture);
    if (rows != totalRows) { Console.WriteLine($"MISMATCH: imported {rows:N0} rows, bundle has {totalRows:N0}"); failed = true; }
    if (expectNew > 0) expectNew = keyed;
    if (isNew != expectNew) { Console.WriteLine($"MISMATCH: {isNew:N0} new rows, expected {expectNew:N0}"); failed = true; }
    results.Add((run, rows, isNew, read, write, total));
}

async Task CheckCounts(string store, DbConnection connection)
{
    // Tables are named after their PIF-1 files; only tables the import fills from one file each are checked.
    string[] checkedFiles = ["units", "staff", "postings", "cases", "allegations", "sanctions", "appeals", "complainants"];
    await connection.OpenAsync();
    foreach (var (file, rows) in counts.Where(c => checkedFiles.Contains(c.File)))
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{file}\"";
        var stored = Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        if (stored != rows) { Console.WriteLine($"{store}: {file} has {stored:N0} rows in the store, bundle has {rows:N0}"); failed = true; }
    }
    Console.WriteLine($"{store}: stored row counts match the bundle for {string.Join(", ", checkedFiles)}.");
}

static long Size(string dir) => Directory.EnumerateFiles(dir).Sum(f => new FileInfo(f).Length);

int Option(string name, int fallback) =>
    OptionText(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

string? OptionText(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
