using Coc.Core.Ingest;
using Coc.Core.Series;

namespace Coc.Core.Tests.Ingest;

public class FeedStatsTests
{
    private static readonly DateTimeOffset At = new(2024, 6, 1, 10, 0, 0, TimeSpan.Zero);

    private static ParseResult Accepted(string feed, int count)
    {
        var result = new ParseResult(feed);
        for (var i = 0; i < count; i++)
        {
            result.Samples.Add(new Sample(SeriesKey.Create("atcs", "vehicles", ("intersection", $"i{i}")), At, i));
        }
        return result;
    }

    private static ParseResult Rejected(string feed, params string[] reasons)
    {
        var result = new ParseResult(feed);
        foreach (var reason in reasons)
        {
            result.Rejections.Add(new Rejection(feed, reason, $"detail {reason}", "coc/x", At));
        }
        return result;
    }

    [Fact]
    public void Record_AcceptedSamples_CountedPerFeedWithLastSampleTime()
    {
        var stats = new FeedStats();

        stats.Record(Accepted("atcs", 3), At);
        stats.Record(Accepted("atcs", 2), At.AddSeconds(5));
        stats.Record(Accepted("sensors", 1), At);

        Assert.Equal(5, stats.For("atcs").Accepted);
        Assert.Equal(At.AddSeconds(5), stats.For("atcs").LastSampleAt);
        Assert.Equal(1, stats.For("sensors").Accepted);
        Assert.Equal(0, stats.For("atcs").RejectedTotal);
    }

    [Fact]
    public void Record_Rejections_CountedPerFeedAndReason()
    {
        var stats = new FeedStats();

        stats.Record(Rejected("sensors", RejectReason.MalformedJson, RejectReason.NonNumericValue), At);
        stats.Record(Rejected("sensors", RejectReason.MalformedJson), At);
        stats.Record(Rejected("mqtt", RejectReason.UnknownTopic), At);

        var sensors = stats.For("sensors");
        Assert.Equal(3, sensors.RejectedTotal);
        Assert.Equal(2, sensors.RejectedByReason[RejectReason.MalformedJson]);
        Assert.Equal(1, sensors.RejectedByReason[RejectReason.NonNumericValue]);
        Assert.False(sensors.RejectedByReason.ContainsKey(RejectReason.UnknownTopic));
        Assert.Equal(1, stats.For("mqtt").RejectedByReason[RejectReason.UnknownTopic]);
        Assert.Equal(0, sensors.Accepted);
        Assert.Null(sensors.LastSampleAt);
    }

    [Fact]
    public void Record_MixedResult_CountsBothSides()
    {
        var stats = new FeedStats();
        var result = Accepted("atcs", 4);
        result.Rejections.Add(new Rejection("atcs", RejectReason.NonNumericValue, "field 'phase'", "coc/atcs/x", At));

        stats.Record(result, At);

        Assert.Equal(4, stats.For("atcs").Accepted);
        Assert.Equal(1, stats.For("atcs").RejectedTotal);
    }

    [Fact]
    public void Record_OnlyRejections_LastSampleTimeUnchanged()
    {
        var stats = new FeedStats();
        stats.Record(Accepted("atcs", 1), At);

        stats.Record(Rejected("atcs", RejectReason.EmptyPayload), At.AddMinutes(1));

        Assert.Equal(At, stats.For("atcs").LastSampleAt);
    }

    [Fact]
    public void Feeds_SeveralFeeds_SortedByName()
    {
        var stats = new FeedStats();
        stats.Record(Accepted("sensors", 1), At);
        stats.Record(Rejected("mqtt", RejectReason.UnknownTopic), At);
        stats.Record(Accepted("atcs", 1), At);

        Assert.Equal(["atcs", "mqtt", "sensors"], stats.Feeds.Select(f => f.Feed));
    }

    [Fact]
    public void RecentRejections_MoreThanKept_BoundedNewestFirst()
    {
        var stats = new FeedStats(keepRejections: 3);

        for (var i = 0; i < 10; i++)
        {
            var result = new ParseResult("sensors");
            result.Rejections.Add(new Rejection("sensors", RejectReason.MalformedJson, $"#{i}", "coc/x", At.AddSeconds(i)));
            stats.Record(result, At.AddSeconds(i));
        }

        Assert.Equal(["#9", "#8", "#7"], stats.RecentRejections.Select(r => r.Detail));
        Assert.Equal(10, stats.For("sensors").RejectedTotal);
    }

    [Fact]
    public void RecentRejections_ManyInOneResult_StillBounded()
    {
        var stats = new FeedStats(keepRejections: 2);

        stats.Record(Rejected("atcs", "a", "b", "c", "d"), At);

        Assert.Equal(["detail d", "detail c"], stats.RecentRejections.Select(r => r.Detail));
    }

    [Fact]
    public void RecentRejections_NoneRecorded_Empty()
    {
        var stats = new FeedStats();
        stats.Record(Accepted("atcs", 2), At);

        Assert.Empty(stats.RecentRejections);
    }
}
