using System.Globalization;
using Coc.Core.Series;
using Coc.Ingest.Pipeline;
using Coc.Ingest.Tests.Support;
using Coc.Tests.Shared;
using Coc.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Coc.Web.Tests.Cluster.ClusterProbe;

namespace Coc.Web.Tests.Cluster;

/// <summary>
/// The production topology of docker-compose.yml on loopback, with Debian's servers: a real mosquitto
/// (devices publish there), a real redis-server, a real influxd, and two Coc servers in one MQTT
/// shared-subscription group. One device publishes; every sample must be stored exactly once across
/// the two servers and be in InfluxDB, while the live state (what screens draw) and the hub clients of
/// both servers get every sample.
/// </summary>
public sealed class CityTopologyTests : IAsyncLifetime
{
    private const string Group = "coc-writers";
    private const string Database = "coc";
    private readonly TempFolder _spools = new();
    private MosquittoBroker _mosquitto = default!;
    private RedisServer _redis = default!;
    private InfluxServer _influx = default!;
    private ClusterAppFactory _a = default!;
    private ClusterAppFactory _b = default!;

    public async Task InitializeAsync()
    {
        _mosquitto = await MosquittoBroker.StartAsync();
        _redis = await RedisServer.StartNewAsync();
        _influx = await InfluxServer.StartAsync();
        // Made here, not only by the servers' first write: the test's own count query may come first.
        await _influx.ExecuteAsync($"CREATE DATABASE \"{Database}\"");
        _a = new ClusterAppFactory(_redis.ConnectionString, "coc-a", Settings("coc-a"));
        _b = new ClusterAppFactory(_redis.ConnectionString, "coc-b", Settings("coc-b"));
        await WaitUntilJoinedAsync(_a, _b);
    }

    private Dictionary<string, string?> Settings(string serverId)
    {
        var settings = _mosquitto.IngestSettings("coc-ingest-" + serverId);
        settings["Coc:Mqtt:SharedSubscriptionGroup"] = Group;
        settings["Coc:Storage:Backend"] = "influxdb";
        settings["Coc:Storage:Influx:Url"] = _influx.Url;
        settings["Coc:Storage:Influx:Database"] = Database;
        settings["Coc:Storage:Influx:CreateDatabase"] = "true";
        settings["Coc:Storage:Influx:SpoolPath"] = Path.Combine(_spools.Path, serverId);
        return settings;
    }

    [Fact]
    public async Task DevicePublishes_EachSampleStoredOnceInInfluxAndEveryServerAndHubClientGetsAll()
    {
        const int count = 400;
        var series = SeriesKey.Create("water_level", "value", ("sensor", "pos-city"));
        // Both servers' MQTT subscriptions must be in place before publishing: their health says so.
        await Eventually.TrueAsync(() => IsReceiving(_a) && IsReceiving(_b), "both servers subscribed to mosquitto");
        await using var onA = await HubFollower.ConnectAsync(_a, series);
        await using var onB = await HubFollower.ConnectAsync(_b, series);
        var inA = Metrics(_a).SamplesIn;
        var inB = Metrics(_b).SamplesIn;
        var t0 = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddMinutes(-30).ToUnixTimeSeconds());

        await using (var device = await _mosquitto.ConnectDeviceAsync())
        {
            for (var i = 0; i < count; i++)
            {
                var ns = t0.AddSeconds(i).ToUnixTimeMilliseconds() * 1_000_000L;
                await device.PublishAsync("coc/lp/city", string.Create(CultureInfo.InvariantCulture, $"water_level,sensor=pos-city value={i} {ns}"));
            }
        }

        double[] all = [.. Enumerable.Range(0, count).Select(i => (double)i)];
        await Eventually.TrueAsync(() => onA.Values.Length >= count && onB.Values.Length >= count, "both hub clients to get every sample");
        // Exactly once each, whichever server took the message from the broker.
        Assert.Equal(all, onA.Values.Order());
        Assert.Equal(all, onB.Values.Order());
        // Screens draw the live state: both servers end on the newest sample. (Their windows may skip a
        // few of this burst: half of it comes through the other server a moment later, and a window only
        // grows forward in time; a real sensor's samples are seconds apart.)
        Assert.Equal(count - 1, Live(_a).Get(series)!.Latest!.Value.Value);
        Assert.Equal(count - 1, Live(_b).Get(series)!.Latest!.Value.Value);

        // Stored once: the broker handed each message to one server of the group, and only a server's
        // own pump stores; the two pumps together took exactly the samples published, both took part.
        var tookA = Metrics(_a).SamplesIn - inA;
        var tookB = Metrics(_b).SamplesIn - inB;
        Assert.Equal(count, tookA + tookB);
        Assert.True(tookA > 0 && tookB > 0, $"the shared subscription gave A {tookA} and B {tookB}: one server took everything");
        await Eventually.TrueAsync(
            async () => await _influx.SumAsync(Database, "SELECT count(\"value\") FROM \"water_level\" WHERE \"sensor\" = 'pos-city'") == count,
            "InfluxDB to hold every sample");
        Assert.Equal(count * (count - 1) / 2, await _influx.SumAsync(Database, "SELECT sum(\"value\") FROM \"water_level\" WHERE \"sensor\" = 'pos-city'"));
    }

    private static IngestMetrics Metrics(ClusterAppFactory server) => server.Services.GetRequiredService<IngestMetrics>();

    private static bool IsReceiving(ClusterAppFactory server) => server.Services.GetRequiredService<Coc.Ingest.Mqtt.MqttIngestClient>().IsReceiving;

    public async Task DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
        await _influx.DisposeAsync();
        await _redis.DisposeAsync();
        await _mosquitto.DisposeAsync();
        _spools.Dispose();
    }
}
