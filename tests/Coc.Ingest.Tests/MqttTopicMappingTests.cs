using Coc.Core.Ingest;
using Coc.Core.Series;
using Coc.Ingest.Mqtt;
using Coc.Ingest.Tests.Support;
using Coc.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Coc.Ingest.Tests;

/// <summary>Configured topic mappings (<c>Coc:Mqtt:Mappings</c>) through the real embedded broker and pipeline.</summary>
public class MqttTopicMappingTests
{
    private static MqttTopicMapping AirQuality() => new()
    {
        Name = "udara-dlh",
        Topic = "dlh/{kecamatan}/udara/{station}",
        Measurement = "air_quality",
        Fields = new() { ["pm25"] = "$.data.pm2_5", ["pm10"] = "$.data.pm10" },
        Timestamp = "$.waktu",
        TimestampUnit = "s",
    };

    [Fact]
    public void Compile_Valid_TakesFiltersFromPatterns()
    {
        var mappings = MqttTopicMappings.Compile([AirQuality()], out var errors);

        Assert.Empty(errors);
        Assert.Equal(["dlh/+/udara/+"], mappings.Filters);
    }

    [Fact]
    public void Validate_BadMappings_EachErrorNamesItsKey()
    {
        var duplicate = AirQuality();
        var badTopic = AirQuality();
        badTopic.Name = "lain";
        badTopic.Topic = "x/#/y";
        var badMeasurement = AirQuality();
        badMeasurement.Name = "ketiga";
        badMeasurement.Measurement = "{kind}";
        badMeasurement.Fields = new() { ["pm25"] = "data..pm" };

        var result = new MqttOptionsValidator().Validate(null, new MqttOptions { Mappings = [AirQuality(), duplicate, badTopic, badMeasurement] });

        Assert.True(result.Failed);
        var text = string.Join("\n", result.Failures!);
        Assert.Contains("Coc:Mqtt:Mappings:1:Name 'udara-dlh' is used by an earlier mapping", text, StringComparison.Ordinal);
        Assert.Contains("Coc:Mqtt:Mappings:2:Topic 'x/#/y'", text, StringComparison.Ordinal);
        Assert.Contains("Coc:Mqtt:Mappings:3:Measurement uses {kind}", text, StringComparison.Ordinal);
        Assert.Contains("Coc:Mqtt:Mappings:3:Fields:pm25 'data..pm'", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_MappedTopic_SegmentsBecomeTagsAndBadMessagesAreRefusedAlone()
    {
        var port = FreePort.Next();
        var options = new MqttOptions { Port = port, AllowAnonymous = true, Mappings = [AirQuality()] };
        var store = new RecordingStore();
        await using var pipeline = new TestPipeline(store, new Coc.Ingest.Pipeline.IngestOptions());
        await pipeline.StartAsync();
        var ingest = new MqttMessageIngest(pipeline.Queue, TimeProvider.System, Options.Create(options), NullLogger<MqttMessageIngest>.Instance);
        await using var broker = new EmbeddedBroker(Options.Create(options), ingest, NullLogger<EmbeddedBroker>.Instance);
        await broker.StartAsync(CancellationToken.None);
        await using var device = await TestPublisher.ConnectAsync(port);
        var at = DateTimeOffset.UtcNow;

        await device.PublishAsync("dlh/telanaipura/udara/st-03", "{\"data\": {\"pm2_5\": ");                        // truncated JSON
        await device.PublishAsync("dlh/telanaipura/udara/st-03", "{\"data\": {\"pm2_5\": 35}}");                     // no time: refused whole
        await device.PublishAsync("dlh/telanaipura/udara/st-03", $$$"""{"waktu": {{{at.AddSeconds(-5).ToUnixTimeSeconds()}}}, "data": {"pm2_5": "tinggi", "pm10": 40}}"""); // one bad field
        await device.PublishAsync("dlh/telanaipura/udara/st-03", $$$"""{"waktu": {{{at.ToUnixTimeSeconds()}}}, "data": {"pm2_5": 35.5, "pm10": "51"}}""");

        var pm25 = new SeriesKey("air_quality", "pm25", new Dictionary<string, string> { ["kecamatan"] = "telanaipura", ["station"] = "st-03" });
        var pm10 = new SeriesKey("air_quality", "pm10", pm25.Tags);
        await Eventually.TrueAsync(() => pipeline.Live.Get(pm25)?.Latest?.Value == 35.5, "the mapped pm25 in live state");
        Assert.Equal(at.ToUnixTimeSeconds(), pipeline.Live.Get(pm25)!.Latest!.Value.Timestamp.ToUnixTimeSeconds());
        Assert.Equal(51, pipeline.Live.Get(pm10)!.Latest!.Value.Value);
        var feed = pipeline.Stats.For("udara-dlh");
        Assert.Equal(3, feed.Accepted); // pm10 of the third message, both fields of the fourth
        Assert.Equal(1, feed.RejectedByReason[RejectReason.MalformedJson]);
        Assert.Equal(1, feed.RejectedByReason[RejectReason.NonNumericValue]);
        Assert.Equal(1, feed.RejectedByReason[RejectReason.BadTimestamp]);
        Assert.Contains(pipeline.Stats.RecentRejections, r => r.Detail.Contains("field 'pm25' at $.data.pm2_5", StringComparison.Ordinal));
        // The device leaves first: stopping the broker under a connected client broke its pipe now and then.
        await device.DisposeAsync();
        await broker.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void SubscriptionFilters_ExternalBroker_ContractTopicAndEveryMapping()
    {
        var options = new MqttOptions { Mappings = [AirQuality()] };
        var store = new RecordingStore();
        var pipeline = new TestPipeline(store, new Coc.Ingest.Pipeline.IngestOptions());
        var ingest = new MqttMessageIngest(pipeline.Queue, TimeProvider.System, Options.Create(options), NullLogger<MqttMessageIngest>.Instance);

        Assert.Equal(["coc/#", "dlh/+/udara/+"], ingest.SubscriptionFilters);
        Assert.True(ingest.Wants("dlh/kotabaru/udara/st-1"));
        Assert.False(ingest.Wants("dlh/kotabaru/air/st-1"));
    }
}
