namespace Coc.Web;

/// <summary>
/// The subscribers of a store that reloads files (walls, alarm rules): add one, get a handle that removes exactly
/// that subscription (the same callback may be subscribed twice), and tell them all after a change, one
/// subscriber's failure never keeping the others on the old content. Screens subscribe for weeks: dispose the handle.
/// </summary>
public sealed class ChangeWatchers(ILogger logger, string what)
{
    private readonly Lock _lock = new();
    private Action[] _watchers = [];

    public int Count => Volatile.Read(ref _watchers).Length;

    public IDisposable Add(Action onChanged)
    {
        lock (_lock)
        {
            _watchers = [.. _watchers, onChanged];
        }
        return new Subscription(this, onChanged);
    }

    public void Notify()
    {
        foreach (var watcher in Volatile.Read(ref _watchers))
        {
            try
            {
                watcher();
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "A {What} watcher failed", what);
            }
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _watchers = [];
        }
    }

    private void Remove(Action onChanged)
    {
        lock (_lock)
        {
            var at = Array.IndexOf(_watchers, onChanged);
            if (at >= 0)
            {
                _watchers = [.. _watchers[..at], .. _watchers[(at + 1)..]];
            }
        }
    }

    private sealed class Subscription(ChangeWatchers owner, Action onChanged) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Remove(onChanged);
            }
        }
    }
}
