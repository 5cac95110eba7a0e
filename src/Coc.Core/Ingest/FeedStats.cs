using System.Collections.Concurrent;

namespace Coc.Core.Ingest;

/// <summary>Counts per feed: accepted samples, rejections by reason, last sample time, and the newest rejections.</summary>
public sealed class FeedStats
{
    private readonly ConcurrentDictionary<string, FeedCounters> _feeds = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Rejection> _recentRejections = new();
    private readonly int _keepRejections;

    public FeedStats(int keepRejections = 200) => _keepRejections = keepRejections;

    public void Record(ParseResult result, DateTimeOffset at)
    {
        var counters = For(result.Feed);
        if (result.Samples.Count > 0)
        {
            counters.AddAccepted(result.Samples.Count, at);
        }
        foreach (var rejection in result.Rejections)
        {
            counters.AddRejected(rejection.Reason);
            _recentRejections.Enqueue(rejection);
        }
        // Bounded: the newest rejections are the useful ones for an operator.
        while (_recentRejections.Count > _keepRejections && _recentRejections.TryDequeue(out _))
        {
        }
    }

    public FeedCounters For(string feed) => _feeds.GetOrAdd(feed, static f => new FeedCounters(f));

    public IReadOnlyCollection<FeedCounters> Feeds => _feeds.Values.OrderBy(f => f.Feed, StringComparer.Ordinal).ToArray();

    public IReadOnlyList<Rejection> RecentRejections => _recentRejections.Reverse().ToArray();
}

public sealed class FeedCounters(string feed)
{
    private readonly ConcurrentDictionary<string, long> _rejected = new(StringComparer.Ordinal);
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

    internal void AddAccepted(int count, DateTimeOffset at)
    {
        Interlocked.Add(ref _accepted, count);
        Interlocked.Exchange(ref _lastSampleTicks, at.UtcTicks);
    }

    internal void AddRejected(string reason) => _rejected.AddOrUpdate(reason, 1, static (_, n) => n + 1);
}
