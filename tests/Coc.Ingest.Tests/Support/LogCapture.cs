using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Coc.Ingest.Tests.Support;

/// <summary>Keeps every log line of a host (all levels, with exceptions), to assert on what was logged and what never was.</summary>
internal sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Text)> _entries = new();

    public IReadOnlyList<(LogLevel Level, string Text)> Entries => [.. _entries];

    /// <summary>Everything logged, one entry a line: messages, their structured values and exceptions.</summary>
    public string All => string.Join('\n', _entries.Select(e => $"{e.Level}: {e.Text}"));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // The structured values too: a secret passed as a parameter but left out of the template would still be logged by some sinks.
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(", ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            capture._entries.Enqueue((logLevel, $"{category}: {formatter(state, exception)} [{values}] {exception}"));
        }
    }
}
