[assembly: AssemblyFixture(typeof(Probity.IntegrationTests.Apps))]

namespace Probity.IntegrationTests;

/// <summary>
/// One seeded host per provider, shared by the tests that only read or add their own cases (seeding the demo
/// force takes seconds). Tests that change global state (restrictions, the audit trail itself) make their own.
/// </summary>
public sealed class Apps : IAsyncDisposable
{
    private readonly Dictionary<Provider, Task<ProbityApp>> _apps = [];
    private readonly Lock _lock = new();

    public static TheoryData<Provider> Providers => new() { Provider.Sqlite, Provider.Postgres };

    public Task<ProbityApp> GetAsync(Provider provider)
    {
        if (provider == Provider.Postgres && ProbityApp.PostgresServer is null)
            Assert.Skip("PostgreSQL not available: set PROBITY_TEST_POSTGRES (bash .ci/run starts a server and sets it)");
        lock (_lock)
        {
            if (!_apps.TryGetValue(provider, out var app))
                _apps[provider] = app = CreateAsync(provider);
            return app;
        }
    }

    public static async Task<ProbityApp> CreateAsync(Provider provider, bool demo = true, IReadOnlyDictionary<string, string?>? settings = null,
        string environment = "Development", Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        if (provider == Provider.Postgres && ProbityApp.PostgresServer is null)
            Assert.Skip("PostgreSQL not available: set PROBITY_TEST_POSTGRES (bash .ci/run starts a server and sets it)");
        var app = new ProbityApp(provider, demo, settings, environment, services);
        await app.InitialiseAsync();
        return app;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps.Values)
            if (app.IsCompletedSuccessfully) await (await app).DisposeAsync();
        await DemoTemplate.DeleteAllAsync();
    }
}
