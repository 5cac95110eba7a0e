namespace Coc.Core.Complaints;

/// <summary>A complaint event as the wall saw it arrive.</summary>
public readonly record struct RecentComplaint(ComplaintEvent Event, DateTimeOffset ReceivedAt);

/// <summary>
/// The newest complaint events, for the wall's ticker: a bounded ring (the oldest falls out), with a
/// version and change callbacks a screen can follow. Thread-safe; memory is fixed by the capacity,
/// whatever the event rate, because kiosk circuits and the server run for weeks.
/// <para>
/// An event whose (source, id, status) was recorded recently is a redelivery (QoS 1, webhook retry)
/// and is not shown twice. The remembered keys are bounded too (<see cref="SeenFactor"/> × capacity).
/// </para>
/// </summary>
public sealed class RecentComplaints
{
    public const int DefaultCapacity = 100;

    /// <summary>Keys remembered per ring slot: duplicates arrive soon after the original, so this covers far more than is shown.</summary>
    public const int SeenFactor = 20;

    private readonly TimeProvider _time;
    private readonly RecentComplaint[] _ring;
    private readonly HashSet<(string Source, string Id, ComplaintStatus Status)> _seen = [];
    private readonly Queue<(string Source, string Id, ComplaintStatus Status)> _seenOrder = new();
    private readonly int _seenCapacity;
    private readonly Lock _lock = new();
    private readonly Lock _watchersGate = new();
    private Action[] _watchers = [];
    private int _next;
    private int _count;
    private long _version;

    public RecentComplaints(TimeProvider time, int capacity = DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _time = time;
        _ring = new RecentComplaint[capacity];
        _seenCapacity = capacity * SeenFactor;
    }

    public int Capacity => _ring.Length;

    /// <summary>Grows by one for every call that recorded something; a screen compares it to skip needless work.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>How many change callbacks are registered; tests use it to prove tiles unsubscribe.</summary>
    public int WatcherCount => Volatile.Read(ref _watchers).Length;

    /// <summary>Records accepted events in arrival order; returns how many were new (not redeliveries).</summary>
    public int Record(IEnumerable<ComplaintEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var now = _time.GetUtcNow();
        var added = 0;
        lock (_lock)
        {
            foreach (var e in events)
            {
                if (!Remember((e.Source, e.Id, e.Status)))
                {
                    continue;
                }
                _ring[_next] = new RecentComplaint(e, now);
                _next = (_next + 1) % _ring.Length;
                _count = Math.Min(_count + 1, _ring.Length);
                added++;
            }
            if (added > 0)
            {
                _version++;
            }
        }
        if (added > 0)
        {
            // Outside the lock: a callback may read Latest() right away.
            foreach (var watcher in Volatile.Read(ref _watchers))
            {
                watcher();
            }
        }
        return added;
    }

    /// <summary>Up to <paramref name="count"/> events, the most recently arrived first.</summary>
    public IReadOnlyList<RecentComplaint> Latest(int count)
    {
        lock (_lock)
        {
            var n = Math.Clamp(count, 0, _count);
            var result = new RecentComplaint[n];
            for (var i = 0; i < n; i++)
            {
                result[i] = _ring[(_next - 1 - i + _ring.Length) % _ring.Length];
            }
            return result;
        }
    }

    /// <summary>Calls <paramref name="onChanged"/> (on the recording thread) after events are recorded; dispose to stop.</summary>
    public IDisposable Watch(Action onChanged)
    {
        ArgumentNullException.ThrowIfNull(onChanged);
        lock (_watchersGate)
        {
            _watchers = [.. _watchers, onChanged];
        }
        return new Subscription(this, onChanged);
    }

    private bool Remember((string, string, ComplaintStatus) key)
    {
        if (!_seen.Add(key))
        {
            return false;
        }
        _seenOrder.Enqueue(key);
        if (_seenOrder.Count > _seenCapacity)
        {
            _seen.Remove(_seenOrder.Dequeue());
        }
        return true;
    }

    private void Unwatch(Action onChanged)
    {
        lock (_watchersGate)
        {
            _watchers = [.. _watchers.Where(w => w != onChanged)];
        }
    }

    private sealed class Subscription(RecentComplaints owner, Action onChanged) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Unwatch(onChanged);
            }
        }
    }
}
