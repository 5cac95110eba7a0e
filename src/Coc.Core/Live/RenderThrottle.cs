namespace Coc.Core.Live;

/// <summary>
/// Coalesces bursts of signals into at most one run per interval, without delaying a lone
/// signal: the first signal after a quiet spell runs at once; signals within the interval
/// collapse into one run at the end of it.
/// </summary>
public sealed class RenderThrottle : IDisposable
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly Action _run;
    private readonly object _gate = new();
    private readonly ITimer _timer;
    private long _lastRunTicks = long.MinValue;
    private bool _pending;
    private bool _disposed;

    public RenderThrottle(TimeProvider time, TimeSpan interval, Action run)
    {
        _time = time;
        _interval = interval;
        _run = run;
        _timer = time.CreateTimer(_ => Fire(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public void Signal()
    {
        bool runNow;
        lock (_gate)
        {
            if (_disposed || _pending)
            {
                return;
            }
            var now = _time.GetTimestamp();
            var sinceLast = _lastRunTicks == long.MinValue ? TimeSpan.MaxValue : _time.GetElapsedTime(_lastRunTicks, now);
            runNow = sinceLast >= _interval;
            if (runNow)
            {
                _lastRunTicks = now;
            }
            else
            {
                _pending = true;
                _timer.Change(_interval - sinceLast, Timeout.InfiniteTimeSpan);
            }
        }
        if (runNow)
        {
            _run();
        }
    }

    private void Fire()
    {
        lock (_gate)
        {
            if (_disposed || !_pending)
            {
                return;
            }
            _pending = false;
            _lastRunTicks = _time.GetTimestamp();
        }
        _run();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }
        _timer.Dispose();
    }
}
