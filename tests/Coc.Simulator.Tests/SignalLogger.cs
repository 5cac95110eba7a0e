using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Coc.Simulator.Tests;

/// <summary>A logger that lets a test wait until an event id has been logged: a condition to wait on instead of a sleep.</summary>
internal sealed class SignalLogger<T> : ILogger<T>
{
    private readonly ConcurrentDictionary<int, TaskCompletionSource> _events = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Signal(eventId.Id).TrySetResult();

    public Task WaitForEventAsync(int eventId) => Signal(eventId).Task.WaitAsync(TestBroker.Timeout);

    /// <summary>Forgets an event seen before, to wait for its next occurrence.</summary>
    public void Reset(int eventId) => _events.TryRemove(eventId, out _);

    private TaskCompletionSource Signal(int eventId) =>
        _events.GetOrAdd(eventId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
