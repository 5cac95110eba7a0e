using System.Diagnostics;

namespace Coc.Bench;

/// <summary>First arrival time of each sequence number; later copies are counted as duplicates.</summary>
public sealed class Arrivals(long total)
{
    private readonly long[] _at = new long[total];
    private long _count;
    private long _duplicates;

    public long Count => Interlocked.Read(ref _count);

    public long Duplicates => Interlocked.Read(ref _duplicates);

    public void Record(long seq)
    {
        var now = Stopwatch.GetTimestamp();
        if (seq < 0 || seq >= _at.Length)
        {
            return;
        }
        if (Interlocked.CompareExchange(ref _at[seq], now, 0) == 0)
        {
            Interlocked.Increment(ref _count);
        }
        else
        {
            Interlocked.Increment(ref _duplicates);
        }
    }

    public long? At(long seq) => _at[seq] is var t && t != 0 ? t : null;
}
