using Coc.Core.Series;
using Coc.Storage;

namespace Coc.Ingest.Tests.Support;

/// <summary>
/// An <see cref="ITimeSeriesStore"/> that records each write, can be held shut on a gate
/// and can fail chosen writes. The subject of these tests is the writer's batching, not storage.
/// </summary>
internal sealed class RecordingStore : ITimeSeriesStore
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly Lock _lock = new();
    private readonly List<Sample[]> _attempts = [];
    private readonly List<Sample[]> _writes = [];
    private readonly List<(Func<bool> Condition, TaskCompletionSource Done)> _waiters = [];
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public RecordingStore(bool gateOpen = true)
    {
        if (gateOpen)
        {
            _gate.SetResult();
        }
    }

    /// <summary>Zero-based indexes of write calls that throw instead of storing.</summary>
    public HashSet<int> FailingWrites { get; init; } = [];

    /// <summary>Every call to <see cref="WriteAsync"/>, copied on entry (before the gate).</summary>
    public IReadOnlyList<Sample[]> Attempts
    {
        get
        {
            lock (_lock)
            {
                return [.. _attempts];
            }
        }
    }

    /// <summary>Batches that were stored, in the order they completed.</summary>
    public IReadOnlyList<Sample[]> Writes
    {
        get
        {
            lock (_lock)
            {
                return [.. _writes];
            }
        }
    }

    public IReadOnlyList<Sample> Written => [.. Writes.SelectMany(w => w)];

    public bool GateOpen => _gate.Task.IsCompleted;

    public void OpenGate() => _gate.TrySetResult();

    public async Task WriteAsync(IReadOnlyList<Sample> samples, CancellationToken cancellationToken = default)
    {
        // The writer reuses its buffer after the call returns: copy, as a real store would have persisted it.
        var copy = samples.ToArray();
        int index;
        lock (_lock)
        {
            index = _attempts.Count;
            _attempts.Add(copy);
            Signal();
        }
        await _gate.Task.WaitAsync(cancellationToken);
        if (FailingWrites.Contains(index))
        {
            throw new InvalidOperationException($"disk full (write {index})");
        }
        lock (_lock)
        {
            _writes.Add(copy);
            Signal();
        }
    }

    /// <summary>Completes once <paramref name="condition"/> holds; throws <see cref="TimeoutException"/> naming <paramref name="what"/> after 10 s.</summary>
    public async Task WaitUntilAsync(Func<RecordingStore, bool> condition, string what)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _waiters.Add((() => condition(this), done));
            Signal();
        }
        try
        {
            await done.Task.WaitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Timed out waiting for the store: {what} ({Attempts.Count} write calls, {Written.Count} samples stored)");
        }
    }

    public Task<IReadOnlyList<StoredPoint>> QueryAsync(SeriesKey series, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<IReadOnlyList<BucketPoint>> QueryBucketsAsync(SeriesKey series, DateTimeOffset from, DateTimeOffset to, TimeSpan bucket, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<StoredPoint?> LatestAsync(SeriesKey series, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<IReadOnlyList<SeriesKey>> ListSeriesAsync(CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    // Called under _lock; conditions read the public properties, which take the (re-entrant) lock again.
    private void Signal()
    {
        for (var i = _waiters.Count - 1; i >= 0; i--)
        {
            if (_waiters[i].Condition())
            {
                _waiters[i].Done.TrySetResult();
                _waiters.RemoveAt(i);
            }
        }
    }
}
