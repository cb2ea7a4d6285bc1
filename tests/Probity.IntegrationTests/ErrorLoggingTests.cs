using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Probity.IntegrationTests;

/// <summary>
/// What the operations team sees in the logs: a refusal (404 not found, 409 stale edit, 422 refused action) is an
/// answer, logged at Information without a stack trace, so a real fault (500) still stands out as an error.
/// </summary>
public sealed class ErrorLoggingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_refusal_is_logged_as_information_without_a_stack_trace_and_a_fault_as_an_error_with_one()
    {
        var logs = new CapturedLogs();
        await using var app = new FaultyProbityApp(logs);
        await app.InitialiseAsync();
        var handler = await app.SignInAsync("handler");

        Assert.Equal(HttpStatusCode.NotFound, (await handler.Http.GetAsync("/officers/no-such-officer", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await handler.Http.GetAsync("/api/cases/no-such-case", Ct)).StatusCode);
        var token = (await handler.Http.GetFromJsonAsync<JsonElement>("/api/antiforgery", Ct)).GetProperty("token").GetString()!;
        var refused = new HttpRequestMessage(HttpMethod.Post, "/api/cases")
        {
            Content = JsonContent.Create(new { caseType = "public_complaint", receivedOn = "2026-11-02", source = "public", locationUnitId = "bor-nowhere", summary = "x", allegations = Array.Empty<object>() }),
        };
        refused.Headers.Add("X-CSRF-TOKEN", token);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await handler.Http.SendAsync(refused, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, (await handler.Http.GetAsync(FaultyProbityApp.FaultPath, Ct)).StatusCode);

        var entries = logs.Entries.ToList();
        // No refusal reaches Warning or above, and none carries an exception (a stack trace).
        Assert.DoesNotContain(entries, e => e.Level >= LogLevel.Warning && (e.Message.Contains("no-such", StringComparison.Ordinal) || e.Message.Contains("bor-nowhere", StringComparison.Ordinal)));
        Assert.DoesNotContain(entries, e => e.Exception is Probity.Kernel.RecordNotFoundException or Probity.Kernel.ActionRefusedException);
        Assert.Contains(entries, e => e.Level == LogLevel.Information && e.Exception is null && e.Message.Contains("/officers/no-such-officer answered 404", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Level == LogLevel.Information && e.Exception is null && e.Message.Contains("/api/cases/no-such-case answered 404", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Level == LogLevel.Information && e.Exception is null && e.Message.Contains("answered 422", StringComparison.Ordinal) && e.Message.Contains("bor-nowhere", StringComparison.Ordinal));
        // A fault is still an error, with its exception.
        Assert.Contains(entries, e => e.Level == LogLevel.Error && e.Exception is InvalidOperationException { Message: FaultyProbityApp.FaultMessage });
    }

    /// <summary>The real host plus one path that fails the way a bug would (an unexpected exception), after every real endpoint.</summary>
    private sealed class FaultyProbityApp(ILoggerProvider logs) : IAsyncDisposable
    {
        public const string FaultPath = "/test/fault";
        public const string FaultMessage = "a fault no one expected";
        private readonly ProbityApp _app = new(Provider.Sqlite, demo: true, logs: logs, services: services => services.AddSingleton<IStartupFilter, FaultFilter>());

        public Task InitialiseAsync() => _app.InitialiseAsync();

        public Task<SignedInClient> SignInAsync(string user) => _app.SignInAsync(user);

        public ValueTask DisposeAsync() => _app.DisposeAsync();

        private sealed class FaultFilter : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                next(app);
                // Reached only when no endpoint matched, inside the real pipeline's exception handler.
                app.Use((ctx, nextMiddleware) => ctx.Request.Path == FaultPath ? throw new InvalidOperationException(FaultMessage) : nextMiddleware(ctx));
            };
        }
    }
}
