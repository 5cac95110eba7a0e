using System.Buffers;
using System.Text;
using Coc.Core.Ingest;
using Coc.Core.Series;
using Coc.Core.Tests.Support;

namespace Coc.Core.Tests.Ingest;

public class MqttPayloadParserTests
{
    private const string WaterTopic = "coc/sensors/water_level/batanghari-1";
    private const string AtcsTopic = "coc/atcs/simpang-kawat";
    private static readonly DateTimeOffset ReceivedAt = new(2024, 6, 1, 10, 0, 0, TimeSpan.Zero);

    private static readonly SeriesKey WaterValue = SeriesKey.Create("water_level", "value", ("sensor", "batanghari-1"));

    private static ParseResult Parse(string topic, string payload) => MqttPayloadParser.Parse(topic, payload, ReceivedAt);

    private static ParseResult ParseBytes(string topic, byte[] payload) =>
        MqttPayloadParser.Parse(topic, new ReadOnlySequence<byte>(payload), ReceivedAt);

    private static Rejection SingleRejection(ParseResult result, string reason)
    {
        var rejection = Assert.Single(result.Rejections);
        Assert.Equal(reason, rejection.Reason);
        return rejection;
    }

    [Fact]
    public void Parse_BareNumber_ValueSampleAtReceiveTimeTaggedWithSensor()
    {
        var result = Parse(WaterTopic, "3.25");

        Assert.Empty(result.Rejections);
        var sample = Assert.Single(result.Samples);
        Assert.Equal(WaterValue, sample.Series);
        Assert.Equal(ReceivedAt, sample.Timestamp);
        Assert.Equal(3.25, sample.Value);
        Assert.Equal(MqttTopicContract.SensorsFeed, result.Feed);
    }

    [Fact]
    public void Parse_BareNumbersFromTwoSensors_TwoDistinctSeries()
    {
        var first = Assert.Single(Parse("coc/sensors/water_level/batanghari-1", "1").Samples);
        var second = Assert.Single(Parse("coc/sensors/water_level/batanghari-2", "2").Samples);

        Assert.NotEqual(first.Series, second.Series);
    }

