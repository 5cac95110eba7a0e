using System.Diagnostics;

namespace Coc.Bench;

/// <summary>
/// A fixed-rate schedule on the Stopwatch clock: message i is due at start + i / rate, so a late
/// wake-up never shifts later messages (no drift). Waits in ~1 ms sleeps rather than spinning, so
/// on a small machine the bench leaves the cores to the app; messages due within one sleep go together.
/// </summary>
public sealed class Pacer(double messagesPerSecond, long lagFrom = 0)
{
    private readonly double _ticksPerMessage = Stopwatch.Frequency / messagesPerSecond;
    private long _start;

    /// <summary>Largest delay between a message's due time and its slot being granted, in ms, from message <c>lagFrom</c> on (after any warm-up).</summary>
    public double MaxLagMs { get; private set; }

    public void Start() => _start = Stopwatch.GetTimestamp();

    public async ValueTask WaitForSlotAsync(long index, CancellationToken cancellationToken)
    {
        var due = _start + (long)(index * _ticksPerMessage);
        // Bounded: each pass sleeps at least 1 ms and the due time is fixed.
        while (Stopwatch.GetTimestamp() < due)
        {
            await Task.Delay(1, cancellationToken);
        }
        if (index >= lagFrom)
        {
            MaxLagMs = Math.Max(MaxLagMs, Stopwatch.GetElapsedTime(due).TotalMilliseconds);
        }
    }
}
