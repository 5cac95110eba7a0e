using Coc.Tests.Shared;
using Coc.Core.Ingest;
using Coc.Core.Series;
using Coc.Ingest.Mqtt;
using Coc.Ingest.Tests.Support;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;

namespace Coc.Ingest.Tests;

/// <summary>End to end with real parts: embedded broker, ingest client, queue, pump and writer in a host built by <c>AddCocIngest()</c>.</summary>
public class MqttIngestClientTests
{
    private static readonly SeriesKey WaterLevel = SeriesKey.Create("water_level", "value", ("sensor", "batanghari-1"));
    private static readonly SeriesKey Vehicles = SeriesKey.Create("atcs", "vehicles", ("intersection", "simpang-kawat"));
    private static readonly SeriesKey Phase = SeriesKey.Create("atcs", "phase", ("intersection", "simpang-kawat"));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Publish_GoodAndBadPayloads_GoodFieldsArriveAndBadOnesAreCountedByReason(bool embeddedBroker)
    {
        var port = FreePort.Next();
        await using var external = embeddedBroker ? null : await ExternalBroker.StartAsync(port);
        await using var app = await IngestHost.StartAsync(embeddedBroker, port);
        await Eventually.TrueAsync(() => app.Client.IsReceiving, "MQTT ingest to be ready");
        Assert.Equal(HealthStatus.Healthy, await app.HealthAsync("mqtt-broker"));
        Assert.Equal(HealthStatus.Healthy, await app.HealthAsync("mqtt-ingest"));
        await using var device = await TestPublisher.ConnectAsync(app.Port);

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
        Assert.Equal(3, app.Services.GetRequiredService<MqttMessageIngest>().MessagesReceived);
        Assert.Equal([Vehicles, WaterLevel], app.Store.Written.Select(s => s.Series).OrderBy(k => k.Id));
    }

    [Fact]
    public async Task ExecuteAsync_ExternalBrokerRestarts_ReconnectsResubscribesAndReceivesAgain()
    {
        var port = FreePort.Next();
        var external = await ExternalBroker.StartAsync(port);
        await using var app = await IngestHost.StartAsync(embeddedBroker: false, port);
        await Eventually.TrueAsync(() => app.Client.IsReceiving, "the ingest client to subscribe");

        await external.DisposeAsync();
        await Eventually.TrueAsync(() => !app.Client.IsReceiving, "the ingest client to notice the broker is gone");
        Assert.Equal(HealthStatus.Unhealthy, await app.HealthAsync("mqtt-ingest"));

        await using var restarted = await ExternalBroker.StartAsync(port);
        await Eventually.TrueAsync(() => app.Client.IsReceiving, "the ingest client to reconnect to the restarted broker");
        Assert.Equal(HealthStatus.Healthy, await app.HealthAsync("mqtt-ingest"));

        // A fresh broker knows no subscriptions: the value only arrives if the client subscribed again.
        await using var device = await TestPublisher.ConnectAsync(app.Port);
        await device.PublishAsync("coc/sensors/water_level/batanghari-1", "287");
        await Eventually.TrueAsync(() => app.Live.Get(WaterLevel)?.Latest?.Value == 287, "water level = 287 after the reconnect");
    }

    [Fact]
    public async Task ExecuteAsync_BrokerRefusesOneSubscription_NotReceivingAndHealthNamesTheFilter()
    {
        // Mosquitto's acl_file grants every subscription and filters at delivery; EMQX and others refuse in the SUBACK.
        var port = FreePort.Next();
        await using var external = await ExternalBroker.StartAsync(port, refuseSubscription: filter => filter == "pupr/#");
        await using var app = await IngestHost.StartAsync(embeddedBroker: false, port, new Dictionary<string, string?>
        {
            ["Coc:Mqtt:Username"] = "coc-ingest",
            ["Coc:Mqtt:Mappings:0:Name"] = "pos-pupr",
            ["Coc:Mqtt:Mappings:0:Topic"] = "pupr/#",
            ["Coc:Mqtt:Mappings:0:Measurement"] = "water_level",
            ["Coc:Mqtt:Mappings:0:Fields:value"] = "$.tma",
        });

        await Eventually.TrueAsync(() => app.Client.LastError is not null, "the refused subscription to be reported");
        var health = await app.HealthEntryAsync("mqtt-ingest");

        // Half subscribed is not receiving: the coc/# feeds would flow while the mapped sensors silently never arrive.
        Assert.False(app.Client.IsReceiving);
        Assert.Equal(HealthStatus.Unhealthy, health.Status);
        Assert.Equal($"not connected to MQTT broker 127.0.0.1:{port}: the broker refused the subscription to 'pupr/#': NotAuthorized (check the broker's ACL for user 'coc-ingest')",
            health.Description);
    }

    [Fact]
    public async Task EmbeddedBroker_ConsumerBlocked_HoldsPublishersBackAndLosesNothing()
    {
        await using var app = await IngestHost.StartAsync(extra: new Dictionary<string, string?> { ["Coc:Ingest:QueueCapacity"] = "10" });
        using var gate = new ManualResetEventSlim(false);
        // The pump calls batch watchers inline: blocking one stalls the whole consumer side.
        using var block = app.Live.WatchAll(_ => gate.Wait(TimeSpan.FromSeconds(30)));
        var queue = app.Services.GetRequiredService<Coc.Ingest.Pipeline.IngestQueue>();
        await using var device = await TestPublisher.ConnectAsync(app.Port);
        const int Messages = 500;

        var publishes = Enumerable.Range(1, Messages)
            .Select(i => device.PublishAsync($"coc/sensors/water_level/flood-{i % 7}", i.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToArray();
        await Eventually.TrueAsync(() => queue.Depth == 10, "the ingest queue to fill up");
        var allAckedWhileBlocked = publishes.All(p => p.IsCompleted);
        gate.Set();
        await Task.WhenAll(publishes).WaitAsync(TimeSpan.FromSeconds(30));

        // PUBACKs waited for Coc: the broker never accepted more than Coc could queue...
        Assert.False(allAckedWhileBlocked);
        // ...and once the consumer moved again, every message arrived.
        await Eventually.TrueAsync(() => app.Stats.For(MqttTopicContract.SensorsFeed).Accepted == Messages, $"all {Messages} samples accepted");
        await app.Store.WaitUntilAsync(s => s.Written.Count == Messages, "all samples stored");
    }
}
