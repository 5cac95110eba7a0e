using Coc.Core.Live;
using Coc.Core.Series;
using Coc.Web.Cluster;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Coc.Web.Tests.Cluster;

public sealed class RedisLiveFanOutTests
{
    [Fact]
    public async Task Publish_QueueFullBecauseRedisIsSlowOrAway_DropsOldestCountedAndNeverWaits()
    {
        // Not started: nothing drains the queue, as when the first connection attempt is still under way.
        var options = Options.Create(new ClusterOptions { Redis = "127.0.0.1:1", ServerId = "coc-a", FanOutQueueBatches = 2 });
        await using var redis = new RedisConnection(options, TimeProvider.System, NullLogger<RedisConnection>.Instance);
        using var fanOut = new RedisLiveFanOut(redis, new LiveState(), new ClusterIdentity(options), options, TimeProvider.System, NullLogger<RedisLiveFanOut>.Instance);
        var series = SeriesKey.Create("rainfall", "mm", ("sensor", "uji"));

        for (var batch = 0; batch < 5; batch++)
        {
            fanOut.Publish([.. Enumerable.Range(0, 10).Select(i => new Sample(series, DateTimeOffset.UtcNow, batch * 10 + i))]);
        }

        Assert.Equal(2, fanOut.QueueDepth);
        Assert.Equal(30, fanOut.Counters.SamplesDropped);
        Assert.Equal(0, fanOut.Counters.SamplesPublished);
    }
}
