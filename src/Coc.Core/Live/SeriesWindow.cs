namespace Coc.Core.Live;

/// <summary>
/// The latest value of one series and a bounded rolling window of recent points, oldest first.
/// Thread-safe; writers are the ingest pump, readers are tiles and the hub.
/// </summary>
public sealed class SeriesWindow
{
    private readonly LivePoint[] _ring;
    private readonly object _gate = new();
    private int _start;
    private int _count;
    // Read under the lock too: both are multi-word structs, so an unlocked read could tear while a writer stores.
    private LivePoint? _latest;
    private DateTimeOffset? _lastArrival;

    public SeriesWindow(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new LivePoint[capacity];
    }

    /// <summary>Latest point by sample time, or null before the first sample.</summary>
    public LivePoint? Latest
    {
        get
        {
            lock (_gate)
            {
                return _latest;
            }
        }
    }

    /// <summary>When the last sample of any age arrived; staleness is judged on this.</summary>
    public DateTimeOffset? LastArrival
    {
        get
        {
            lock (_gate)
            {
                return _lastArrival;
            }
        }
    }

    public void Add(LivePoint point)
    {
        lock (_gate)
        {
            _lastArrival = point.ReceivedAt;
            // Late samples are stored but not drawn: the live window only grows forward in time.
            if (_latest is { } latest && point.Timestamp < latest.Timestamp)
            {
                return;
            }
            _latest = point;
            var end = (_start + _count) % _ring.Length;
            _ring[end] = point;
            if (_count == _ring.Length)
            {
                _start = (_start + 1) % _ring.Length;
            }
            else
            {
                _count++;
            }
        }
    }

    /// <summary>The oldest point in the window with a sample time after <paramref name="after"/>, without copying the window.</summary>
    public LivePoint? FirstAfter(DateTimeOffset after)
    {
        lock (_gate)
        {
            for (var i = 0; i < _count; i++)
            {
                var p = _ring[(_start + i) % _ring.Length];
                if (p.Timestamp > after)
                {
                    return p;
                }
            }
            return null;
        }
    }

    /// <summary>
    /// Where the newest run of points that all satisfy <paramref name="holds"/> begins (e.g. since when a
    /// value has been over a threshold); null when the newest point does not. Walks back without copying.
    /// </summary>
    public DateTimeOffset? RunStart(Func<double, bool> holds)
    {
        lock (_gate)
        {
            DateTimeOffset? start = null;
            for (var i = _count - 1; i >= 0; i--)
            {
                var p = _ring[(_start + i) % _ring.Length];
                if (!holds(p.Value))
                {
                    break;
                }
                start = p.Timestamp;
            }
            return start;
        }
    }

    /// <summary>Copies the window's points with a sample time after <paramref name="after"/>, oldest first.</summary>
    public List<LivePoint> PointsAfter(DateTimeOffset after)
    {
        lock (_gate)
        {
            var result = new List<LivePoint>();
            for (var i = 0; i < _count; i++)
            {
                var p = _ring[(_start + i) % _ring.Length];
                if (p.Timestamp > after)
                {
                    result.Add(p);
                }
            }
            return result;
        }
    }
}
