using System.Text.Json;
using Coc.Core.Ingest;
using Microsoft.Extensions.Time.Testing;

namespace Coc.Simulator.Tests;

/// <summary>The JSON the HTTP output posts: per feed one array, each item naming its device as Coc's webhook expects.</summary>
public class HttpFeedBatchesTests
{
    /// <summary>Large enough that the warm-up replay of complaints stays one array, so a feed has one batch.</summary>
    private const int AllInOne = 100_000;

    private static readonly DateTimeOffset Start = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    private static IReadOnlyList<SimMessage> FirstRound(int devices = 1) =>
        new JambiFeedModel(new FakeTimeProvider(Start), seed: 2026, devices).Tick();

    private static JsonElement[] Items(HttpFeedBatch batch)
    {
        using var document = JsonDocument.Parse(batch.Json);
        Assert.Equal(JsonValueKind.Array, document.RootElement.ValueKind);
        return document.RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    [Fact]
    public void Build_FirstRound_OneArrayPerFeedWithEveryMessage()
    {
        var round = FirstRound();

        var batches = HttpFeedBatches.Build(round, AllInOne);

        Assert.Equal(["atcs", "sensors", "etle", "complaints"], batches.Select(b => b.Feed));
        Assert.All(batches, b => Assert.Equal(b.Items, Items(b).Length));
        Assert.Equal(JambiFeeds.AtcsIntersections.Count, batches.Single(b => b.Feed == "atcs").Items);
        Assert.Equal(JambiFeeds.WaterLevelGauges.Count + JambiFeeds.RainfallGauges.Count + JambiFeeds.Pm25Stations.Count,
            batches.Single(b => b.Feed == "sensors").Items);
        Assert.Equal(round.Count(m => m.Topic.StartsWith("coc/etle/", StringComparison.Ordinal)), batches.Single(b => b.Feed == "etle").Items);
        var events = round.Where(m => MqttTopicContract.IsComplaintTopic(m.Topic)).Sum(m => JsonDocument.Parse(m.Payload).RootElement.GetArrayLength());
        Assert.True(events > 0, "the first round replays the warm-up's complaints");
        Assert.Equal(events, batches.Single(b => b.Feed == "complaints").Items);
    }

    [Fact]
    public void Build_Atcs_ItemNamesIntersectionAndKeepsThePayload()
    {
        var round = FirstRound();
        var message = round.First(m => m.Topic == MqttTopicContract.AtcsTopic("simpang-kawat"));

        var item = Items(HttpFeedBatches.Build(round, AllInOne).Single(b => b.Feed == "atcs"))
            .Single(i => i.GetProperty("intersection").GetString() == "simpang-kawat");

        using var payload = JsonDocument.Parse(message.Payload);
        Assert.Equal(payload.RootElement.GetProperty("ts").GetInt64(), item.GetProperty("ts").GetInt64());
        Assert.Equal(payload.RootElement.GetProperty("fields").GetRawText(), item.GetProperty("fields").GetRawText());
        Assert.Equal(["intersection", "ts", "fields"], item.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Build_Sensors_ItemNamesKindAndSensor()
    {
        var items = Items(HttpFeedBatches.Build(FirstRound(), AllInOne).Single(b => b.Feed == "sensors"));

        var devices = items.Select(i => (i.GetProperty("kind").GetString(), i.GetProperty("sensor").GetString())).ToHashSet();
        Assert.Contains((JambiFeeds.WaterLevelKind, "pos-angso-duo"), devices);
        Assert.Contains((JambiFeeds.RainfallKind, "arr-kota-baru"), devices);
        Assert.Contains((JambiFeeds.Pm25Kind, "ispu-jambi-timur"), devices);
        Assert.All(items, i => Assert.Equal(JsonValueKind.Number, i.GetProperty("value").ValueKind));
        Assert.All(items, i => Assert.Equal(Start.ToUnixTimeMilliseconds(), i.GetProperty("ts").GetInt64()));
    }

    [Fact]
    public void Build_Etle_ItemNamesCameraAndKeepsTheTypeTag()
    {
        var items = Items(HttpFeedBatches.Build(FirstRound(), AllInOne).Single(b => b.Feed == "etle"));

        Assert.Equal(JambiFeeds.EtleCameras.ToHashSet(), items.Select(i => i.GetProperty("camera").GetString()!).ToHashSet());
        Assert.All(items, i => Assert.False(string.IsNullOrEmpty(i.GetProperty("type").GetString())));
        Assert.All(items, i => Assert.Equal(JsonValueKind.Number, i.GetProperty("violations").ValueKind));
    }

    [Fact]
    public void Build_Complaints_OneItemPerEventNamingItsSource()
    {
        var items = Items(HttpFeedBatches.Build(FirstRound(), AllInOne).Single(b => b.Feed == "complaints"));

        Assert.Equal(JambiFeeds.ComplaintSources.ToHashSet(), items.Select(i => i.GetProperty("source").GetString()!).ToHashSet());
        Assert.All(items, i =>
        {
            Assert.Equal(JsonValueKind.Object, i.ValueKind);
            foreach (var field in new[] { "id", "status", "category", "district" })
            {
                Assert.False(string.IsNullOrEmpty(i.GetProperty(field).GetString()), field);
            }
            Assert.True(i.GetProperty("ts").GetInt64() > 0);
        });
        Assert.Equal(items.Length, items.Select(i => (i.GetProperty("id").GetString(), i.GetProperty("status").GetString())).Distinct().Count());
    }

    [Fact]
    public void Build_ManyDevices_SplitsEachFeedAtMaxItems()
    {
        var round = FirstRound(devices: 40);

        var batches = HttpFeedBatches.Build(round, maxItems: 100);

        var atcs = batches.Where(b => b.Feed == "atcs").ToArray();
        Assert.Equal([100, 100, 40], atcs.Select(b => b.Items));
        Assert.All(batches, b => Assert.InRange(b.Items, 1, 100));
        Assert.All(batches, b => Assert.Equal(b.Items, Items(b).Length));
        Assert.Equal(40 * JambiFeeds.AtcsIntersections.Count, atcs.Sum(b => b.Items));
    }

    [Fact]
    public void Build_UnknownTopic_Throws()
    {
        var message = new SimMessage("coc/lp/telegraf", "{}"u8.ToArray());

        Assert.Throws<InvalidOperationException>(() => HttpFeedBatches.Build([message]));
    }
}
