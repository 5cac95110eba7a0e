using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Coc.Core.Live;
using Coc.Core.Series;
using Coc.Ingest.Mqtt;
using Coc.Tests.Shared;
using Coc.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Coc.Web.Tests.Integration;

/// <summary>
/// A sensor with its own topic and JSON shape, published by Debian's mosquitto_pub, reaches live state
/// and the /feeds figures through a mapping in configuration (<c>Coc:Mqtt:Mappings</c>).
/// </summary>
public sealed class MqttMappingToWallTests : IClassFixture<MqttMappingToWallTests.App>
{
    public sealed class App : CocAppFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
        [
            new("Coc:Mqtt:Mappings:0:Name", "pos-pupr"),
            new("Coc:Mqtt:Mappings:0:Topic", "pupr/sungai/{sungai}/{pos}"),
            new("Coc:Mqtt:Mappings:0:Measurement", "water_level"),
            new("Coc:Mqtt:Mappings:0:Fields:value", "$.tma.cm"),
            new("Coc:Mqtt:Mappings:0:Tags:sensor", "$.id"),
        ];
    }

    private readonly App _app;

    public MqttMappingToWallTests(App app) => _app = app;

    [Fact]
    public async Task MosquittoPub_MappedTopic_ReachesLiveStateAndFeedsApi()
    {
        var ingest = _app.Services.GetRequiredService<MqttIngestClient>();
        await Eventually.TrueAsync(() => ingest.IsReceiving, "MQTT ingest ready");
        var live = _app.Services.GetRequiredService<LiveState>();

        await MosquittoPubAsync("pupr/sungai/batanghari/angso-duo", """{"id": 7, "tma": {"cm": 812.5}}""");
        await MosquittoPubAsync("pupr/sungai/batanghari/angso-duo", """{"id": 7, "tma": {"cm": "banjir"}}""");

        var key = new SeriesKey("water_level", "value", new Dictionary<string, string> { ["sungai"] = "batanghari", ["pos"] = "angso-duo", ["sensor"] = "7" });
        await Eventually.TrueAsync(() => live.Get(key)?.Latest?.Value == 812.5, "the mapped value in live state");
        long? accepted = null;
        await Eventually.TrueAsync(async () =>
        {
            using var doc = JsonDocument.Parse(await _app.CreateBasicClient(Coc.Web.Security.CocRoles.Operator).GetStringAsync("/api/feeds"));
            var feed = doc.RootElement.EnumerateArray().FirstOrDefault(f => f.GetProperty("feed").GetString() == "pos-pupr");
            if (feed.ValueKind != JsonValueKind.Object || !feed.GetProperty("rejected").TryGetProperty("non-numeric-value", out var refused) || refused.GetInt64() != 1)
            {
                return false;
            }
            accepted = feed.GetProperty("accepted").GetInt64();
            return true;
        }, "the mapping's feed on /api/feeds with its refusal");
        Assert.Equal(1, accepted);
    }

    private async Task MosquittoPubAsync(string topic, string message)
    {
        var start = new ProcessStartInfo("mosquitto_pub",
            ["-h", "127.0.0.1", "-p", _app.MqttPort.ToString(CultureInfo.InvariantCulture), "-q", "1", "-V", "mqttv5",
             "-u", CocAppFactory.DeviceUser, "-P", CocAppFactory.DevicePassword, "-t", topic, "-m", message])
        { RedirectStandardError = true };
        using var process = Process.Start(start)!;
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync());
    }
}
