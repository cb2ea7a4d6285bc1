using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

// HTTP load test against the real web host (see bench/README.md, "HTTP load" and "HTTP load: My cases and the team caseload").
// 1. prepare: a 10-year demo bundle (the app's own `demo-bundle` verb), a fresh SQLite store filled with `probity import`,
//    one account made with `probity users add`; with `--mix caseload` also one account per virtual user (investigators,
//    case handlers, supervisors) and live cases allocated to them by name (CaseloadFixture);
// 2. start `probity.dll` as a child process (demo disabled), sign N virtual users in over HTTP, warm up, then let every
//    user loop for a fixed time over the case list (first page, later pages, filters) and officer profiles (`--mix cases`,
//    the default), or over their own "My cases" home page and caseload page (`--mix caseload`);
// 3. print per-endpoint count, throughput and latency percentiles; stop the server (whole process tree) at the end.

var options = LoadOptions.Parse(args);
if (options is null) return 2;
var repo = LoadOptions.FindRepo();
var dll = Path.Combine(repo, "src", "Probity", "bin", "Release", "net10.0", "probity.dll");
var work = options.Work;
Directory.CreateDirectory(work);
var bundle = Path.Combine(work, "bundle");
var dbFile = Path.Combine(work, "p.db");
var connection = $"Data Source={dbFile}";
const string UserName = "loadtester";
const string Password = "Load-Test-Password-2026";

if (!options.NoBuild)
{
    Console.WriteLine("Building src/Probity (Release) ...");
    await Child.RunAsync("dotnet", ["build", "-c", "Release", Path.Combine(repo, "src", "Probity"), "-nologo", "-v", "q"], repo, new Dictionary<string, string>());
}
if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} not found: build src/Probity in Release first.");

if (!options.Reuse || !File.Exists(dbFile))
{
    if (Directory.Exists(bundle)) Directory.Delete(bundle, recursive: true);
    Console.WriteLine($"Writing a {options.Years}-year demo bundle to {bundle} ...");
    await Child.RunAsync("dotnet", [dll, "demo-bundle", "--out", bundle, "--years", options.Years.ToString(CultureInfo.InvariantCulture), "--until", options.Until], work, new Dictionary<string, string>());
    foreach (var f in new[] { dbFile, dbFile + "-wal", dbFile + "-shm" }) File.Delete(f);
    var env = new Dictionary<string, string> { ["ConnectionStrings__Probity"] = connection };
    Console.WriteLine($"Importing into {dbFile} ...");
    await Child.RunAsync("dotnet", [dll, "import", bundle], work, env);
    env["PROBITY_PASSWORD"] = Password;
    await Child.RunAsync("dotnet", [dll, "users", "add", UserName, "--role", "dps_senior_manager"], work, env);
}
else Console.WriteLine($"Reusing {dbFile} (--reuse).");

CaseloadFixture? caseloads = null;
if (options.Mix == "caseload")
{
    caseloads = new CaseloadFixture(options.Users, Path.Combine(work, "caseload"));
    await caseloads.CreateAccountsAsync(dll, work, connection, Password);
    Console.WriteLine(caseloads.Allocate(connection));
}

var sizes = BundleSizes.Read(bundle);
var officers = sizes.OfficersWithAllegations;
Console.WriteLine($"Data set: {sizes.Cases:N0} cases, {sizes.Allegations:N0} allegations, {sizes.Staff:N0} staff ({officers.Count:N0} staff with allegations).");