    [Fact]
    public void Parse_TsRfc3339WithOffsetAndValue_SampleAtThatInstantInUtc()
    {
        var result = Parse(WaterTopic, """{"ts": "2024-06-01T16:59:30+07:00", "value": 4.5}""");

        Assert.Empty(result.Rejections);
        var sample = Assert.Single(result.Samples);
        Assert.Equal(WaterValue, sample.Series);
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 9, 59, 30, TimeSpan.Zero), sample.Timestamp);
        Assert.Equal(TimeSpan.Zero, sample.Timestamp.Offset);
        Assert.Equal(4.5, sample.Value);
    }

    [Fact]
    public void Parse_TsRfc3339WithoutOffset_TakenAsUtc()
    {
        var sample = Assert.Single(Parse(WaterTopic, """{"ts": "2024-06-01T09:59:30", "value": 1}""").Samples);

        Assert.Equal(new DateTimeOffset(2024, 6, 1, 9, 59, 30, TimeSpan.Zero), sample.Timestamp);
    }

    [Fact]
    public void Parse_TsEpochMillisecondsWithFieldsAndTags_OneSamplePerFieldWithAllTags()
    {
        var ts = new DateTimeOffset(2024, 6, 1, 9, 59, 30, 250, TimeSpan.Zero);
        var payload = $$$"""{"ts": {{{ts.ToUnixTimeMilliseconds()}}}, "fields": {"pm25": 35.5, "ispu": 102}, "tags": {"district": "telanaipura"}}""";

        var result = Parse("coc/sensors/air_quality/aq-07", payload);

        Assert.Empty(result.Rejections);
        Assert.Equal(2, result.Samples.Count);
        var tags = new[] { ("district", "telanaipura"), ("sensor", "aq-07") };
        Assert.Contains(new Sample(SeriesKey.Create("air_quality", "pm25", tags), ts, 35.5), result.Samples);
        Assert.Contains(new Sample(SeriesKey.Create("air_quality", "ispu", tags), ts, 102), result.Samples);
    }

    [Fact]
    public void Parse_FlatAtcsFields_OneSamplePerTopLevelNumber()
    {
        var payload = """{"ts": "2024-06-01T09:59:00Z", "vehicles": 42, "queue_m": 85.5, "speed_kmh": 23, "ds": 0.87, "phase": 2}""";

        var result = Parse(AtcsTopic, payload);

        Assert.Empty(result.Rejections);
        Assert.Equal(MqttTopicContract.AtcsFeed, result.Feed);
        Assert.Equal(
            ["ds", "phase", "queue_m", "speed_kmh", "vehicles"],
            result.Samples.Select(s => s.Series.Field).Order(StringComparer.Ordinal));
        Assert.All(result.Samples, s =>
        {
            Assert.Equal("atcs", s.Series.Measurement);
            Assert.Equal("simpang-kawat", s.Series.Tags["intersection"]);
            Assert.Equal(new DateTimeOffset(2024, 6, 1, 9, 59, 0, TimeSpan.Zero), s.Timestamp);
        });
        Assert.Equal(0.87, result.Samples.Single(s => s.Series.Field == "ds").Value);
    }

    [Theory]
    [InlineData("""{"value": 7}""")]
    [InlineData("""{"ts": null, "value": 7}""")]
    public void Parse_TsMissingOrNull_SampleAtReceiveTime(string payload)
    {
        var sample = Assert.Single(Parse(WaterTopic, payload).Samples);

        Assert.Equal(ReceivedAt, sample.Timestamp);
        Assert.Equal(7, sample.Value);
    }

    [Fact]
    public void Parse_PayloadTagNamedLikeTopicTag_TopicTagWins()
    {
        var result = Parse(WaterTopic, """{"value": 1, "tags": {"sensor": "spoofed", "river": "batanghari"}}""");

        var sample = Assert.Single(result.Samples);
        Assert.Equal("batanghari-1", sample.Series.Tags["sensor"]);
        Assert.Equal("batanghari", sample.Series.Tags["river"]);
        Assert.Equal(2, sample.Series.Tags.Count);
    }

    [Theory]
    [InlineData("city/sensors/water_level/s1", MqttTopicContract.UnknownFeed)]
    [InlineData("coc/weather/station-1", MqttTopicContract.UnknownFeed)]
    [InlineData("coc", MqttTopicContract.UnknownFeed)]
    [InlineData("", MqttTopicContract.UnknownFeed)]
    [InlineData("COC/atcs/simpang-kawat", MqttTopicContract.UnknownFeed)]
    // Wrong segment count or an empty segment under a known feed: refused, but counted under that feed.
    [InlineData("coc/sensors/water_level", MqttTopicContract.SensorsFeed)]
    [InlineData("coc/sensors/water_level/s1/extra", MqttTopicContract.SensorsFeed)]
    [InlineData("coc/atcs/simpang-kawat/lane-1", MqttTopicContract.AtcsFeed)]
    [InlineData("coc/atcs", MqttTopicContract.AtcsFeed)]
    [InlineData("coc/sensors//s1", MqttTopicContract.SensorsFeed)]
    [InlineData("coc/atcs/ ", MqttTopicContract.AtcsFeed)]
    [InlineData("coc/atcs/", MqttTopicContract.AtcsFeed)]
    public void Parse_UnknownTopic_RejectedAsUnknownTopicWithoutSamples(string topic, string expectedFeed)
    {
        var result = Parse(topic, """{"value": 1}""");

        Assert.Empty(result.Samples);
        var rejection = SingleRejection(result, RejectReason.UnknownTopic);
        Assert.Equal(expectedFeed, result.Feed);
        Assert.Equal(expectedFeed, rejection.Feed);
        Assert.Contains($"'{topic}'", rejection.Detail);
    }

    [Fact]
    public void Parse_WrongRoot_CountedUnderMqttFeed()
    {
        var result = Parse("zigbee/sensors/water_level/s1", "1");

        Assert.Equal("mqtt", result.Feed);
        Assert.Equal(RejectReason.UnknownTopic, Assert.Single(result.Rejections).Reason);
    }

    [Fact]
    public void Parse_UnknownTopicWithBadPayload_TopicReportedNotPayload()
    {
        var result = Parse("other/topic", "{not json");

        SingleRejection(result, RejectReason.UnknownTopic);
    }

    [Fact]
    public void Parse_Rejection_CarriesFeedTopicAndReceiveTime()
    {
        var result = Parse(AtcsTopic, "");

        var rejection = SingleRejection(result, RejectReason.EmptyPayload);
        Assert.Equal(MqttTopicContract.AtcsFeed, rejection.Feed);
        Assert.Equal(AtcsTopic, rejection.Source);
        Assert.Equal(ReceivedAt, rejection.At);
    }

    [Fact]
    public void Parse_EmptyPayload_RejectedAsEmptyPayload()
    {
        var result = MqttPayloadParser.Parse(WaterTopic, ReadOnlySequence<byte>.Empty, ReceivedAt);

        Assert.Empty(result.Samples);
        SingleRejection(result, RejectReason.EmptyPayload);
    }

    [Theory]
    [InlineData("""{"value": 1""")]
    [InlineData("{value: 1}")]
    [InlineData("twelve")]
    [InlineData("   ")]
    [InlineData("""{"value": 1,}""")]
    [InlineData("NaN")]
    [InlineData("1 2")]
    public void Parse_MalformedJson_RejectedAsMalformedJsonShowingPayload(string payload)
    {
        var result = Parse(WaterTopic, payload);

        Assert.Empty(result.Samples);
        var rejection = SingleRejection(result, RejectReason.MalformedJson);
        Assert.Contains($"(payload: {payload})", rejection.Detail);
    }

    [Fact]
    public void Parse_LongMalformedPayload_DetailShowsOnlyAShortPreview()
    {
        var payload = "{\"value\": " + new string('9', 5000);

        var rejection = SingleRejection(Parse(WaterTopic, payload), RejectReason.MalformedJson);

        Assert.True(rejection.Detail.Length < 1000, $"detail is {rejection.Detail.Length} characters");
        Assert.Contains("…", rejection.Detail);
    }

    [Fact]
    public void Parse_NestingDeeperThanEight_RejectedAsMalformedJson()
    {
        var payload = """{"fields": {"a": [[[[[[[[[1]]]]]]]]]}}""";

        var result = Parse(WaterTopic, payload);

        Assert.Empty(result.Samples);
        SingleRejection(result, RejectReason.MalformedJson);
    }

    [Fact]
    public void Parse_PayloadCutInsideMultiByteCharacter_RejectedAsMalformedJson()
    {
        var full = Encoding.UTF8.GetBytes("""{"value": 1, "tags": {"district": "Pasar Jambi €"}}""");
        var truncated = full[..(Array.IndexOf(full, (byte)0xE2) + 2)];

        var result = ParseBytes(WaterTopic, truncated);

        Assert.Empty(result.Samples);
        var rejection = SingleRejection(result, RejectReason.MalformedJson);
        Assert.Contains("Pasar Jambi", rejection.Detail);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE, 0x31 })]
    [InlineData(new byte[] { 0x31, 0xC3 })]
    public void Parse_InvalidUtf8OutsideStrings_RejectedAsMalformedJson(byte[] payload)
    {
        var result = ParseBytes(WaterTopic, payload);

        Assert.Empty(result.Samples);
        SingleRejection(result, RejectReason.MalformedJson);
    }

    [Fact]
    public void Parse_InvalidUtf8InTagValue_WholeMessageRejectedAsMalformedJson()
    {
        byte[] payload = [.. "{\"value\": 1, \"tags\": {\"district\": \""u8, 0xC3, 0x28, .. "\"}}"u8];

        var result = ParseBytes(WaterTopic, payload);

        Assert.Empty(result.Samples);
        Assert.Contains("UTF-8", SingleRejection(result, RejectReason.MalformedJson).Detail);
    }

    [Fact]
    public void Parse_InvalidUtf8InFieldName_WholeMessageRejectedAsMalformedJson()
    {
        byte[] payload = [.. "{\"vehicles\": 4, \""u8, 0xFF, .. "\": 1}"u8];

        var result = ParseBytes(AtcsTopic, payload);

        Assert.Empty(result.Samples);
        Assert.Contains("UTF-8", SingleRejection(result, RejectReason.MalformedJson).Detail);
    }

    [Fact]
    public void Parse_MultiByteCharacterSplitAcrossSegments_Accepted()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"value": 2, "tags": {"district": "Pasar €"}}""");
        var cut = Array.IndexOf(bytes, (byte)0xE2) + 1;

        var result = MqttPayloadParser.Parse(WaterTopic, Segments.Of(bytes[..cut], bytes[cut..]), ReceivedAt);

        Assert.Empty(result.Rejections);
        Assert.Equal("Pasar €", Assert.Single(result.Samples).Series.Tags["district"]);
    }

    [Fact]
    public void Parse_PayloadSplitAcrossSegments_ParsedLikeOneBuffer()
    {
        var payload = Segments.Of("{\"ts\": \"2024-06-01T09:00:00Z\", \"val"u8.ToArray(), "ue\": 12.5}"u8.ToArray());

        var result = MqttPayloadParser.Parse(WaterTopic, payload, ReceivedAt);

        Assert.Empty(result.Rejections);
        Assert.Equal(12.5, Assert.Single(result.Samples).Value);
    }

    [Fact]
    public void Parse_OneFieldNotNumeric_ThatFieldRejectedOthersKept()
    {
        var result = Parse(AtcsTopic, """{"vehicles": 42, "phase": "green", "speed_kmh": 23}""");

        Assert.Equal(["speed_kmh", "vehicles"], result.Samples.Select(s => s.Series.Field).Order(StringComparer.Ordinal));
        var rejection = SingleRejection(result, RejectReason.NonNumericValue);
        Assert.Contains("'phase'", rejection.Detail);
        Assert.Contains("\"green\"", rejection.Detail);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("{\"x\": 1}")]
    [InlineData("[1, 2]")]
    [InlineData("\"3.5\"")]
    public void Parse_FieldInsideFieldsNotNumeric_ThatFieldRejectedOthersKept(string badValue)
    {
        var result = Parse(WaterTopic, $$$"""{"fields": {"level_cm": 312, "battery": {{{badValue}}}}}""");

        Assert.Equal(312, Assert.Single(result.Samples).Value);
        var rejection = SingleRejection(result, RejectReason.NonNumericValue);
        Assert.Contains("'battery'", rejection.Detail);
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    public void Parse_NumberOverflowsDouble_FieldRejectedOthersKept(string number)
    {
        var result = Parse(WaterTopic, $$"""{"value": {{number}}, "battery": 3.7}""");

        Assert.Equal("battery", Assert.Single(result.Samples).Series.Field);
        var rejection = SingleRejection(result, RejectReason.NonNumericValue);
        Assert.Contains("'value'", rejection.Detail);
        Assert.Contains("out of range", rejection.Detail);
    }

    [Fact]
    public void Parse_BareNumberOverflowsDouble_Rejected()
    {
        var result = Parse(WaterTopic, "1e400");

        Assert.Empty(result.Samples);
        Assert.Contains("'value'", SingleRejection(result, RejectReason.NonNumericValue).Detail);
    }

    [Theory]
    [InlineData("[1, 2, 3]", "array")]
    [InlineData("\"42\"", "string")]
    [InlineData("true", "true")]
    [InlineData("null", "null")]
    public void Parse_RootNotNumberOrObject_RejectedAsNonNumeric(string payload, string kind)
    {
        var result = Parse(WaterTopic, payload);

        Assert.Empty(result.Samples);
        Assert.Contains($"JSON {kind}", SingleRejection(result, RejectReason.NonNumericValue).Detail);
    }

    [Theory]
    [InlineData("\"yesterday\"", "yesterday")]
    [InlineData("\"2024-13-45T00:00:00Z\"", "2024-13-45")]
    [InlineData("\"\"", "\"ts\" ''")]
    public void Parse_TsStringNotATime_WholeMessageRejectedAsBadTimestamp(string ts, string expectedInDetail)
    {
        var result = Parse(AtcsTopic, $$"""{"ts": {{ts}}, "vehicles": 4, "speed_kmh": 30}""");

        Assert.Empty(result.Samples);
        var rejection = SingleRejection(result, RejectReason.BadTimestamp);
        Assert.Contains(expectedInDetail, rejection.Detail);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("{}")]
    [InlineData("[]")]
    public void Parse_TsNeitherStringNorNumber_RejectedAsBadTimestamp(string ts)
    {
        var result = Parse(WaterTopic, $$"""{"ts": {{ts}}, "value": 1}""");

        Assert.Empty(result.Samples);
        Assert.Contains("\"ts\"", SingleRejection(result, RejectReason.BadTimestamp).Detail);
    }

    [Fact]
    public void Parse_TsInSecondsInsteadOfMilliseconds_RejectedAsOutOfRange()
    {
        var seconds = ReceivedAt.ToUnixTimeSeconds();

        var result = Parse(WaterTopic, $$"""{"ts": {{seconds}}, "value": 1}""");

        Assert.Empty(result.Samples);
        Assert.Contains(seconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            SingleRejection(result, RejectReason.TimestampOutOfRange).Detail);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("99999999999999999999999")]
    public void Parse_TsNumberNotUsableEpochMilliseconds_RejectedAsOutOfRange(string ts)
    {
        var result = Parse(WaterTopic, $$"""{"ts": {{ts}}, "value": 1}""");

        Assert.Empty(result.Samples);
        SingleRejection(result, RejectReason.TimestampOutOfRange);
    }

    [Fact]
    public void Parse_TsStringBefore2000_RejectedAsOutOfRange()
    {
        var result = Parse(WaterTopic, """{"ts": "1999-12-31T23:59:59Z", "value": 1}""");

        Assert.Empty(result.Samples);
        SingleRejection(result, RejectReason.TimestampOutOfRange);
    }

    [Fact]
    public void Parse_TsMoreThanOneDayAhead_RejectedAsOutOfRange()
    {
        var ahead = (ReceivedAt + MqttPayloadParser.MaxClockAhead).ToUnixTimeMilliseconds() + 1;

        var result = Parse(WaterTopic, $$"""{"ts": {{ahead}}, "value": 1}""");

        Assert.Empty(result.Samples);
        SingleRejection(result, RejectReason.TimestampOutOfRange);
    }

    [Fact]
    public void Parse_TsExactlyOneDayAhead_Accepted()
    {
        var ahead = ReceivedAt + MqttPayloadParser.MaxClockAhead;

        var result = Parse(WaterTopic, $$"""{"ts": "{{ahead:O}}", "value": 1}""");

        Assert.Empty(result.Rejections);
        Assert.Equal(ahead, Assert.Single(result.Samples).Timestamp);
    }

    [Theory]
    [InlineData("""["district", "kota-baru"]""")]
    [InlineData("\"district=kota-baru\"")]
    public void Parse_TagsNotAnObject_WholeMessageRejectedAsBadTags(string tags)
    {
        var result = Parse(WaterTopic, $$"""{"value": 1, "tags": {{tags}}}""");

        Assert.Empty(result.Samples);
        Assert.Contains("\"tags\"", SingleRejection(result, RejectReason.BadTags).Detail);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("\"\"")]
    [InlineData("{\"a\": \"b\"}")]
    public void Parse_TagValueNotANonEmptyString_RejectedAsBadTagsNamingTheTag(string value)
    {
        var result = Parse(AtcsTopic, $$$"""{"vehicles": 1, "tags": {"district": "jelutung", "lane": {{{value}}}}}""");

        Assert.Empty(result.Samples);
        Assert.Contains("'lane'", SingleRejection(result, RejectReason.BadTags).Detail);
    }

    [Fact]
    public void Parse_TagWithEmptyName_RejectedAsBadTags()
    {
        var result = Parse(AtcsTopic, """{"vehicles": 1, "tags": {"": "x"}}""");

        Assert.Empty(result.Samples);
        SingleRejection(result, RejectReason.BadTags);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"ts": "2024-06-01T09:00:00Z"}""")]
    [InlineData("""{"ts": "2024-06-01T09:00:00Z", "tags": {"district": "telanaipura"}}""")]
    [InlineData("""{"fields": {}}""")]
    public void Parse_ObjectWithoutFields_RejectedAsNoFields(string payload)
    {
        var result = Parse(WaterTopic, payload);

        Assert.Empty(result.Samples);
        SingleRejection(result, RejectReason.NoFields);
    }

    [Fact]
    public void Parse_FieldsNotAnObject_RejectedAsMalformedJsonNamingFields()
    {
        var result = Parse(WaterTopic, """{"fields": [1, 2]}""");

        Assert.Empty(result.Samples);
        Assert.Contains("\"fields\"", SingleRejection(result, RejectReason.MalformedJson).Detail);
    }

    [Fact]
    public void Parse_FieldWithEmptyName_ThatFieldRejectedOthersKept()
    {
        var result = Parse(WaterTopic, """{"fields": {"": 1, "level_cm": 2}}""");

        Assert.Equal("level_cm", Assert.Single(result.Samples).Series.Field);
        Assert.Contains("empty name", SingleRejection(result, RejectReason.MalformedJson).Detail);
    }

    [Fact]
    public void Parse_Booleans_OneAndZero()
    {
        var result = Parse("coc/sensors/pump/pompa-3", """{"fields": {"running": true, "fault": false}}""");

        Assert.Empty(result.Rejections);
        Assert.Equal(1, result.Samples.Single(s => s.Series.Field == "running").Value);
        Assert.Equal(0, result.Samples.Single(s => s.Series.Field == "fault").Value);
    }

    [Fact]
    public void Parse_FlatFieldsBesideFieldsObject_BothKept()
    {
        var result = Parse(AtcsTopic, """{"vehicles": 10, "fields": {"queue_m": 40}}""");

        Assert.Empty(result.Rejections);
        Assert.Equal(["queue_m", "vehicles"], result.Samples.Select(s => s.Series.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Parse_LongFieldName_DetailShortened()
    {
        var name = new string('f', 1000);

        var rejection = SingleRejection(Parse(WaterTopic, $$"""{"{{name}}": "x", "value": 1}"""), RejectReason.NonNumericValue);

        Assert.True(rejection.Detail.Length < 500, $"detail is {rejection.Detail.Length} characters");
    }
}
