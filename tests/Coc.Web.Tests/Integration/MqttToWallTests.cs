using Coc.Tests.Shared;
using Coc.Core.Ingest;
using Coc.Core.Live;
using Coc.Core.Series;
using Coc.Ingest.Mqtt;
using Coc.Storage;
using Coc.Web.Security;
using Coc.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Coc.Web.Tests.Integration;

/// <summary>The whole path in one process: a real MQTT publish into the embedded broker, to live state and the store.</summary>
public sealed class MqttToWallTests : IClassFixture<CocAppFactory>
{
    private readonly CocAppFactory _app;

    public MqttToWallTests(CocAppFactory app) => _app = app;

    private async Task<TestPublisher> ConnectedPublisherAsync()
    {
        var ingest = _app.Services.GetRequiredService<MqttIngestClient>();
        await Eventually.TrueAsync(() => ingest.IsReceiving, "MQTT ingest ready");
        return await _app.ConnectDeviceAsync();
    }

    [Fact]
    public async Task Publish_SensorValue_ReachesLiveStateAndStore()
    {
        await using var device = await ConnectedPublisherAsync();
        var live = _app.Services.GetRequiredService<LiveState>();
        var store = _app.Services.GetRequiredService<ITimeSeriesStore>();
        var key = SeriesKey.Create("water_level", "value", ("sensor", "pos-test-1"));
        var ts = DateTimeOffset.UtcNow.AddSeconds(-1);

        await device.PublishAsync("coc/sensors/water_level/pos-test-1", $$"""{"ts": {{ts.ToUnixTimeMilliseconds()}}, "value": 12.34}""");

        await Eventually.TrueAsync(() => live.Get(key)?.Latest?.Value == 12.34, "the value in live state");
        Assert.Equal(ts.ToUnixTimeMilliseconds(), live.Get(key)!.Latest!.Value.Timestamp.ToUnixTimeMilliseconds());
        await Eventually.TrueAsync(async () => (await store.LatestAsync(key))?.Value == 12.34, "the value in the store");
    }

    [Fact]
    public async Task Publish_AtcsFieldsWithOneBadField_KeepsGoodFieldsAndCountsTheBadOne()
    {
        await using var device = await ConnectedPublisherAsync();
        var live = _app.Services.GetRequiredService<LiveState>();
        var stats = _app.Services.GetRequiredService<FeedStats>();
        var before = stats.For("atcs").RejectedByReason.GetValueOrDefault(RejectReason.NonNumericValue);

        await device.PublishAsync("coc/atcs/test-junction", """{"fields": {"vehicles": 41, "queue_m": "long", "speed_kmh": 23.5}}""");

        var vehicles = SeriesKey.Create("atcs", "vehicles", ("intersection", "test-junction"));
        var speed = SeriesKey.Create("atcs", "speed_kmh", ("intersection", "test-junction"));
        await Eventually.TrueAsync(() => live.Get(speed)?.Latest?.Value == 23.5, "the good fields in live state");
        Assert.Equal(41, live.Get(vehicles)!.Latest!.Value.Value);
        Assert.Null(live.Get(SeriesKey.Create("atcs", "queue_m", ("intersection", "test-junction"))));
        Assert.Equal(before + 1, stats.For("atcs").RejectedByReason[RejectReason.NonNumericValue]);
        Assert.Contains(stats.RecentRejections, r => r.Detail.Contains("queue_m", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Publish_MalformedThenGood_ListenerSurvivesAndGoodValueArrives()
    {
        await using var device = await ConnectedPublisherAsync();
        var live = _app.Services.GetRequiredService<LiveState>();
        var stats = _app.Services.GetRequiredService<FeedStats>();
        var malformedBefore = stats.For("sensors").RejectedByReason.GetValueOrDefault(RejectReason.MalformedJson);
        var unknownBefore = stats.For("mqtt").RejectedByReason.GetValueOrDefault(RejectReason.UnknownTopic);

        await device.PublishAsync("coc/sensors/pm25/ispu-test", [0x7b, 0x22, 0xff, 0xfe]);
        await device.PublishAsync("coc/unknown-feed/x", "1");
        await device.PublishAsync("coc/sensors/pm25/ispu-test", "42");

        var key = SeriesKey.Create("pm25", "value", ("sensor", "ispu-test"));
        await Eventually.TrueAsync(() => live.Get(key)?.Latest?.Value == 42, "the good value after the bad ones");
        Assert.Equal(malformedBefore + 1, stats.For("sensors").RejectedByReason[RejectReason.MalformedJson]);
        Assert.Equal(unknownBefore + 1, stats.For("mqtt").RejectedByReason[RejectReason.UnknownTopic]);
    }

    [Fact]
    public async Task MosquittoPub_DebianClientPublishes_ValueReachesLiveState()
    {
        var ingest = _app.Services.GetRequiredService<MqttIngestClient>();
        await Eventually.TrueAsync(() => ingest.IsReceiving, "MQTT ingest ready");
        var live = _app.Services.GetRequiredService<LiveState>();

        // A client no one here wrote: Debian's mosquitto_pub (installed by scripts/test.sh), MQTT 5 with no
        // client id, so the broker must assign one.
        var start = new System.Diagnostics.ProcessStartInfo("mosquitto_pub",
            ["-h", "127.0.0.1", "-p", _app.MqttPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "-q", "1", "-V", "mqttv5", "-u", CocAppFactory.DeviceUser, "-P", CocAppFactory.DevicePassword,
             "-t", "coc/sensors/rainfall/arr-mosquitto", "-m", """{"value": 7.5}"""])
        { RedirectStandardError = true };
        using var process = System.Diagnostics.Process.Start(start)!;
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync());

        var key = SeriesKey.Create("rainfall", "value", ("sensor", "arr-mosquitto"));
        await Eventually.TrueAsync(() => live.Get(key)?.Latest?.Value == 7.5, "mosquitto_pub's value in live state");
    }

    [Fact]
    public async Task Health_AfterStart_ReportsBrokerAndIngest()
    {
        var ingest = _app.Services.GetRequiredService<MqttIngestClient>();
        await Eventually.TrueAsync(() => ingest.IsReceiving, "MQTT ingest ready");
        using var client = _app.CreateBasicClient(CocRoles.Operator);

        var body = await client.GetStringAsync("/health");

        Assert.Contains("\"mqtt-broker\"", body, StringComparison.Ordinal);
        Assert.Contains("\"mqtt-ingest\"", body, StringComparison.Ordinal);
        Assert.Contains("\"store\"", body, StringComparison.Ordinal);
        using var doc = System.Text.Json.JsonDocument.Parse(body);
        var process = doc.RootElement.GetProperty("checks").GetProperty("process").GetProperty("data");
        Assert.True(process.GetProperty("heapAfterLastGcBytes").GetInt64() > 0);
        Assert.True(process.GetProperty("workingSetBytes").GetInt64() > process.GetProperty("heapAfterLastGcBytes").GetInt64());
    }

    [Theory]
    [InlineData("/wall/jambi-coc/screen/1")]
    [InlineData("/wall/jambi-coc")]
    [InlineData("/")]
    public async Task Get_WallPages_ServeTheBlazorShell(string path)
    {
        using var client = await _app.CreateClientAsAsync(CocRoles.Viewer);

        var response = await client.GetAsync(path);

        response.EnsureSuccessStatusCode();
        Assert.Contains("_framework/blazor.web.js", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