var baseUri = new Uri($"http://127.0.0.1:{options.Port}");
using var server = Child.Start("dotnet",
    [dll, "--urls", baseUri.ToString().TrimEnd('/'), $"--ConnectionStrings:Probity={connection}", "--Probity:Demo:Enabled=false",
     "--Logging:LogLevel:Default=Warning"],
    // Development: the load test speaks plain HTTP, which Production refuses (HTTPS redirect, Secure cookies).
    work, new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development" });
var users = new List<VirtualUser>();
try
{
    await WaitUntilUpAsync(baseUri, server);
    Console.WriteLine($"Server up (pid {server.Process.Id}). Signing in {options.Users} users ...");
    if (caseloads is not null)
    {
        // Fifty different people: each signs in through the real form with their own password and authenticator, from an
        // address of their own (127.0.0.2 upwards), as fifty people at their own desks would; the per-address limit on
        // sign-in posts stays as configured.
        foreach (var person in caseloads.People)
        {
            var user = new VirtualUser(users.Count, baseUri, officers, options.ThinkMs, new CookieContainer(), person);
            users.Add(user);
            await user.SignInAsync(person.UserName, Password, caseloads.KeyFile(person));
            await user.CheckCaseloadAsync();
        }
    }
    else
    {
        // One real sign-in (password, then the authenticator: enrolment the first time, a code after), whose session the
        // other virtual users share: each authenticator code is accepted once, and the sign-in pages are rate-limited
        // per address, so fifty sign-ins from one machine in one second are exactly what the server now refuses.
        var first = new VirtualUser(0, baseUri, officers, options.ThinkMs, new CookieContainer());
        users.Add(first);
        var session = await first.SignInAsync(UserName, Password, Path.Combine(work, "authenticator.key"));
        for (var i = 1; i < options.Users; i++)
        {
            var user = new VirtualUser(i, baseUri, officers, options.ThinkMs, new CookieContainer());
            users.Add(user);
            await user.UseSessionAsync(session);
        }
    }

    // One continuous run: users never stop between warm-up and measurement, and start staggered, so the figures are
    // steady state. (Restarting all users together at the start of measurement fired 50 requests in the same
    // millisecond and measured that artificial burst as the p99.)
    Console.WriteLine($"Warm-up {options.Warmup} s, then measuring {options.Seconds} s with {options.Users} concurrent users (think time {options.ThinkMs} ms) ...");
    var recordFrom = Stopwatch.GetTimestamp() + (long)(options.Warmup * (double)Stopwatch.Frequency);
    var until = recordFrom + (long)(options.Seconds * (double)Stopwatch.Frequency);
    var run = Task.WhenAll(users.Select(u => Task.Run(() => u.LoopAsync(recordFrom, until))));
    await Task.Delay(TimeSpan.FromSeconds(options.Warmup));
    var serverCpu0 = server.Process.TotalProcessorTime;
    var clientCpu0 = Process.GetCurrentProcess().TotalProcessorTime;
    var wall = Stopwatch.StartNew();
    await run;
    wall.Stop();
    server.Process.Refresh();
    var serverCpu = (server.Process.TotalProcessorTime - serverCpu0).TotalSeconds;
    var clientCpu = (Process.GetCurrentProcess().TotalProcessorTime - clientCpu0).TotalSeconds;

    var report = Report.Build(users, wall.Elapsed);
    var header = string.Create(CultureInfo.InvariantCulture,
        $"{DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().DateTime):yyyy-MM-dd}, {Environment.ProcessorCount} cores (load generator and server on the same machine), " +
        $"SQLite, {sizes.Cases:N0} cases / {sizes.Allegations:N0} allegations / {sizes.Staff:N0} staff, " +
        $"{options.Users} users, think time {options.ThinkMs} ms, {options.Seconds} s measured after {options.Warmup} s warm-up, mix {options.Mix}. " +
        $"CPU over the run: server {serverCpu / wall.Elapsed.TotalSeconds:F2} cores, load generator {clientCpu / wall.Elapsed.TotalSeconds:F2} cores.");
    Console.WriteLine();
    Console.WriteLine(header);
    Console.WriteLine();
    Console.WriteLine(report);
    var load = Load.Average();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Load average (1, 5, 15 min) at the end: {load}"));
    if (options.Out is not null) await File.WriteAllTextAsync(options.Out, header + "\n\n" + report + "\nLoad average at the end: " + load + "\n");
    return 0;
}
catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or TimeoutException)
{
    await Console.Error.WriteLineAsync("Load test failed: " + ex.Message);
    await Console.Error.WriteLineAsync("Server output (last lines):\n" + server.Tail());
    return 1;
}
finally
{
    foreach (var u in users) u.Dispose();
    server.Stop();
}

