using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

/// <summary>
/// ingest-bombs: the three request bodies an outside tester used to exhaust the web process's memory through
/// POST /api/access-events, sent over real HTTP to a real host (probity.dll as a child process, a fresh SQLite file and
/// event store for each body, default limits), with the server's peak memory (VmHWM) and the answer for each; then
/// a legitimate batch for comparison.
///   ingest-bombs [--work DIR] [--port N]
/// </summary>
internal static class IngestBombBench
{
    private const string Header = "event_time,staff_id,system,action,record_type,record_id,subject_person_id,workstation_id,reason_ref\n";
    private const string Key = "bench-ingest-key-0123456789abcdef";

    public static async Task<int> RunAsync(string[] args)
    {
        string? Text(string name) => Array.IndexOf(args, name) is >= 0 and var i && i + 1 < args.Length ? args[i + 1] : null;
        var work = Text("--work") ?? Path.Combine(Path.GetTempPath(), "probity-ingest-bombs");
        var port = int.Parse(Text("--port") ?? "5098", CultureInfo.InvariantCulture);
        Directory.CreateDirectory(work);
        var app = Path.Combine(AppContext.BaseDirectory, "probity.dll");
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GB; server {app}; work folder {work}");

        var bodies = new (string Name, string File, Action<Stream> Write)[]
        {
            ("20 MB of malformed lines", "malformed-20mb.csv.gz", s => Repeat(s, "garbage line without fields\n", 20L << 20)),
            ("500 MB of malformed lines", "malformed-500mb.csv.gz", s => Repeat(s, "garbage line without fields\n", 500L << 20)),
            ("gzip bomb, 1 GB of nearly one repeated event", "bomb-1gb.csv.gz", s => Varied(s, 1L << 30)),
            ("legitimate batch, 1,000,000 events", "events-1m.csv.gz", s => Events(s, 1_000_000)),
        };
        Console.WriteLine();
        Console.WriteLine("| body | gzip | decompressed | answer | seconds | server peak before | server peak after |");
        Console.WriteLine("| --- | --: | --: | --- | --: | --: | --: |");
        foreach (var (name, fileName, write) in bodies)
        {
            var file = Path.Combine(work, fileName);
            if (!File.Exists(file)) WriteGzip(file, write);
            var (status, detail, seconds, before, after) = await PostToFreshServerAsync(app, work, port, file);
            Console.WriteLine($"| {name} | {Size(new FileInfo(file).Length)} | {Size(Decompressed(file))} | {status} {detail} | {seconds:F1} | {before / 1024.0:N0} MB | {after / 1024.0:N0} MB |");
        }
        return 0;
    }

    private static async Task<(int Status, string Detail, double Seconds, long PeakBeforeKb, long PeakAfterKb)> PostToFreshServerAsync(string app, string work, int port, string file)
    {
        var run = Path.Combine(work, "run");
        if (Directory.Exists(run)) Directory.Delete(run, recursive: true);
        Directory.CreateDirectory(run);
        var keyHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Key)));
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = run, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // Outside Development the host answers HTTPS only (WebSecurity); the bodies go over loopback HTTP, as LoadTest's do.
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var a in new[]
                 {
                     app, "--urls", $"http://127.0.0.1:{port}", "--Probity:Demo:Enabled=false", "--Probity:WarmUp=false",
                     $"--ConnectionStrings:Probity=Data Source={Path.Combine(run, "probity.db")}", $"--Probity:AccessMonitoring:Store={Path.Combine(run, "events")}",
                     $"--Probity:Keys:Folder={Path.Combine(run, "keys")}", $"--Probity:Audit:Checkpoints={Path.Combine(run, "checkpoints")}", $"--Probity:AccessMonitoring:IngestKeys:0=bench:{keyHash}",
                 })
            psi.ArgumentList.Add(a);
        using var server = Process.Start(psi)!;
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(10) };
            await WaitUntilUpAsync(http, server);
            var before = PeakKb(server.Id);
            await using var body = File.OpenRead(file);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/access-events") { Content = new StreamContent(body, 1 << 16) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            request.Content.Headers.ContentEncoding.Add("gzip");
            request.Headers.Add("X-Probity-Ingest-Key", Key);
            var clock = Stopwatch.StartNew();
            int status;
            string detail;
            try
            {
                using var response = await http.SendAsync(request);
                status = (int)response.StatusCode;
                var text = await response.Content.ReadAsStringAsync();
                using var json = JsonDocument.Parse(text);
                detail = json.RootElement.TryGetProperty("detail", out var d) ? d.GetString() ?? "" : text;
            }
            catch (HttpRequestException ex)
            {
                // The server may answer and close while the client is still sending the rest of a refused body.
                status = 0;
                detail = "connection closed: " + ex.Message;
            }
            var seconds = clock.Elapsed.TotalSeconds;
            return (status, detail.Replace("|", "/", StringComparison.Ordinal), seconds, before, PeakKb(server.Id));
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync();
            }
        }
    }

    private static long PeakKb(int pid) =>
        long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    private static async Task WaitUntilUpAsync(HttpClient http, Process server)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (server.HasExited) throw new InvalidOperationException($"The server exited with code {server.ExitCode}.");
            try
            {
                using var r = await http.GetAsync(new Uri("/account/sign-in", UriKind.Relative));
                if (r.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException("The server did not answer within 120 s.");
    }

    private static void WriteGzip(string file, Action<Stream> write)
    {
        using var output = File.Create(file);
        using var gzip = new GZipStream(output, CompressionLevel.SmallestSize);
        gzip.Write(Encoding.UTF8.GetBytes(Header));
        write(gzip);
    }

    private static void Repeat(Stream to, string line, long bytes)
    {
        var block = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(line, 4096)));
        for (long written = 0; written < bytes; written += block.Length) to.Write(block);
    }

    /// <summary>Valid-looking events varying a little from line to line, so the bomb compresses about 300 to 1, not 1,000.</summary>
    private static void Varied(Stream to, long bytes)
    {
        var random = new Random(1);
        var line = new StringBuilder();
        for (long written = 0; written < bytes;)
        {
            line.Clear();
            for (var i = 0; i < 1000; i++)
                line.Append(CultureInfo.InvariantCulture, $"2010-12-30T09:{random.Next(2):00}:00Z,s000101,cris,view,crime,CR900001,P900001,WS1,\n");
            var block = Encoding.UTF8.GetBytes(line.ToString());
            to.Write(block);
            written += block.Length;
        }
    }

    private static void Events(Stream to, int count)
    {
        var writer = new StreamWriter(to, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        var random = new Random(2);
        for (var i = 0; i < count; i++)
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"2010-12-30T{i / 60_000 % 24:00}:{i / 1000 % 60:00}:{i % 60:00}Z,s{random.Next(3000):000000},cris,view,crime,CR{random.Next(10_000_000):0000000},P{random.Next(500_000):0000000},WS{random.Next(100)},\n"));
        writer.Flush();
    }

    private static long Decompressed(string file)
    {
        using var gzip = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
        var buffer = new byte[1 << 20];
        long total = 0;
        int n;
        while ((n = gzip.Read(buffer)) > 0) total += n;
        return total;
    }

    private static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):F2} GB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):F1} MB",
        _ => $"{bytes / 1024.0:F0} KB",
    };
}
