using Coc.Core.Series;
using Coc.Ingest.Tests.Support;
using Coc.Tests.Shared;

namespace Coc.Ingest.Tests;

/// <summary>E-TLE cameras and Telegraf's MQTT output (line protocol) through the embedded broker.</summary>
public sealed class EtleAndLineProtocolOverMqttTests
{
    [Fact]
    public async Task Publish_LineProtocolOnCocLp_EveryNumericFieldArrivesUnderThatFeed()
    {
        await using var app = await IngestHost.StartAsync();
        await using var device = await TestPublisher.ConnectAsync(app.Port);

        await device.PublishAsync("coc/lp/sensors", "water_level,sensor=pos-telegraf value=12.25\npm25,sensor=ispu-telegraf value=41i,status=\"ok\"");

        var water = SeriesKey.Create("water_level", "value", ("sensor", "pos-telegraf"));
        var pm25 = SeriesKey.Create("pm25", "value", ("sensor", "ispu-telegraf"));
        await Eventually.TrueAsync(() => app.Live.Get(pm25)?.Latest?.Value == 41, "pm25 from line protocol");
        Assert.Equal(12.25, app.Live.Get(water)!.Latest!.Value.Value);
        Assert.Equal(2, app.Stats.For("sensors").Accepted);
        // The string field is refused alone and counted.
        Assert.Equal(1, app.Stats.For("sensors").RejectedTotal);
    }

    [Fact]
    public async Task Publish_EtleViolation_ArrivesPerCameraAndType()
    {
        await using var app = await IngestHost.StartAsync();
        await using var device = await TestPublisher.ConnectAsync(app.Port);

        await device.PublishAsync("coc/etle/cam-tugu-keris", """{"ts": 1795402800000, "violations": 4, "type": "kecepatan"}""");

        var key = SeriesKey.Create("etle", "violations", ("camera", "cam-tugu-keris"), ("type", "kecepatan"));
        await Eventually.TrueAsync(() => app.Live.Get(key)?.Latest?.Value == 4, "the E-TLE count");
        Assert.Equal(1, app.Stats.For("etle").Accepted);
    }
}