static async Task WaitUntilUpAsync(Uri baseUri, Child server)
{
    using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(5) };
    var deadline = Stopwatch.StartNew();
    while (deadline.Elapsed < TimeSpan.FromSeconds(120))
    {
        if (server.Process.HasExited) throw new InvalidOperationException($"The server exited with code {server.Process.ExitCode}.");
        try
        {
            using var r = await http.GetAsync(new Uri("/account/sign-in", UriKind.Relative));
            if (r.StatusCode == HttpStatusCode.OK) return;
        }
        catch (HttpRequestException) { }
        catch (TaskCanceledException) { }
        await Task.Delay(250);
    }
    throw new TimeoutException("The server did not answer /account/sign-in within 120 s.");
}

internal sealed partial class VirtualUser(int index, Uri baseUri, IReadOnlyList<string> officers, int thinkMs, CookieContainer cookies, CaseloadPerson? person = null) : IDisposable
{
    private static readonly string[] Categories = ["incivility", "other_assault", "oppressive_conduct_or_harassment", "discriminatory_behaviour"];
    private static readonly string[] UnitIds = ["bor-croydon", "bor-lambeth", "bor-westminster", "cst", "bsu-1"];

    // One cookie jar per virtual user, readable here so a session can be handed to the others.
    private readonly CookieContainer _cookies = cookies;

    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        CookieContainer = cookies,
        UseCookies = true,
        AutomaticDecompression = DecompressionMethods.None,
        // In the caseload mix each person connects from an address of their own (127.0.0.2, .3, ...: all loopback on Linux).
        ConnectCallback = person is null ? null : (context, ct) => ConnectFromAsync(IPAddress.Parse($"127.0.{(index + 2) / 256}.{(index + 2) % 256}"), context, ct),
    })
    { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(60) };

    private readonly Random _random = new(20261123 + index);

    public Dictionary<string, List<double>> Latencies { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, int> Errors { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> FirstError { get; } = new(StringComparer.Ordinal);

    /// <summary>Signs in through the real pages; returns the session cookie. The authenticator key is kept in <paramref name="keyFile"/> (--reuse).</summary>
    public async Task<Cookie> SignInAsync(string userName, string password, string keyFile)
    {
        using var posted = await PostFormAsync("/account/sign-in", new() { ["UserName"] = userName, ["Password"] = password });
        var next = posted.Headers.Location?.OriginalString;
        if (posted.StatusCode != HttpStatusCode.Redirect || next is not ("/account/enrol" or "/account/two-factor"))
            throw new InvalidOperationException($"Sign-in of user {index} answered {(int)posted.StatusCode} {next}.");
        if (next == "/account/enrol")
        {
            var enrol = await _http.GetStringAsync(new Uri("/account/enrol", UriKind.Relative));
            var key = KeyRegex().Match(enrol);
            if (!key.Success) throw new InvalidOperationException("No authenticator key on /account/enrol.");
            await File.WriteAllTextAsync(keyFile, key.Groups[1].Value.Replace(" ", "", StringComparison.Ordinal));
        }
        var totp = new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(await File.ReadAllTextAsync(keyFile)));
        using var confirmed = await PostFormAsync(next, new() { ["Code"] = totp.ComputeTotp() });
        if (confirmed.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Redirect))
            throw new InvalidOperationException($"The authenticator step answered {(int)confirmed.StatusCode} (a code already used? wait 30 s and run again).");
        using var check = await _http.GetAsync(new Uri("/cases", UriKind.Relative));
        if (check.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"/cases after sign-in answered {(int)check.StatusCode}.");
        return _cookies.GetCookies(baseUri)["probity.auth"] ?? throw new InvalidOperationException("No session cookie after sign-in.");
    }

    private static async ValueTask<Stream> ConnectFromAsync(IPAddress local, SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.Bind(new IPEndPoint(local, 0));
            await socket.ConnectAsync(context.DnsEndPoint, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The caseload page must show this person exactly the cases allocated to them (as investigating officer and as
    /// supervisor): otherwise the run would measure something else (need-to-know hiding them, a stale allocation).
    /// </summary>
    public async Task CheckCaseloadAsync()
    {
        var page = await _http.GetStringAsync(new Uri("/caseload", UriKind.Relative));
        int Count(Regex r) => r.Match(page) is { Success: true } m ? int.Parse(m.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) : -1;
        var (investigating, supervising) = (Count(InvestigatingRegex()), Count(TeamRegex()));
        if (investigating != person!.Investigating || supervising != person.Supervising)
            throw new InvalidOperationException($"/caseload for {person.UserName} shows {investigating} investigated and {supervising} supervised live cases; {person.Investigating} and {person.Supervising} were allocated.");
    }

    public async Task UseSessionAsync(Cookie session)
    {
        _cookies.Add(baseUri, new Cookie(session.Name, session.Value, "/"));
        using var check = await _http.GetAsync(new Uri("/cases", UriKind.Relative));
        if (check.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"/cases with the shared session answered {(int)check.StatusCode}.");
    }

    private async Task<HttpResponseMessage> PostFormAsync(string path, Dictionary<string, string> fields)
    {
        using var form = await _http.GetAsync(new Uri(path, UriKind.Relative));
        var token = TokenRegex().Match(await form.Content.ReadAsStringAsync());
        if (!token.Success) throw new InvalidOperationException($"No __RequestVerificationToken on {path}.");
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        using var body = new FormUrlEncodedContent(fields);
        return await _http.PostAsync(new Uri(path, UriKind.Relative), body);
    }

    /// <summary>
    /// One request at a time, no pause (unless think time is set), until the deadline; latencies are kept for the
    /// requests that start after <paramref name="recordFrom"/>. Users start at a random moment within one think time.
    /// </summary>
    public async Task LoopAsync(long recordFrom, long until)
    {
        if (thinkMs > 0) await Task.Delay(_random.Next(0, thinkMs));
        while (Stopwatch.GetTimestamp() < until)
        {
            var (name, path) = Next();
            var start = Stopwatch.GetTimestamp();
            var record = start >= recordFrom;
            string? error = null;
            try
            {
                using var response = await _http.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseContentRead);
                if (response.StatusCode != HttpStatusCode.OK) error = $"{(int)response.StatusCode} on {path}";
            }
            catch (HttpRequestException ex) { error = ex.Message; }
            catch (TaskCanceledException) { error = "timeout on " + path; }
            var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (record)
            {
                if (!Latencies.TryGetValue(name, out var list)) Latencies[name] = list = new List<double>(4096);
                list.Add(ms);
                if (error is not null)
                {
                    Errors[name] = Errors.GetValueOrDefault(name) + 1;
                    FirstError.TryAdd(name, error);
                }
            }
            if (thinkMs > 0) await Task.Delay(_random.Next(thinkMs / 2, thinkMs * 3 / 2 + 1));
        }
    }

    public void Reset()
    {
        Latencies.Clear();
        Errors.Clear();
        FirstError.Clear();
    }

    /// <summary>
    /// The mix: half case-list views (first page, paging through live cases, one filter), half officer profiles; in the
    /// caseload mix the person's home page ("My cases", and their team's for a supervisor) and their caseload page.
    /// </summary>
    private (string Name, string Path) Next()
    {
        var roll = _random.Next(100);
        if (person is not null)
        {
            return person.Supervises
                ? roll < 40 ? ("GET / as supervisor", "/") : ("GET /caseload as supervisor", "/caseload")
                : roll < 60 ? ("GET / as officer", "/") : ("GET /caseload as officer", "/caseload");
        }
        return roll switch
        {
            < 15 => ("GET /cases", "/cases"),
            < 25 => ("GET /cases?status=live&page=N", $"/cases?status=live&page={_random.Next(1, 21)}"),
            < 32 => ("GET /cases?unit=U&page=N", $"/cases?unit={UnitIds[_random.Next(UnitIds.Length)]}&page={_random.Next(1, 6)}"),
            < 39 => ("GET /cases?category=C", $"/cases?category={Categories[_random.Next(Categories.Length)]}"),
            < 45 => ("GET /cases?overdue=true", "/cases?overdue=true&status=live"),
            _ => ("GET /officers/{id}", "/officers/" + officers[_random.Next(officers.Count)]),
        };
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]*)\"")]
    private static partial Regex TokenRegex();

    [GeneratedRegex("data-testid=\"authenticator-key\">([^<]+)<")]
    private static partial Regex KeyRegex();

    [GeneratedRegex("<h2 id=\"investigating\">[^<]*<span class=\"muted\">([0-9,]+)</span>")]
    private static partial Regex InvestigatingRegex();

    [GeneratedRegex("<h2 id=\"team\">[^<]*<span class=\"muted\">([0-9,]+)</span>")]
    private static partial Regex TeamRegex();
}

