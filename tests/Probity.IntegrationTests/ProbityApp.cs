using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Probity.Infrastructure.Database;
using Probity.Infrastructure.Security;

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

    public Provider Provider { get; }

    private readonly ILoggerProvider? _logs;
    private readonly Action<IServiceCollection>? _configure;

    /// <param name="logs">also receives the host's logs (tests of what is logged)</param>
    /// <param name="configure">extra services (e.g. a startup filter adding a path that fails like a bug would)</param>
    public ProbityApp(Provider provider, bool demo = true, IReadOnlyDictionary<string, string?>? settings = null, ILoggerProvider? logs = null, Action<IServiceCollection>? configure = null)
    {
        _logs = logs;
        _configure = configure;
        Provider = provider;
        Demo = demo;
        _settings = settings ?? new Dictionary<string, string?>();
        if (provider == Provider.Sqlite)
        {
            _sqliteFile = Path.Combine(Path.GetTempPath(), $"probity-test-{Guid.NewGuid():n}.db");
            _connection = $"Data Source={_sqliteFile}";
        }
        else
        {
            var server = PostgresServer ?? throw new InvalidOperationException("PROBITY_TEST_POSTGRES is not set");
            _postgresDatabase = $"probity_test_{Guid.NewGuid():n}";
            using (var admin = new NpgsqlConnection(server))
            {
                admin.Open();
                using var create = new NpgsqlCommand($"CREATE DATABASE {_postgresDatabase}", admin);
                create.ExecuteNonQuery();
            }
            _connection = new NpgsqlConnectionStringBuilder(server) { Database = _postgresDatabase }.ConnectionString;
        }
    }

    public bool Demo { get; }

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
        if (_configure is not null) builder.ConfigureServices(_configure);
        builder.UseEnvironment("Development");
    }

    /// <summary>Starts the host, migrates and seeds, exactly as Program does.</summary>
    public async Task InitialiseAsync()
    {
        _ = Server; // builds the host
        await Probity.Infrastructure.Web.ProbityWeb.PrepareAsync(Services);
    }

    /// <summary>A scope acting as the platform itself, for arranging and inspecting data.</summary>
    public AsyncServiceScope SystemScope() => Services.CreateAsyncScope();

    /// <summary>An HTTP client signed in as the given user through the real sign-in page (cookie + antiforgery).</summary>
    public async Task<SignedInClient> SignInAsync(string userName)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var signed = new SignedInClient(client);
        var form = await signed.GetFormTokenAsync("/account/sign-in");
        var response = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName, ["Password"] = Password, ["__RequestVerificationToken"] = form,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in as {userName} failed: {response.StatusCode}");
        return signed;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
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

public sealed partial class SignedInClient(HttpClient client)
{
    public HttpClient Http { get; } = client;

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

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
