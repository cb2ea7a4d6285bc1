[assembly: AssemblyFixture(typeof(Probity.IntegrationTests.Apps))]

namespace Probity.IntegrationTests;

/// <summary>
/// One seeded host per provider, made on first use and kept until disposed. <see cref="Apps"/> is the run's (shared by
/// the tests that only read or add their own cases; seeding the demo force takes seconds); a class whose figures other
/// tests' additions would move (a new borough while a report runs) takes its own as a class fixture.
/// </summary>
public class HostsByProvider : IAsyncDisposable
{
    private readonly Dictionary<Provider, Task<ProbityApp>> _apps = [];
    private readonly Lock _lock = new();

    public Task<ProbityApp> GetAsync(Provider provider)
    {
        if (provider == Provider.Postgres && ProbityApp.PostgresServer is null)
            Assert.Skip("PostgreSQL not available: set PROBITY_TEST_POSTGRES (bash .ci/run starts a server and sets it)");
        lock (_lock)
        {
            if (!_apps.TryGetValue(provider, out var app))
                _apps[provider] = app = Apps.CreateAsync(provider);
            return app;
        }
    }

    public virtual async ValueTask DisposeAsync()
    {
        foreach (var app in _apps.Values)
            if (app.IsCompletedSuccessfully) await (await app).DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>
/// The run's seeded hosts, shared by the tests that only read or add their own cases. Tests that change global state
/// (restrictions, the audit trail itself) make their own.
/// </summary>
public sealed class Apps : HostsByProvider
{
    public static TheoryData<Provider> Providers => new() { Provider.Sqlite, Provider.Postgres };

    public static async Task<ProbityApp> CreateAsync(Provider provider, bool demo = true, IReadOnlyDictionary<string, string?>? settings = null,
        string environment = "Development", Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        if (provider == Provider.Postgres && ProbityApp.PostgresServer is null)
            Assert.Skip("PostgreSQL not available: set PROBITY_TEST_POSTGRES (bash .ci/run starts a server and sets it)");
        var app = new ProbityApp(provider, demo, settings, environment, services);
        await app.InitialiseAsync();
        return app;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await DemoTemplate.DeleteAllAsync();
    }
}