internal static class Report
{
    public static string Build(List<VirtualUser> users, TimeSpan wall)
    {
        var names = users.SelectMany(u => u.Latencies.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var sb = new StringBuilder();
        sb.AppendLine("| Endpoint                       | Requests | Req/s | Mean ms | p50 ms | p95 ms | p99 ms | Max ms | Errors |");
        sb.AppendLine("|--------------------------------|---------:|------:|--------:|-------:|-------:|-------:|-------:|-------:|");
        var all = new List<double>();
        var allErrors = 0;
        var firstErrors = new List<string>();
        foreach (var name in names)
        {
            var samples = users.SelectMany(u => u.Latencies.GetValueOrDefault(name) ?? []).ToList();
            var errors = users.Sum(u => u.Errors.GetValueOrDefault(name));
            all.AddRange(samples);
            allErrors += errors;
            firstErrors.AddRange(users.Select(u => u.FirstError.GetValueOrDefault(name)).OfType<string>().Take(1));
            sb.AppendLine(Row(name, samples, errors, wall));
        }
        sb.AppendLine(Row("**all**", all, allErrors, wall));
        foreach (var e in firstErrors) sb.AppendLine("First error: " + e);
        return sb.ToString();
    }

    private static string Row(string name, List<double> samples, int errors, TimeSpan wall)
    {
        samples.Sort();
        double P(double p) => samples.Count == 0 ? 0 : samples[Math.Clamp((int)Math.Ceiling(p * samples.Count) - 1, 0, samples.Count - 1)];
        return string.Create(CultureInfo.InvariantCulture,
            $"| {name,-30} | {samples.Count,8:N0} | {samples.Count / wall.TotalSeconds,5:F1} | {(samples.Count == 0 ? 0 : samples.Average()),7:F1} | {P(0.50),6:F1} | {P(0.95),6:F1} | {P(0.99),6:F1} | {(samples.Count == 0 ? 0 : samples[^1]),6:F1} | {errors,6} |");
    }
}

internal sealed record BundleSizes(int Cases, int Allegations, int Staff, IReadOnlyList<string> OfficersWithAllegations)
{
    public static BundleSizes Read(string folder)
    {
        static int Rows(string file) => File.ReadLines(file).Count() - 1;
        var allegations = Path.Combine(folder, "allegations.csv");
        var header = File.ReadLines(allegations).First().Split(',');
        var staffColumn = Array.IndexOf(header, "staff_id");
        if (staffColumn < 0) throw new InvalidOperationException("allegations.csv has no staff_id column.");
        // The demo bundle has no quoted commas in the columns before staff_id (ids only).
        var officers = File.ReadLines(allegations).Skip(1).Select(l => l.Split(',')[staffColumn])
            .Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new BundleSizes(Rows(Path.Combine(folder, "cases.csv")), Rows(allegations), Rows(Path.Combine(folder, "staff.csv")), officers);
    }
}

internal sealed class Child : IDisposable
{
    private readonly Queue<string> _tail = new();
    public Process Process { get; }

