using Coc.Core.Ingest;
using Coc.Core.Series;
using Coc.Ingest.Mqtt;
using Coc.Ingest.Tests.Support;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Coc.Ingest.Tests;

/// <summary>End to end with real parts: embedded broker, ingest client, queue, pump and writer in a host built by <c>AddCocIngest()</c>.</summary>
public class MqttIngestClientTests
{
    private static readonly SeriesKey WaterLevel = SeriesKey.Create("water_level", "value", ("sensor", "batanghari-1"));
    private static readonly SeriesKey Vehicles = SeriesKey.Create("atcs", "vehicles", ("intersection", "simpang-kawat"));
    private static readonly SeriesKey Phase = SeriesKey.Create("atcs", "phase", ("intersection", "simpang-kawat"));

    [Fact]
    public async Task Publish_GoodAndBadPayloads_GoodFieldsArriveAndBadOnesAreCountedByReason()
    {
        await using var app = await IngestHost.StartAsync();
        await Eventually.TrueAsync(() => app.Client.IsConnected, "the ingest client to connect");
        Assert.Equal(HealthStatus.Healthy, await app.HealthAsync("mqtt-broker"));
        Assert.Equal(HealthStatus.Healthy, await app.HealthAsync("mqtt-ingest"));
        await using var device = await TestDevice.ConnectAsync(app.Port);

        await device.PublishAsync("coc/sensors/water_level/batanghari-1", "312.5");
        await device.PublishAsync("coc/atcs/simpang-kawat", "{vehicles: oops");
        await device.PublishAsync("coc/atcs/simpang-kawat", """{"vehicles": 42, "phase": "red"}""");

        await Eventually.TrueAsync(() => app.Live.Get(Vehicles)?.Latest?.Value == 42, "atcs vehicles = 42 on the live state");
        await Eventually.TrueAsync(() => app.Live.Get(WaterLevel)?.Latest?.Value == 312.5, "water level = 312.5 on the live state");
        await app.Store.WaitUntilAsync(s => s.Written.Count >= 2, "both good samples stored");
        var atcs = app.Stats.For(MqttTopicContract.AtcsFeed);
        await Eventually.TrueAsync(() => atcs.RejectedTotal == 2, "both atcs rejections counted");
        Assert.Null(app.Live.Get(Phase));
        Assert.Equal(1, atcs.Accepted);
        Assert.Equal(new Dictionary<string, long> { [RejectReason.MalformedJson] = 1, [RejectReason.NonNumericValue] = 1 },
            atcs.RejectedByReason.OrderBy(r => r.Key).ToDictionary());
        Assert.Equal(1, app.Stats.For(MqttTopicContract.SensorsFeed).Accepted);
        Assert.Equal(3, app.Client.MessagesReceived);
        Assert.Equal([Vehicles, WaterLevel], app.Store.Written.Select(s => s.Series).OrderBy(k => k.Id));
    }

    [Fact]
    public async Task ExecuteAsync_BrokerRestarts_ReconnectsResubscribesAndReceivesAgain()
    {
        await using var app = await IngestHost.StartAsync();
        await Eventually.TrueAsync(() => app.Client.IsConnected, "the ingest client to connect");

        await app.Broker.StopAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => !app.Client.IsConnected, "the ingest client to notice the broker is gone");
        Assert.Equal(HealthStatus.Unhealthy, await app.HealthAsync("mqtt-broker"));
        Assert.Equal(HealthStatus.Unhealthy, await app.HealthAsync("mqtt-ingest"));

        await using var restarted = new EmbeddedBroker(app.Services.GetRequiredService<IOptions<MqttOptions>>(), NullLogger<EmbeddedBroker>.Instance);
        try
        {
            await restarted.StartAsync(CancellationToken.None);
            Assert.Equal(HealthStatus.Healthy, (await restarted.CheckHealthAsync(new HealthCheckContext())).Status);
            await Eventually.TrueAsync(() => app.Client.IsConnected, "the ingest client to reconnect to the restarted broker");
            Assert.Equal(HealthStatus.Healthy, await app.HealthAsync("mqtt-ingest"));

            // A fresh broker knows no subscriptions: the value only arrives if the client subscribed again.
            await using var device = await TestDevice.ConnectAsync(app.Port);
            await device.PublishAsync("coc/sensors/water_level/batanghari-1", "287");
            await Eventually.TrueAsync(() => app.Live.Get(WaterLevel)?.Latest?.Value == 287, "water level = 287 after the reconnect");
        }
        finally
        {
            await restarted.StopAsync(CancellationToken.None);
        }
    }
}
