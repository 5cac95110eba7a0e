using Coc.Core.Ingest;
using Coc.Core.Series;
using Coc.Ingest.Mqtt;
using Coc.Ingest.Tests.Support;
using Coc.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Coc.Ingest.Tests;

public class MqttPayloadLimitTests
{
    [Fact]
    public async Task Publish_OverMaxPayloadBytes_RefusedAndCountedWhileTheNextMessageFlows()
    {
        var port = FreePort.Next();
        var options = new MqttOptions { Port = port, AllowAnonymous = true, MaxPayloadBytes = 1024 };
        await using var pipeline = new TestPipeline(new RecordingStore(), new Coc.Ingest.Pipeline.IngestOptions());
        await pipeline.StartAsync();
        var ingest = new MqttMessageIngest(pipeline.Queue, TimeProvider.System, Options.Create(options), NullLogger<MqttMessageIngest>.Instance);
        await using var broker = new EmbeddedBroker(Options.Create(options), ingest, NullLogger<EmbeddedBroker>.Instance);
        await broker.StartAsync(CancellationToken.None);
        await using var device = await TestPublisher.ConnectAsync(port);

        await device.PublishAsync("coc/sensors/rainfall/arr-1", "{\"value\": 1, \"pad\": \"" + new string('x', 2000) + "\"}");
        await device.PublishAsync("coc/sensors/rainfall/arr-1", "{\"value\": 2.5}");

        var key = SeriesKey.Create("rainfall", "value", ("sensor", "arr-1"));
        await Eventually.TrueAsync(() => pipeline.Live.Get(key)?.Latest?.Value == 2.5, "the small message in live state");
        Assert.Single(pipeline.Live.Get(key)!.PointsAfter(DateTimeOffset.MinValue));
        var refused = Assert.Single(pipeline.Stats.RecentRejections);
        Assert.Equal(RejectReason.PayloadTooLarge, refused.Reason);
        Assert.Equal("sensors", refused.Feed);
        Assert.Contains("over Coc:Mqtt:MaxPayloadBytes (1024)", refused.Detail, StringComparison.Ordinal);
        await broker.StopAsync(CancellationToken.None);
    }
}
