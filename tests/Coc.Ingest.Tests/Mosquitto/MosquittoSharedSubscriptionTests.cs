using System.Globalization;
using Coc.Ingest.Mqtt;
using Coc.Ingest.Tests.Support;
using Coc.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Coc.Ingest.Tests.Mosquitto;

/// <summary>
/// Two Coc servers on one real mosquitto: with <c>Coc:Mqtt:SharedSubscriptionGroup</c> the broker hands each message to one
/// of them, so every sample is stored once. Each message carries a unique value; half go to the <c>coc/...</c> contract and
/// half to a configured mapping's own topic, so both subscribed filters are checked.
/// </summary>
public class MosquittoSharedSubscriptionTests
{
    [Fact]
    public async Task SharedSubscriptionGroup_TwoServers_EveryMessageStoredExactlyOnceAcrossThem()
    {
        const int Messages = 400;
        await using var broker = await MosquittoBroker.StartAsync();
        await using var a = await StartServerAsync(broker, "coc-ingest-a", "coc-writers");
        await using var b = await StartServerAsync(broker, "coc-ingest-b", "coc-writers");
        await a.UntilReceivingAsync(broker);
        await b.UntilReceivingAsync(broker);

        await PublishAsync(broker, Messages);

        // Every value arrived somewhere; then no value may be there twice, and nothing else.
        await Eventually.TrueAsync(() => StoredValues(a).Concat(StoredValues(b)).Distinct().Count() == Messages,
            $"all {Messages} values stored by one server or the other");
        var atA = StoredValues(a);
        var atB = StoredValues(b);
        Assert.Empty(atA.Intersect(atB));
        Assert.Equal(Enumerable.Range(1, Messages).Select(i => (double)i), atA.Concat(atB).Order());
        Assert.Equal(Messages, Received(a) + Received(b));
        // Both took part: the broker shared the work instead of one server getting it all.
        Assert.NotEmpty(atA);
        Assert.NotEmpty(atB);
        Assert.Contains(atA, v => v % 2 == 1); // through the mapping's filter
        Assert.Contains(atB, v => v % 2 == 1);
    }

    [Fact]
    public async Task PlainSubscription_TwoServers_EachStoresEveryMessage()
    {
        const int Messages = 100;
        await using var broker = await MosquittoBroker.StartAsync();
        await using var a = await StartServerAsync(broker, "coc-ingest-a", group: null);
        await using var b = await StartServerAsync(broker, "coc-ingest-b", group: null);
        await a.UntilReceivingAsync(broker);
        await b.UntilReceivingAsync(broker);

        await PublishAsync(broker, Messages);

        // Without a group each server stores everything: two servers, two copies of every sample.
        await Eventually.TrueAsync(() => StoredValues(a).Count == Messages && StoredValues(b).Count == Messages, $"{Messages} values at each server");
        Assert.Equal(StoredValues(a).Order(), StoredValues(b).Order());
    }

    private static Task<IngestHost> StartServerAsync(MosquittoBroker broker, string clientId, string? group)
    {
        var settings = broker.IngestSettings(clientId);
        settings["Coc:Mqtt:SharedSubscriptionGroup"] = group;
        settings["Coc:Mqtt:Mappings:0:Name"] = "pos-pupr";
        settings["Coc:Mqtt:Mappings:0:Topic"] = "pupr/sungai/{pos}";
        settings["Coc:Mqtt:Mappings:0:Measurement"] = "water_level";
        settings["Coc:Mqtt:Mappings:0:Fields:value"] = "$.tma";
        return IngestHost.StartAsync(embeddedBroker: false, broker.Port, settings);
    }

    /// <summary>Values 1..<paramref name="count"/>: odd ones on a mapped topic, even ones on the contract, each acknowledged by the broker.</summary>
    private static async Task PublishAsync(MosquittoBroker broker, int count)
    {
        await using var device = await broker.ConnectDeviceAsync();
        for (var i = 1; i <= count; i++)
        {
            var value = i.ToString(CultureInfo.InvariantCulture);
            await (i % 2 == 1
                ? device.PublishAsync($"pupr/sungai/angso-duo-{i % 3}", $$"""{"tma": {{value}}}""")
                : device.PublishAsync($"coc/sensors/water_level/gauge-{i % 5}", value));
        }
    }

    private static List<double> StoredValues(IngestHost app) => [.. app.Store.Written.Where(s => s.Series.Measurement == "water_level").Select(s => s.Value)];

    private static long Received(IngestHost app) => app.Services.GetRequiredService<MqttMessageIngest>().MessagesReceived;
}
