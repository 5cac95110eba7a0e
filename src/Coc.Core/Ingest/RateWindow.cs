namespace Coc.Core.Ingest;

/// <summary>
/// Counts per second over the last minute, in 60 fixed buckets: a rate that needs no timer and
/// cannot grow. Thread-safe.
/// </summary>
public sealed class RateWindow
{
    public const int Seconds = 60;

    private readonly long[] _counts = new long[Seconds];
    private readonly long[] _secondOf = new long[Seconds];
    private readonly object _gate = new();

    public void Add(long count, DateTimeOffset at)
    {
        var second = at.ToUnixTimeSeconds();
        var slot = (int)(second % Seconds);
        lock (_gate)
        {
            if (_secondOf[slot] != second)
            {
                _secondOf[slot] = second;
                _counts[slot] = 0;
            }
            _counts[slot] += count;
        }
    }

    /// <summary>How many were added in the minute up to <paramref name="now"/>.</summary>
    public long LastMinute(DateTimeOffset now)
    {
        var current = now.ToUnixTimeSeconds();
        long total = 0;
        lock (_gate)
        {
            for (var i = 0; i < Seconds; i++)
            {
                if (current - _secondOf[i] is >= 0 and < Seconds)
                {
                    total += _counts[i];
                }
            }
        }
        return total;
    }

    /// <summary>Mean per second over the last minute.</summary>
    public double PerSecond(DateTimeOffset now) => LastMinute(now) / (double)Seconds;
}
