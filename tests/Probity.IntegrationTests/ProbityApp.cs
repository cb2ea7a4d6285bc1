using Probity.Identity.Contracts;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Probity.Identity;

namespace Probity.IntegrationTests;

public enum Provider { Sqlite, Postgres }

/// <summary>
/// The real host on a real database: a fresh SQLite file, or a fresh database on the PostgreSQL server named by
/// PROBITY_TEST_POSTGRES (started by .ci/run). The demo force is generated into it (one year, fixed date, fixed
/// seed) so tests see a realistic store.
/// </summary>
public sealed class ProbityApp : WebApplicationFactory<Program>
{
    public const string Password = "Integration-Test-Password-1";
    public static readonly DateOnly DemoUntil = new(2010, 12, 31);
    public static string? PostgresServer => Environment.GetEnvironmentVariable("PROBITY_TEST_POSTGRES") is { Length: > 0 } server ? server : null;

    /// <summary>The ingest key every test host accepts on POST /api/access-events (configured as its SHA-256, label "tests").</summary>
    public const string IngestKey = "integration-test-ingest-key-0123456789";

    private readonly string _connection;
    private readonly string? _postgresDatabase;
    private readonly string? _sqliteFile;
    // Each host gets its own access-event store: DuckDB locks its catalog per process, and tests must not see each other's events.
    private readonly string _eventStore = Path.Combine(Path.GetTempPath(), $"probity-test-events-{Guid.NewGuid():n}");
    private readonly IReadOnlyDictionary<string, string?> _settings;
    // Keys kept outside the database (audit MAC, checkpoint signing, data protection): one folder per host.
    private readonly string _keys = Path.Combine(Path.GetTempPath(), $"probity-test-keys-{Guid.NewGuid():n}");
    private readonly string _checkpoints = Path.Combine(Path.GetTempPath(), $"probity-test-checkpoints-{Guid.NewGuid():n}");
    // Uploads wait in a folder the host owns and sweeps at start: one per host.
    private readonly string _uploads = Path.Combine(Path.GetTempPath(), $"probity-test-uploads-{Guid.NewGuid():n}");

    /// <summary>The host's upload folder (Probity:Uploads:Folder), unless a test chose its own.</summary>
    public string UploadFolder => _settings.TryGetValue(Probity.Infrastructure.Web.Uploads.FolderSetting, out var chosen) && chosen is not null ? chosen : _uploads;

    private readonly string _environment;
    private readonly Action<IServiceCollection>? _services;
    // Each person's authenticator app (the key shown at enrolment), handing out each code once and in order.
    private Authenticators? _authenticators;
    private readonly ConcurrentDictionary<string, Cookie> _sessions = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _signingIn = new(StringComparer.OrdinalIgnoreCase);

    public Provider Provider { get; }

    private readonly ILoggerProvider? _logs;

    /// <summary>Where clients send requests: https://probity.example/ outside Development (HSTS skips localhost).</summary>
    public Uri BaseAddress { get; }

