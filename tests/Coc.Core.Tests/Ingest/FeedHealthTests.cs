using Coc.Core.Ingest;
using Coc.Core.Series;

namespace Coc.Core.Tests.Ingest;

public sealed class FeedHealthTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 3, 0, 0, TimeSpan.Zero);
    private static readonly FeedHealthRules Rules = FeedHealthRules.Default;

    private static ParseResult Good(string feed, int samples)
    {
        var result = new ParseResult(feed);
        for (var i = 0; i < samples; i++)
        {
            result.Samples.Add(new Sample(SeriesKey.Create("pm25", "value", ("sensor", "s" + i)), T0, i));
        }
        return result;
    }

    private static ParseResult Bad(string feed, DateTimeOffset at)
    {
        var result = new ParseResult(feed);
        result.Rejections.Add(new Rejection(feed, RejectReason.MalformedJson, "bad", "topic", at));
        return result;
    }

    [Fact]
    public void Evaluate_NeverSent_Stale()
    {
        var stats = new FeedStats();

        Assert.Equal(FeedState.Stale, Rules.Evaluate(stats.For("sensors"), T0));
    }

    [Theory]
    [InlineData(0, FeedState.Live)]
    [InlineData(30, FeedState.Live)]
    [InlineData(31, FeedState.Quiet)]
    [InlineData(300, FeedState.Quiet)]
    [InlineData(301, FeedState.Stale)]
    public void Evaluate_AgeOfLastSample_LiveQuietStale(int secondsLater, FeedState expected)
    {
        var stats = new FeedStats();
        stats.Record(Good("sensors", 1), T0);

        Assert.Equal(expected, Rules.Evaluate(stats.For("sensors"), T0.AddSeconds(secondsLater)));
    }

    [Fact]
    public void Evaluate_MostlyRejectedInTheLastMinute_ErroringEvenIfASampleIsFresh()
    {
        var stats = new FeedStats();
        stats.Record(Good("atcs", 1), T0);
        stats.Record(Bad("atcs", T0), T0);

        Assert.Equal(FeedState.Erroring, Rules.Evaluate(stats.For("atcs"), T0.AddSeconds(1)));
    }

    [Fact]
    public void Evaluate_RejectionsOlderThanAMinute_BackToLiveWhenGoodDataFlows()
    {
        var stats = new FeedStats();
        stats.Record(Bad("atcs", T0), T0);
        stats.Record(Good("atcs", 3), T0.AddSeconds(61));

        Assert.Equal(FeedState.Live, Rules.Evaluate(stats.For("atcs"), T0.AddSeconds(62)));
    }

    [Fact]
    public void For_MoreFeedsThanTheLimit_ExtraNamesShareTheOverflowFeed()
    {
        var stats = new FeedStats(maxFeeds: 2);
        stats.Record(Good("a", 1), T0);
        stats.Record(Good("b", 1), T0);

        stats.Record(Good("c", 4), T0);
        stats.Record(Good("d", 5), T0);

        Assert.Equal([FeedStats.OverflowFeed, "a", "b"], stats.Feeds.Select(f => f.Feed).Order(StringComparer.Ordinal));
        Assert.Equal(9, stats.For(FeedStats.OverflowFeed).Accepted);
    }

    [Fact]
    public void Record_Accepted_CountsRateOverTheLastMinute()
    {
        var stats = new FeedStats();
        stats.Record(Good("sensors", 30), T0);
        stats.Record(Good("sensors", 30), T0.AddSeconds(10));

        Assert.Equal(1.0, stats.For("sensors").AcceptedPerSecond(T0.AddSeconds(20)));
        Assert.Equal(T0.AddSeconds(10), stats.For("sensors").LastSampleAt);
    }
}
