using System.Collections.Concurrent;

namespace Coc.Core.Ingest;

/// <summary>One feed's counters: totals, rates over the last minute, and when it last sent a good sample.</summary>
public sealed class FeedCounters(string feed)
{
    private readonly ConcurrentDictionary<string, long> _rejected = new(StringComparer.Ordinal);
    private readonly RateWindow _acceptedRate = new();
    private readonly RateWindow _rejectedRate = new();
    private long _accepted;
    private long _lastSampleTicks;

    public string Feed { get; } = feed;

    public long Accepted => Interlocked.Read(ref _accepted);

    public long RejectedTotal => _rejected.Values.Sum();

    public IReadOnlyDictionary<string, long> RejectedByReason => new Dictionary<string, long>(_rejected);

    public DateTimeOffset? LastSampleAt
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastSampleTicks);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    /// <summary>Samples accepted in the last minute.</summary>
    public long AcceptedLastMinute(DateTimeOffset now) => _acceptedRate.LastMinute(now);

    /// <summary>Inputs refused in the last minute.</summary>
    public long RejectedLastMinute(DateTimeOffset now) => _rejectedRate.LastMinute(now);

    /// <summary>Accepted samples per second, averaged over the last minute.</summary>
    public double AcceptedPerSecond(DateTimeOffset now) => _acceptedRate.PerSecond(now);

    internal void AddAccepted(int count, DateTimeOffset at)
    {
        Interlocked.Add(ref _accepted, count);
        Interlocked.Exchange(ref _lastSampleTicks, at.UtcTicks);
        _acceptedRate.Add(count, at);
    }

    internal void AddRejected(string reason, DateTimeOffset at)
    {
        _rejected.AddOrUpdate(reason, 1, static (_, n) => n + 1);
        _rejectedRate.Add(1, at);
    }
}