    /// <param name="environment">The host environment; outside Development the host requires HTTPS (and clients use it).</param>
    /// <param name="services">Replaces services after the host's own (a fake clock, a counting password hasher, a startup filter adding a path that fails like a bug would).</param>
    /// <param name="logs">Also receives the host's logs (tests of what is logged).</param>
    public ProbityApp(Provider provider, bool demo = true, IReadOnlyDictionary<string, string?>? settings = null,
        string environment = "Development", Action<IServiceCollection>? services = null, ILoggerProvider? logs = null)
    {
        _logs = logs;
        Provider = provider;
        Demo = demo;
        _environment = environment;
        _services = services;
        BaseAddress = new Uri(environment == "Development" ? "http://localhost/" : "https://probity.example/");
        _settings = settings ?? new Dictionary<string, string?>();
        // Only a host whose demo force would come out the same may start from the run's copy of it.
        _fromTemplate = demo && _settings.Count == 0 && environment == "Development" && services is null && logs is null;
        if (provider == Provider.Sqlite)
        {
            _sqliteFile = Path.Combine(Path.GetTempPath(), $"probity-test-{Guid.NewGuid():n}.db");
            _connection = $"Data Source={_sqliteFile}";
        }
        else
        {
            var server = PostgresServer ?? throw new InvalidOperationException("PROBITY_TEST_POSTGRES is not set");
            _postgresDatabase = $"probity_test_{Guid.NewGuid():n}";
            // A host started from the template gets its database as a copy of the template's, in InitialiseAsync.
            if (!_fromTemplate)
            {
                using var admin = new NpgsqlConnection(server);
                admin.Open();
                using var create = new NpgsqlCommand($"CREATE DATABASE {_postgresDatabase}", admin);
                create.ExecuteNonQuery();
            }
            _connection = new NpgsqlConnectionStringBuilder(server) { Database = _postgresDatabase }.ConnectionString;
        }
    }

    public bool Demo { get; }

    private bool _fromTemplate;
    // The template itself: its store outlives its host, until the run ends (DemoTemplate.DeleteAllAsync).
    private bool _keepStore;

    /// <summary>
    /// The host that generates a provider's demo force once per run (<see cref="DemoTemplate"/>): started, stopped,
    /// and its store (database, key folder, event store, checkpoints) kept for the hosts that start from a copy.
    /// </summary>
    internal static async Task<DemoTemplate> GenerateTemplateAsync(Provider provider)
    {
        var app = new ProbityApp(provider) { _fromTemplate = false, _keepStore = true };
        await app.InitialiseAsync();
        await app.DisposeAsync();
        return new DemoTemplate(provider, app._sqliteFile, app._postgresDatabase, app._keys, app._eventStore, app._checkpoints);
    }

    /// <summary>The settings a command-line process needs to work on this host's store (passed as --Key=Value).</summary>
    public IReadOnlyList<(string Key, string Value)> CliSettings =>
    [
        ("ConnectionStrings:Probity", _connection), ("Probity:Database:Provider", Provider == Provider.Sqlite ? "sqlite" : "postgres"),
        ("Probity:Keys:Folder", _keys), ("Probity:AccessMonitoring:Store", _eventStore), ("Probity:Audit:Checkpoints", _checkpoints),
    ];

    /// <summary>The host's key folder (outside the database), for tests that verify the trail as an operator would.</summary>
    public string KeyFolder => _keys;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Probity", _connection);
        builder.UseSetting("Probity:Database:Provider", Provider == Provider.Sqlite ? "sqlite" : "postgres");
        builder.UseSetting("Probity:Demo:Enabled", Demo ? "true" : "false");
        builder.UseSetting("Probity:Demo:Years", "1");
        builder.UseSetting("Probity:Demo:Until", DemoUntil.ToString("yyyy-MM-dd"));
        builder.UseSetting("Probity:Demo:Password", Password);
        builder.UseSetting("Probity:WarmUp", "false");
        builder.UseSetting("Probity:AccessMonitoring:Store", _eventStore);
        builder.UseSetting("Probity:Keys:Folder", _keys);
        builder.UseSetting("Probity:Audit:Checkpoints", _checkpoints);
        builder.UseSetting(Probity.Infrastructure.Web.Uploads.FolderSetting, _uploads);
        // A small simulated audit log (the demo staff end at DemoUntil, so do the simulated days): enough for alerts of every kind.
        builder.UseSetting("Probity:Demo:AccessDays", "10");
        builder.UseSetting("Probity:Demo:AccessUsers", "300");
        builder.UseSetting("Probity:AccessMonitoring:IngestKeys:0", "tests:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(IngestKey))));
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        if (_logs is not null) builder.ConfigureLogging(l => l.AddProvider(_logs));
        builder.UseEnvironment(_environment);
        builder.ConfigureTestServices(services =>
        {
            services.AddTransient<IStartupFilter, TestClientAddress>();
            _services?.Invoke(services);
        });
    }