    private Child(Process process) => Process = process;

    public static Child Start(string file, IEnumerable<string> args, string directory, IReadOnlyDictionary<string, string> env)
    {
        var psi = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in env) psi.Environment[k] = v;
        var child = new Child(new Process { StartInfo = psi });
        child.Process.OutputDataReceived += (_, e) => child.Keep(e.Data);
        child.Process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        child.Process.Start();
        child.Process.BeginOutputReadLine();
        child.Process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Runs a command to the end; throws with its output if it fails.</summary>
    public static async Task RunAsync(string file, IEnumerable<string> args, string directory, IReadOnlyDictionary<string, string> env)
    {
        using var child = Start(file, args, directory, env);
        await child.Process.WaitForExitAsync();
        if (child.Process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {child.Process.ExitCode}:\n{child.Tail()}");
        var last = child.Tail().Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        if (last is not null) Console.WriteLine("  " + last.Trim());
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_tail)
        {
            _tail.Enqueue(line);
            while (_tail.Count > 40) _tail.Dequeue();
        }
    }

    public string Tail()
    {
        lock (_tail) return string.Join('\n', _tail);
    }

    public void Stop()
    {
        try
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException) { }
    }

    public void Dispose()
    {
        Stop();
        Process.Dispose();
    }
}

internal sealed record LoadOptions(int Users, int Seconds, int Warmup, int ThinkMs, int Port, int Years, string Until, string Work, bool Reuse, bool NoBuild, string? Out, string Mix = "cases")
{
    public static LoadOptions? Parse(string[] args)
    {
        var o = new LoadOptions(50, 30, 10, 0, 5099, 10, "2026-11-23", Path.Combine(Path.GetTempPath(), "probity-load"), false, false, null);
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Int() => int.Parse(Value(), CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--users": o = o with { Users = Int() }; break;
                case "--seconds": o = o with { Seconds = Int() }; break;
                case "--warmup": o = o with { Warmup = Int() }; break;
                case "--think-ms": o = o with { ThinkMs = Int() }; break;
                case "--port": o = o with { Port = Int() }; break;
                case "--years": o = o with { Years = Int() }; break;
                case "--until": o = o with { Until = Value() }; break;
                case "--work": o = o with { Work = Path.GetFullPath(Value()) }; break;
                case "--out": o = o with { Out = Path.GetFullPath(Value()) }; break;
                case "--reuse": o = o with { Reuse = true }; break;
                case "--no-build": o = o with { NoBuild = true }; break;
                case "--mix" when i + 1 < args.Length && args[i + 1] is "cases" or "caseload": o = o with { Mix = Value() }; break;
                default:
                    Console.Error.WriteLine("""
                        Options: --users N (50) --seconds N (30) --warmup N (10) --think-ms N (0: closed loop, no pause)
                                 --port N (5099) --years N (10) --until yyyy-MM-dd (2026-11-23) --work DIR ($TMPDIR/probity-load)
                                 --reuse (keep the store from the last run) --no-build (use the existing Release build) --out FILE
                                 --mix cases|caseload (cases: case list and officer profiles; caseload: investigators, case
                                 handlers and supervisors on "My cases" and their caseload page)
                        """);
                    return null;
            }
        }
        return o;
    }

    public static string FindRepo()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Probity.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException("Run from inside the Probity repository (Probity.slnx not found).");
    }
}
