namespace Coc.Core.Live;

/// <summary>
/// Subscribers of something that changes (a store that reloads files, the alarm board): adding returns a handle
/// that removes exactly that subscription (the same callback may be added twice), and readers take a snapshot
/// to call without a lock. Screens subscribe for weeks: the handle must be disposed.
/// </summary>
public sealed class WatcherList<T>
    where T : class
{
    private readonly Lock _lock = new();
    private T[] _watchers = [];

    /// <summary>The subscribers now; the array is never changed in place.</summary>
    public T[] Snapshot => Volatile.Read(ref _watchers);

    public int Count => Snapshot.Length;

    public IDisposable Add(T watcher)
    {
        ArgumentNullException.ThrowIfNull(watcher);
        lock (_lock)
        {
            _watchers = [.. _watchers, watcher];
        }
        return new Subscription(this, watcher);
    }

    public void Clear()
    {
        lock (_lock)
        {
            _watchers = [];
        }
    }

    private void Remove(T watcher)
    {
        lock (_lock)
        {
            var at = Array.IndexOf(_watchers, watcher);
            if (at >= 0)
            {
                _watchers = [.. _watchers[..at], .. _watchers[(at + 1)..]];
            }
        }
    }

    private sealed class Subscription(WatcherList<T> owner, T watcher) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Remove(watcher);
            }
        }
    }
}
