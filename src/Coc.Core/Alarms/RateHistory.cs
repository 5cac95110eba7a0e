namespace Coc.Core.Alarms;

/// <summary>
/// The recent values of one series for a rate-of-change rule, bounded whatever the sample rate: entries are
/// kept at least a 62nd of the window apart (a faster sample replaces the newest entry), so 64 slots cover it.
/// </summary>
internal sealed class RateHistory(TimeSpan window)
{
    private const int Capacity = 64;

    private readonly long[] _ticks = new long[Capacity];
    private readonly double[] _values = new double[Capacity];
    private readonly long _spacing = window.Ticks / (Capacity - 2);
    private readonly long _window = window.Ticks;
    private int _start;
    private int _count;

    /// <summary>
    /// Adds a sample and returns the change per minute across the window, or null while less than half the
    /// window is covered: two samples a second apart say nothing about a river's rise.
    /// </summary>
    public double? Add(DateTimeOffset timestamp, double value)
    {
        var ticks = timestamp.UtcTicks;
        if (_count >= 2 && ticks - _ticks[Slot(_count - 2)] < _spacing)
        {
            _ticks[Slot(_count - 1)] = ticks;
            _values[Slot(_count - 1)] = value;
        }
        else
        {
            if (_count == Capacity)
            {
                _start = (_start + 1) % Capacity;
                _count--;
            }
            _ticks[Slot(_count)] = ticks;
            _values[Slot(_count)] = value;
            _count++;
        }
        while (_count > 1 && _ticks[_start] < ticks - _window)
        {
            _start = (_start + 1) % Capacity;
            _count--;
        }
        var span = ticks - _ticks[_start];
        if (_count < 2 || span < _window / 2)
        {
            return null;
        }
        return (value - _values[_start]) / TimeSpan.FromTicks(span).TotalMinutes;
    }

    private int Slot(int offset) => (_start + offset) % Capacity;
}
