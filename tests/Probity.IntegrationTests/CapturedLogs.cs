using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Probity.IntegrationTests;

/// <summary>
/// Every log line the host writes, at every level and from every category (the framework's included), kept in memory so
/// a test can say what the operations team would see, or prove what nobody can.
/// </summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    internal sealed record Entry(string Category, LogLevel Level, string Message, Exception? Exception);

    public ConcurrentQueue<Entry> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Entries);

    public void Dispose() { }

    private sealed class Logger(string category, ConcurrentQueue<Entry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new Entry(category, logLevel, formatter(state, exception), exception));
    }
}
