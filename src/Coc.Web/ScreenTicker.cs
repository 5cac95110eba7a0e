using Coc.Web.Localization;

namespace Coc.Web;

/// <summary>
/// One timer per circuit that ticks once a second, so tiles can age and turn stale even when
/// no sample arrives. Scoped: it lives and dies with the screen's circuit.
/// </summary>
public sealed class ScreenTicker : IDisposable
{
    private readonly ITimer _timer;
    private readonly CapturedCulture _culture = CapturedCulture.Current;
    private readonly object _gate = new();
    private Action[] _listeners = [];

    public ScreenTicker(TimeProvider time) =>
        _timer = time.CreateTimer(_ => Tick(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

    public int ListenerCount => _listeners.Length;

    public IDisposable Subscribe(Action onTick)
    {
        lock (_gate)
        {
            _listeners = [.. _listeners, onTick];
        }
        return new Unsubscriber(this, onTick);
    }

    private void Tick()
    {
        // The timer thread carries the process culture; listeners render in the circuit's.
        _culture.Apply();
        foreach (var listener in _listeners)
        {
            listener();
        }
    }

    private void Remove(Action onTick)
    {
        lock (_gate)
        {
            _listeners = [.. _listeners.Where(l => l != onTick)];
        }
    }

    public void Dispose() => _timer.Dispose();

    private sealed class Unsubscriber(ScreenTicker ticker, Action onTick) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                ticker.Remove(onTick);
            }
        }
    }
}
