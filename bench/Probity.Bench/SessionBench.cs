using System.Diagnostics;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Probity.Identity;
using Probity.Identity.Contracts;
using Probity.Identity.SignIn;
using Probity.Host;
using Probity.Database;

/// <summary>
/// What checking the session on every request costs: SessionCheck.ValidateAsync (the account's security stamp and
/// disabled flag, one primary-key read) run against a real store, as the cookie handler runs it for each request.
///   session [--checks 20000]   SQLite (a fresh file); PostgreSQL too if PROBITY_BENCH_POSTGRES is set
/// </summary>
internal static class SessionBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var checks = Array.IndexOf(args, "--checks") is >= 0 and var i && i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : 20_000;
        var file = Path.Combine(Path.GetTempPath(), $"probity-session-bench-{Guid.NewGuid():n}.db");
        await RunOneAsync("SQLite", $"Data Source={file}", checks);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in new[] { file, file + "-wal", file + "-shm" }) File.Delete(f);
        if (Environment.GetEnvironmentVariable("PROBITY_BENCH_POSTGRES") is { Length: > 0 } server)
        {
            var database = $"probity_session_bench_{Guid.NewGuid():n}";
            await using (var admin = new NpgsqlConnection(server))
            {
                await admin.OpenAsync();
                await new NpgsqlCommand($"CREATE DATABASE {database}", admin).ExecuteNonQueryAsync();
            }
            try
            {
                await RunOneAsync("PostgreSQL", new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString, checks);
            }
            finally
            {
                NpgsqlConnection.ClearAllPools();
                await using var admin = new NpgsqlConnection(server);
                await admin.OpenAsync();
                await new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin).ExecuteNonQueryAsync();
            }
        }
        return 0;
    }

    private static async Task RunOneAsync(string name, string connection, int checks)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Probity"] = connection, ["Probity:Keys:Folder"] = Path.Combine(Path.GetTempPath(), $"probity-session-bench-keys-{Guid.NewGuid():n}"),
            // A new store each run: its trail's checkpoints and head witness go with it, not into ./data.
            ["Probity:Audit:Checkpoints"] = Path.Combine(Path.GetTempPath(), $"probity-session-bench-checkpoints-{Guid.NewGuid():n}"),
        });
        builder.Services.AddProbityCore(builder.Configuration);
        builder.Services.AddIdentityCore<ProbityUser>().ConfigureIdentityOptions();
        using var host = builder.Build();
        await DatabaseSetup.MigrateAsync(host.Services);
        string id, stamp;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ProbityUser>>();
            var user = new ProbityUser { UserName = "bench", DisplayName = "bench" };
            await users.CreateAsync(user);
            (id, stamp) = (user.Id, user.SecurityStamp!);
        }
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, id), new Claim("AspNet.Identity.SecurityStamp", stamp), new Claim(ClaimTypes.AuthenticationMethod, SessionCheck.MultiFactor)],
            IdentityConstants.ApplicationScheme));
        var scheme = new AuthenticationScheme(IdentityConstants.ApplicationScheme, null, typeof(CookieAuthenticationHandler));
        async Task<bool> CheckAsync()
        {
            await using var scope = host.Services.CreateAsyncScope();
            var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
            var context = new CookieValidatePrincipalContext(http, scheme, new CookieAuthenticationOptions(), new AuthenticationTicket(principal, scheme.Name));
            await SessionCheck.ValidateAsync(context);
            return context.Principal is not null;
        }
        // What a request pays anyway: its scope and its DbContext (the check shares them with the page).
        async Task BaselineAsync()
        {
            await using var scope = host.Services.CreateAsyncScope();
            _ = scope.ServiceProvider.GetRequiredService<ProbityDb>().Model;
        }
        for (var w = 0; w < 500; w++)
        {
            if (!await CheckAsync()) throw new InvalidOperationException("The bench session was refused.");
            await BaselineAsync();
        }
        var clock = Stopwatch.StartNew();
        for (var n = 0; n < checks; n++) await BaselineAsync();
        var baseline = clock.Elapsed.TotalMilliseconds * 1000 / checks;
        clock.Restart();
        for (var n = 0; n < checks; n++) await CheckAsync();
        var total = clock.Elapsed.TotalMilliseconds * 1000 / checks;
        Console.WriteLine($"{name,-10} {checks:N0} checks: {total:F0} µs each with a new scope and DbContext, {baseline:F0} µs of it the scope and DbContext alone: the check adds {total - baseline:F0} µs per request");
    }
}
