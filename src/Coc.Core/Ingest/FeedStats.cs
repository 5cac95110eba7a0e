using System.Collections.Concurrent;

namespace Coc.Core.Ingest;

/// <summary>Counts per feed: accepted samples, rejections by reason, last sample time, and the newest rejections.</summary>
public sealed class FeedStats
{
    private readonly ConcurrentDictionary<string, FeedCounters> _feeds = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Rejection> _recentRejections = new();
    private readonly int _keepRejections;
    private readonly int _maxFeeds;

    /// <param name="keepRejections">Newest rejections kept for operators to read.</param>
    /// <param name="maxFeeds">Feeds counted separately; further feed names (e.g. from a misconfigured client) share <see cref="OverflowFeed"/>.</param>
    public FeedStats(int keepRejections = 200, int maxFeeds = 1_000)
    {
        _keepRejections = keepRejections;
        _maxFeeds = maxFeeds;
    }

    /// <summary>Where feeds beyond the limit are counted, so names sent by clients cannot grow memory.</summary>
    public const string OverflowFeed = "(lainnya)";

    public void Record(ParseResult result, DateTimeOffset at)
    {
        var counters = For(result.Feed);
        if (result.Samples.Count > 0)
        {
            counters.AddAccepted(result.Samples.Count, at);
        }
        foreach (var rejection in result.Rejections)
        {
            counters.AddRejected(rejection.Reason, at);
            _recentRejections.Enqueue(rejection);
        }
        // Bounded: the newest rejections are the useful ones for an operator.
        while (_recentRejections.Count > _keepRejections && _recentRejections.TryDequeue(out _))
        {
        }
    }

    public FeedCounters For(string feed)
    {
        if (_feeds.TryGetValue(feed, out var counters))
        {
            return counters;
        }
        return _feeds.Count >= _maxFeeds
            ? _feeds.GetOrAdd(OverflowFeed, static f => new FeedCounters(f))
            : _feeds.GetOrAdd(feed, static f => new FeedCounters(f));
    }

    public IReadOnlyCollection<FeedCounters> Feeds => _feeds.Values.OrderBy(f => f.Feed, StringComparer.Ordinal).ToArray();

    public IReadOnlyList<Rejection> RecentRejections => _recentRejections.Reverse().ToArray();
}
