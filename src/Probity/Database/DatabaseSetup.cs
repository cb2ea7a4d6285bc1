using Probity.Identity.Contracts;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Probity.Infrastructure.Security;

namespace Probity.Database;

internal enum DatabaseProvider { Sqlite, Postgres }

/// <summary>Which store to use. SQLite (a file under ./data) unless a PostgreSQL connection string is configured.</summary>
internal sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string DefaultSqlite = "Data Source=data/probity.db";

    public static DatabaseSettings From(IConfiguration configuration)
    {
        var connection = configuration.GetConnectionString("Probity") ?? DefaultSqlite;
        var configured = configuration["Probity:Database:Provider"];
        var provider = configured is not null
            ? Enum.Parse<DatabaseProvider>(configured, ignoreCase: true)
            : connection.Contains("Host=", StringComparison.OrdinalIgnoreCase) ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
        return new DatabaseSettings(provider, connection);
    }
}

internal static class DatabaseSetup
{
    public static IServiceCollection AddProbityDatabase(this IServiceCollection services, DatabaseSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton<StoreChanges>();
        services.AddSingleton<StoreChanges.Interceptor>();
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            EnsureSqliteFolder(settings.ConnectionString);
            services.AddHostedService<WalCheckpointer>();
            services.AddDbContext<ProbityDb, SqliteProbityDb>((sp, o) => ConfigureSqlite(o, settings.ConnectionString).AddInterceptors(sp.GetRequiredService<StoreChanges.Interceptor>(), TrailHeadOnCommit.Instance));
        }
        else
        {
            services.AddDbContext<ProbityDb, PostgresProbityDb>((sp, o) => ConfigurePostgres(o, settings.ConnectionString).AddInterceptors(sp.GetRequiredService<StoreChanges.Interceptor>(), TrailHeadOnCommit.Instance));
        }
        return services;
    }

    internal static DbContextOptionsBuilder ConfigureSqlite(DbContextOptionsBuilder o, string connection) =>
        o.UseSqlite(connection, s => s.MigrationsHistoryTable("__migrations"))
         .AddInterceptors(SqlitePragmas.Instance);

    internal static DbContextOptionsBuilder ConfigurePostgres(DbContextOptionsBuilder o, string connection) =>
        o.UseNpgsql(connection, s => s.MigrationsHistoryTable("__migrations"));

    /// <summary>Brings the schema up to date. Each provider applies its own migrations.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        if (db.Database.IsSqlite())
        {
            // WAL lets readers carry on while the single writer commits; it is a property of the file, set once.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
        await db.Database.MigrateAsync(ct);
    }

    private static void EnsureSqliteFolder(string connection)
    {
        var file = new SqliteConnectionStringBuilder(connection).DataSource;
        if (string.IsNullOrEmpty(file) || file == ":memory:") return;
        var folder = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
    }

    /// <summary>Copies the SQLite write-ahead log into the database every few seconds, off the request path.</summary>
    internal sealed class WalCheckpointer(DatabaseSettings settings, ILogger<WalCheckpointer> log) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await using var connection = new SqliteConnection(settings.ConnectionString);
                    await connection.OpenAsync(stoppingToken);
                    await using var command = connection.CreateCommand();
                    // PASSIVE never waits for readers or writers; what it cannot copy now it copies next time.
                    command.CommandText = "PRAGMA busy_timeout=1000; PRAGMA wal_checkpoint(PASSIVE);";
                    await command.ExecuteNonQueryAsync(stoppingToken);
                }
                catch (SqliteException ex)
                {
                    log.LogWarning(ex, "WAL checkpoint failed; will retry");
                }
            }
        }
    }

    /// <summary>Per-connection SQLite settings: wait for the writer instead of failing, and fsync at checkpoints (safe under WAL).</summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public static readonly SqlitePragmas Instance = new();

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private static void Apply(DbConnection connection)
        {
            using var command = connection.CreateCommand();
            // No automatic checkpoints: the commit that crossed the threshold would copy the WAL into the database
            // while every request waiting on that commit (the audit trail's group commit) stalls. WalCheckpointer
            // checkpoints in the background instead.
            command.CommandText = "PRAGMA busy_timeout=10000; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA wal_autocheckpoint=0;";
            command.ExecuteNonQuery();
        }
    }
}

/// <summary>Used only by `dotnet ef migrations add --context SqliteProbityDb`.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteProbityDb>
{
    public SqliteProbityDb CreateDbContext(string[] args)
    {
        var o = new DbContextOptionsBuilder<SqliteProbityDb>();
        DatabaseSetup.ConfigureSqlite(o, "Data Source=design-time.db");
        return new SqliteProbityDb(o.Options, new CaseAccessScopeSource(new HttpContextAccessor(), new ScopeOverride()), DesignTime.Sealing);
    }
}

/// <summary>Used only by `dotnet ef migrations add --context PostgresProbityDb`.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresProbityDb>
{
    public PostgresProbityDb CreateDbContext(string[] args)
    {
        var o = new DbContextOptionsBuilder<PostgresProbityDb>();
        DatabaseSetup.ConfigurePostgres(o, "Host=127.0.0.1;Database=probity_design;Username=postgres");
        return new PostgresProbityDb(o.Options, new CaseAccessScopeSource(new HttpContextAccessor(), new ScopeOverride()), DesignTime.Sealing);
    }
}

/// <summary>Design-time contexts only build the model; they never write the trail, so their key folder is never created.</summary>
internal static class DesignTime
{
    public static readonly Probity.AuditTrail.AuditSealing Sealing =
        new(new KeyFolder(Path.Combine(Path.GetTempPath(), "probity-design-time-keys")), TimeProvider.System);
}
