using System.Collections.Concurrent;
using Coc.Core.Series;

namespace Coc.Core.Live;

/// <summary>
/// The latest value and a short window per series, plus who wants to hear about changes.
/// Watchers get only a signal ("this series moved"), never a queue of values: a slow
/// screen reads the newest state when it renders, so nothing here can grow without bound.
/// </summary>
public sealed class LiveState
{
    private readonly ConcurrentDictionary<SeriesKey, SeriesWindow> _series = new();
    private readonly ConcurrentDictionary<SeriesKey, WatcherList<Action<SeriesKey>>> _watchers = new();
    // Copy-on-write: read once per batch without a lock or a copy.
    private readonly WatcherList<Action<IReadOnlyList<Sample>>> _batchWatchers = new();
    private readonly int _windowCapacity;
    private readonly int _maxSeries;
    private long _seriesRefused;

    /// <param name="windowCapacity">Points kept per series.</param>
    /// <param name="maxSeries">
    /// Most series kept live. A device inventing new tags on every message must not grow memory
    /// without bound: beyond this, new series are still stored but not tracked live, and counted.
    /// </param>
    public LiveState(int windowCapacity = 3600, int maxSeries = 100_000)
    {
        _windowCapacity = windowCapacity;
        _maxSeries = maxSeries;
    }

    /// <summary>Samples of new series not tracked live because <c>maxSeries</c> was reached.</summary>
    public long SeriesRefused => Interlocked.Read(ref _seriesRefused);

    /// <summary>Callbacks that threw; they are isolated so one bad screen cannot stall ingest.</summary>
    public long WatcherFaults => Interlocked.Read(ref _watcherFaults);

    private long _watcherFaults;

    public int SeriesCount => _series.Count;

    public IEnumerable<SeriesKey> Keys => _series.Keys;

    public SeriesWindow? Get(SeriesKey key) => _series.TryGetValue(key, out var window) ? window : null;

    /// <summary>Applies a batch, then signals each changed series' watchers once and batch watchers once.</summary>
    public void Apply(IReadOnlyList<Sample> samples, DateTimeOffset receivedAt)
    {
        if (samples.Count == 0)
        {
            return;
        }
        var changed = new HashSet<SeriesKey>();
        foreach (var sample in samples)
        {
            if (!_series.TryGetValue(sample.Series, out var window))
            {
                if (_series.Count >= _maxSeries)
                {
                    Interlocked.Increment(ref _seriesRefused);
                    continue;
                }
                window = _series.GetOrAdd(sample.Series, _ => new SeriesWindow(_windowCapacity));
            }
            window.Add(new LivePoint(sample.Timestamp, sample.Value, receivedAt));
            changed.Add(sample.Series);
        }
        foreach (var key in changed)
        {
            if (_watchers.TryGetValue(key, out var list))
            {
                foreach (var callback in list.Snapshot)
                {
                    Invoke(callback, key);
                }
            }
        }
        foreach (var watcher in _batchWatchers.Snapshot)
        {
            try
            {
                watcher(samples);
            }
            catch (Exception)
            {
                Interlocked.Increment(ref _watcherFaults);
            }
        }
    }

    /// <summary>
    /// Calls <paramref name="onChanged"/> after any of <paramref name="keys"/> changes.
    /// Register before reading the current state, so no change falls between. Dispose to stop.
    /// </summary>
    public IDisposable Watch(IEnumerable<SeriesKey> keys, Action<SeriesKey> onChanged)
    {
        var subscriptions = keys.Distinct().Select(key => _watchers.GetOrAdd(key, _ => new()).Add(onChanged)).ToArray();
        return new Subscription(() =>
        {
            foreach (var subscription in subscriptions)
            {
                subscription.Dispose();
            }
        });
    }

    /// <summary>Sees every applied batch (for the hub broadcaster). Must not block.</summary>
    public IDisposable WatchAll(Action<IReadOnlyList<Sample>> onBatch)
    {
        return _batchWatchers.Add(onBatch);
    }

    /// <summary>How many per-series callbacks are registered; tests use it to prove screens unsubscribe.</summary>
    public int WatcherCount => _watchers.Values.Sum(w => w.Snapshot.Length);

    private void Invoke(Action<SeriesKey> callback, SeriesKey key)
    {
        try
        {
            callback(key);
        }
        catch (Exception)
        {
            Interlocked.Increment(ref _watcherFaults);
        }
    }


    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