    /// <summary>Every client is its own machine: a random client address (TestServer has none), sent in a test-only header.</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.BaseAddress = BaseAddress;
        client.DefaultRequestHeaders.Add(TestClientAddress.Header, TestClientAddress.Random());
    }

    public TimeProvider Time => Services.GetRequiredService<TimeProvider>();

    /// <summary>Starts the host, migrates and seeds, exactly as Program does.</summary>
    public async Task InitialiseAsync()
    {
        if (_fromTemplate)
            await (await DemoTemplate.ForAsync(Provider)).CopyToAsync(_sqliteFile, _postgresDatabase, _keys, _eventStore, _checkpoints);
        _ = Server; // builds the host
        await Probity.Host.ProbityWeb.PrepareAsync(Services);
    }

    /// <summary>A scope acting as the platform itself, for arranging and inspecting data.</summary>
    public AsyncServiceScope SystemScope() => Services.CreateAsyncScope();

    /// <summary>Adds an account (password <see cref="Password"/>) as the command line would; it enrols its authenticator at first sign-in.</summary>
    public async Task AddUserAsync(string userName, string role, string? team = null)
    {
        await using var scope = SystemScope();
        await scope.ServiceProvider.GetRequiredService<DemoAccounts>().CreateAsync(userName, userName, role, team, Password);
    }

    /// <summary>The audit trail as stored, oldest first.</summary>
    internal async Task<List<Probity.AuditTrail.AuditEntry>> TrailAsync()
    {
        await using var scope = SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<Probity.Database.ProbityDb>();
        // Entries are committed before the request that wrote them answers, so this sees every answered request's.
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.AuditEntries.OrderBy(e => e.Sequence));
    }

    /// <summary>The trail's last sequence number now (0 when empty): a mark to read what a test's requests added after it.</summary>
    internal async Task<long> TrailSequenceAsync() => (await TrailAsync()).Select(e => e.Sequence).DefaultIfEmpty().Max();

    /// <summary>What <paramref name="actor"/> added to the trail after the mark <paramref name="after"/> (<see cref="TrailSequenceAsync"/>).</summary>
    internal async Task<List<Probity.AuditTrail.AuditEntry>> TrailSinceAsync(long after, string actor) =>
        [.. (await TrailAsync()).Where(e => e.Sequence > after && e.Actor == actor)];

    /// <summary>
    /// An HTTP client signed in as the given user through the real pages: password, then the authenticator's code (the
    /// first time, enrolment: the key is read from the enrolment page and the code computed from it, as an app would).
    /// The server accepts each code once, so a person signs in for real once per host; later calls get a new client
    /// (own cookies, own address) carrying that session. Tests that end a demo user's sessions use their own host or user.
    /// </summary>
    public async Task<SignedInClient> SignInAsync(string userName)
    {
        var gate = _signingIn.GetOrAdd(userName, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync();
        try
        {
            if (!_sessions.TryGetValue(userName, out var session))
            {
                var first = await SignInFreshAsync(userName);
                session = first.Cookies.GetCookies(BaseAddress)["probity.auth"] ?? throw new InvalidOperationException($"Sign-in as {userName} set no session cookie");
                _sessions[userName] = session;
                return first;
            }
            var client = NewClient();
            client.Cookies.Add(BaseAddress, new Cookie(session.Name, session.Value, "/"));
            return client;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>A new sign-in through every step (password, authenticator code or enrolment); fails unless it reaches a signed-in page.</summary>
    public async Task<SignedInClient> SignInFreshAsync(string userName, string password = Password, string? address = null)
    {
        var client = NewClient(address);
        var response = await client.PostFormAsync("/account/sign-in", new() { ["UserName"] = userName, ["Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in as {userName} failed: {response.StatusCode} {SignedInClient.Alert(await response.Content.ReadAsStringAsync())}");
        response = await client.SecondFactorAsync(this, userName, response);
        if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.OK) || client.Cookies.GetCookies(BaseAddress)["probity.auth"] is null)
            throw new InvalidOperationException($"Second factor for {userName} failed: {response.StatusCode} {SignedInClient.Alert(await response.Content.ReadAsStringAsync())}");
        return client;
    }

    /// <summary>A client with its own cookies and its own address (a random one unless given), not signed in.</summary>
    public SignedInClient NewClient(string? address = null)
    {
        var cookies = new CookieContainer();
        var http = CreateDefaultClient(new CookieContainerHandler(cookies));
        if (address is not null)
        {
            http.DefaultRequestHeaders.Remove(TestClientAddress.Header);
            http.DefaultRequestHeaders.Add(TestClientAddress.Header, address);
        }
        return new SignedInClient(http, cookies, http.DefaultRequestHeaders.GetValues(TestClientAddress.Header).Single());
    }

    /// <summary>
    /// Runs the real command line in its own process against this host's store and key folder. With
    /// <paramref name="asUser"/>, the verb acts as that account (--as), given its password and a fresh authenticator code
    /// the way an operator's script would (PROBITY_PASSWORD, PROBITY_TOTP).
    /// </summary>
    public Task<(int ExitCode, string Output)> RunCliAsync(string? asUser, params string[] args) =>
        asUser is null ? RunCliAsync(args, null, null) : UseCodeAsync(asUser, code => RunCliAsync(args, asUser, code));

    private async Task<(int ExitCode, string Output)> RunCliAsync(string[] args, string? asUser, string? code)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "probity.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        if (asUser is not null)
        {
            start.ArgumentList.Add("--as");
            start.ArgumentList.Add(asUser);
            start.Environment["PROBITY_PASSWORD"] = Password;
            start.Environment["PROBITY_TOTP"] = code;
        }
        foreach (var (key, value) in CliSettings) start.ArgumentList.Add($"--{key}={value}");
        using var process = System.Diagnostics.Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>The people's authenticator apps, on this host's clock.</summary>
    public Authenticators Authenticators => LazyInitializer.EnsureInitialized(ref _authenticators, () => new Authenticators(Time));

    /// <summary>Remembers a person's authenticator key, as their phone would after enrolment.</summary>
    public void RememberAuthenticator(string userName, string key) => Authenticators.Remember(userName, key);

    /// <summary>The code the person's authenticator app shows, never one already handed out (see <see cref="Authenticators"/>).</summary>
    public Task<string> NextCodeAsync(string userName) => Authenticators.NextCodeAsync(userName, () => StoredKeyAsync(userName));

    /// <summary>Sends the person's next code through <paramref name="use"/> before anyone else is given one.</summary>
    public Task<T> UseCodeAsync<T>(string userName, Func<string, Task<T>> use) => Authenticators.UseCodeAsync(userName, use, () => StoredKeyAsync(userName));

    private async Task<string> StoredKeyAsync(string userName)
    {
        await using var scope = SystemScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ProbityUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException($"No user {userName}");
        return await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException($"{userName} has no authenticator key");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_keepStore)
        {
            // Nothing may hold the template open while it is copied (PostgreSQL refuses a template with sessions).
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            NpgsqlConnection.ClearAllPools();
            return;
        }
        if (Directory.Exists(_eventStore)) Directory.Delete(_eventStore, recursive: true);
        if (Directory.Exists(_keys)) Directory.Delete(_keys, recursive: true);
        if (Directory.Exists(_checkpoints)) Directory.Delete(_checkpoints, recursive: true);
        if (Directory.Exists(_uploads)) Directory.Delete(_uploads, recursive: true);
        if (_sqliteFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" }) File.Delete(f);
        }
        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(PostgresServer);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresDatabase} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}

/// <summary>A client of the test host: its own cookies and client address, signed in or not.</summary>
public sealed partial class SignedInClient(HttpClient client, CookieContainer? cookies = null, string? address = null)
{
    public HttpClient Http { get; } = client;

    /// <summary>The client's cookie jar (the session cookie can be copied to another client or host from here).</summary>
    public CookieContainer Cookies { get; } = cookies ?? new CookieContainer();

    /// <summary>The address this client's requests come from, as the server sees it.</summary>
    public string? Address { get; } = address;

    public async Task<string> GetFormTokenAsync(string url)
    {
        var html = await Http.GetStringAsync(url);
        var match = TokenPattern().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException($"No antiforgery token on {url}");
    }

    public async Task<HttpResponseMessage> PostFormAsync(string url, Dictionary<string, string> fields, string? tokenFrom = null)
    {
        fields["__RequestVerificationToken"] = await GetFormTokenAsync(tokenFrom ?? url);
        return await Http.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    /// <summary>POSTs <paramref name="body"/> as JSON to the API, with the antiforgery header the API asks of a signed-in caller.</summary>
    public async Task<HttpResponseMessage> PostApiAsync(string path, object body, CancellationToken ct)
    {
        var token = (await Http.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/antiforgery", ct)).GetProperty("token").GetString()!;
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-CSRF-TOKEN", token);
        return await Http.SendAsync(request, ct);
    }

    /// <summary>After the password: enrols an authenticator (reading the key from the page) or types the current code.</summary>
    public async Task<HttpResponseMessage> SecondFactorAsync(ProbityApp app, string userName, HttpResponseMessage afterPassword)
    {
        var next = afterPassword.Headers.Location?.OriginalString;
        if (next == "/account/enrol")
        {
            var page = await Http.GetStringAsync("/account/enrol");
            app.RememberAuthenticator(userName, TestId(page, "authenticator-key") ?? throw new InvalidOperationException("No key on the enrolment page"));
            return await app.UseCodeAsync(userName, code => PostFormAsync("/account/enrol", new() { ["Code"] = code }));
        }
        if (next == "/account/two-factor")
            return await app.UseCodeAsync(userName, code => PostFormAsync("/account/two-factor", new() { ["Code"] = code }));
        return afterPassword;
    }

    /// <summary>The text of the element marked data-testid="<paramref name="testId"/>", decoded; null if absent.</summary>
    public static string? TestId(string html, string testId)
    {
        var match = Regex.Match(html, $"data-testid=\"{Regex.Escape(testId)}\"[^>]*>(.*?)</", RegexOptions.Singleline);
        return match.Success ? WebUtility.HtmlDecode(Regex.Replace(match.Groups[1].Value, "<[^>]+>", "")).Trim() : null;
    }

    /// <summary>The page's error or validation message, for failure messages and for comparing answers.</summary>
    public static string Alert(string html)
    {
        var match = Regex.Match(html, "class=\"[^\"]*validation-summary-errors[^\"]*\"[^>]*>(.*?)</div>", RegexOptions.Singleline);
        if (!match.Success) match = Regex.Match(html, "role=\"alert\"[^>]*>(.*?)</div>", RegexOptions.Singleline);
        return match.Success ? WebUtility.HtmlDecode(Regex.Replace(match.Groups[1].Value, "<[^>]+>", " ")).Trim() : "";
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

/// <summary>
/// Test-only: TestServer gives requests no client address, so each test client names one in a header, as if it were
/// a different machine. Only the test host has this filter; the real host never reads the header.
/// </summary>
public sealed class TestClientAddress : IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    public static string Random() => $"10.{System.Security.Cryptography.RandomNumberGenerator.GetInt32(256)}.{System.Security.Cryptography.RandomNumberGenerator.GetInt32(256)}.{System.Security.Cryptography.RandomNumberGenerator.GetInt32(1, 255)}";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var value) && IPAddress.TryParse(value, out var address))
                context.Connection.RemoteIpAddress = address;
            return nextMiddleware(context);
        });
        next(app);
    };
}
