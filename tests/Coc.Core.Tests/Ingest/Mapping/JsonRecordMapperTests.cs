using System.Text;
using System.Text.Json;
using Coc.Core.Ingest;
using Coc.Core.Ingest.Mapping;
using Coc.Core.Series;

namespace Coc.Core.Tests.Ingest.Mapping;

public class JsonRecordMapperTests
{
    private const string Source = "https://api.example.go.id/v1/ispu";
    private static readonly DateTimeOffset ReceivedAt = new(2026, 11, 23, 3, 0, 0, TimeSpan.Zero);

    private static JsonMappingSpec Stations(string? timestamp = null, string unit = "ms") => new()
    {
        Measurement = "air",
        Items = "$.data.stations",
        Tags = new() { ["station"] = "id" },
        Fields = new() { ["pm25"] = "pm25", ["online"] = "online" },
        Timestamp = timestamp,
        TimestampUnit = unit,
    };

    private static ParseResult Map(JsonMappingSpec spec, string json, IReadOnlyDictionary<string, string>? segments = null, params string[] segmentNames)
    {
        Assert.True(JsonRecordMapping.TryCompile(spec, segmentNames, "test", out var mapping, out var errors), string.Join("; ", errors));
        var result = new ParseResult("ispu");
        using var doc = JsonDocument.Parse(json);
        JsonRecordMapper.Map(mapping, doc.RootElement, segments, Source, ReceivedAt, result);
        return result;
    }

    private static SeriesKey Key(string field, string station) => SeriesKey.Create("air", field, ("station", station));

    private static (string Reason, string Detail) Only(ParseResult result)
    {
        var rejection = Assert.Single(result.Rejections);
        Assert.Equal("ispu", rejection.Feed);
        Assert.Equal(Source, rejection.Source);
        Assert.Equal(ReceivedAt, rejection.At);
        return (rejection.Reason, rejection.Detail);
    }

    [Fact]
    public void Map_Items_OneSamplePerRecordAndField()
    {
        var result = Map(Stations(), """
            {"data": {"stations": [
              {"id": "ispu-kota-baru", "pm25": 38.5, "online": true},
              {"id": 17, "pm25": "41.25", "online": false}
            ]}}
            """);

        Assert.Empty(result.Rejections);
        Assert.Equal(
        [
            new Sample(Key("pm25", "ispu-kota-baru"), ReceivedAt, 38.5),
            new Sample(Key("online", "ispu-kota-baru"), ReceivedAt, 1),
            new Sample(Key("pm25", "17"), ReceivedAt, 41.25),
            new Sample(Key("online", "17"), ReceivedAt, 0),
        ], result.Samples);
    }

    [Fact]
    public void Map_NoItems_TheDocumentIsOneRecord()
    {
        var spec = new JsonMappingSpec
        {
            Measurement = "weather",
            Tags = new() { ["kelurahan"] = "$.lokasi.desa" },
            Fields = new() { ["temperature_c"] = "$.cuaca[0].t", ["humidity_pct"] = "$['cuaca'][0]['hu']" },
        };

        var result = Map(spec, """{"lokasi": {"desa": "Telanaipura"}, "cuaca": [{"t": 31, "hu": 78}]}""");

        Assert.Empty(result.Rejections);
        Assert.Equal(
        [
            new Sample(SeriesKey.Create("weather", "temperature_c", ("kelurahan", "Telanaipura")), ReceivedAt, 31),
            new Sample(SeriesKey.Create("weather", "humidity_pct", ("kelurahan", "Telanaipura")), ReceivedAt, 78),
        ], result.Samples);
    }

    [Theory]
    [InlineData("\"tinggi\"", "field 'pm25' at $.pm25 = \"tinggi\" is not a finite number")]
    [InlineData("\"1,5\"", "field 'pm25' at $.pm25 = \"1,5\" is not a finite number")]
    [InlineData("\"NaN\"", "field 'pm25' at $.pm25 = \"NaN\" is not a finite number")]
    [InlineData("\"Infinity\"", "field 'pm25' at $.pm25 = \"Infinity\" is not a finite number")]
    [InlineData("1e400", "field 'pm25' at $.pm25 = 1e400 is not a finite number")]
    [InlineData("{\"v\": 1}", "field 'pm25' at $.pm25 = {\"v\": 1} is not a finite number")]
    [InlineData("[1]", "field 'pm25' at $.pm25 = [1] is not a finite number")]
    public void Map_NonNumericField_RefusedAloneOtherFieldsKept(string pm25, string detail)
    {
        var result = Map(Stations(), $$$"""{"data": {"stations": [{"id": "a", "pm25": {{{pm25}}}, "online": true}]}}""");

        Assert.Equal((RejectReason.NonNumericValue, "item[0] " + detail), Only(result));
        Assert.Equal([new Sample(Key("online", "a"), ReceivedAt, 1)], result.Samples);
    }

    [Theory]
    [InlineData("""{"id": "a", "online": true}""")]
    [InlineData("""{"id": "a", "pm25": null, "online": true}""")]
    public void Map_MissingField_RefusedAloneOtherFieldsKept(string record)
    {
        var result = Map(Stations(), $$$"""{"data": {"stations": [{{{record}}}]}}""");

        Assert.Equal((RejectReason.MissingField, "item[0] field 'pm25': nothing at $.pm25"), Only(result));
        Assert.Equal([new Sample(Key("online", "a"), ReceivedAt, 1)], result.Samples);
    }

    [Theory]
    [InlineData("""{"pm25": 1, "online": true}""")]
    [InlineData("""{"id": "", "pm25": 1, "online": true}""")]
    [InlineData("""{"id": null, "pm25": 1, "online": true}""")]
    [InlineData("""{"id": true, "pm25": 1, "online": true}""")]
    [InlineData("""{"id": {"x": 1}, "pm25": 1, "online": true}""")]
    [InlineData("""7""")]
    public void Map_RecordWithoutItsTag_RefusedWholeOthersKept(string bad)
    {
        var result = Map(Stations(), $$$"""{"data": {"stations": [{"id": "a", "pm25": 2, "online": true}, {{{bad}}}, {"id": "c", "pm25": 3, "online": false}]}}""");

        Assert.Equal((RejectReason.BadTags, "item[1] tag 'station' at $.id is missing or not text/number"), Only(result));
        Assert.Equal([Key("pm25", "a"), Key("online", "a"), Key("pm25", "c"), Key("online", "c")], result.Samples.Select(s => s.Series));
    }

    [Fact]
    public void Map_TimestampEpochMilliseconds_Used()
    {
        var ts = ReceivedAt.AddMinutes(-5);

        var result = Map(Stations("ts"), $$$"""{"data": {"stations": [{"id": "a", "pm25": 2, "online": true, "ts": {{{ts.ToUnixTimeMilliseconds()}}}}]}}""");

        Assert.Empty(result.Rejections);
        Assert.All(result.Samples, s => Assert.Equal(ts, s.Timestamp));
    }

    [Fact]
    public void Map_TimestampEpochSeconds_UsedWhenTheUnitIsSeconds()
    {
        var ts = ReceivedAt.AddMinutes(-5);

        var whole = Map(Stations("ts", "s"), $$$"""{"data": {"stations": [{"id": "a", "pm25": 2, "online": true, "ts": {{{ts.ToUnixTimeSeconds()}}}}]}}""");
        var fraction = Map(Stations("ts", "s"), $$$"""{"data": {"stations": [{"id": "a", "pm25": 2, "online": true, "ts": {{{ts.ToUnixTimeSeconds()}}}.25}]}}""");

        Assert.Equal([ts, ts], whole.Samples.Select(s => s.Timestamp));
        Assert.Equal([ts.AddMilliseconds(250), ts.AddMilliseconds(250)], fraction.Samples.Select(s => s.Timestamp));
    }

    [Theory]
    [InlineData("2026-11-23T09:55:00+07:00", "ms")]
    [InlineData("2026-11-23T02:55:00Z", "ms")]
    [InlineData("2026-11-23T02:55:00Z", "s")]
    public void Map_TimestampRfc3339_UsedAsUtcWhateverTheUnit(string ts, string unit)
    {
        var result = Map(Stations("$.waktu", unit), $$$"""{"data": {"stations": [{"id": "a", "pm25": 2, "online": true, "waktu": "{{{ts}}}"}]}}""");

        Assert.Empty(result.Rejections);
        Assert.All(result.Samples, s => Assert.Equal(new DateTimeOffset(2026, 11, 23, 2, 55, 0, TimeSpan.Zero), s.Timestamp));
        Assert.All(result.Samples, s => Assert.Equal(TimeSpan.Zero, s.Timestamp.Offset));
    }

    [Theory]
    [InlineData("ms", "1795402800", RejectReason.TimestampOutOfRange)]               // seconds sent where milliseconds were configured: 1970
    [InlineData("ms", "1795575600001", RejectReason.TimestampOutOfRange)]            // more than a day ahead
    [InlineData("ms", "1e30", RejectReason.TimestampOutOfRange)]
    [InlineData("s", "1795402800000", RejectReason.TimestampOutOfRange)]             // milliseconds where seconds were configured
    [InlineData("s", "900000000", RejectReason.TimestampOutOfRange)]                 // 1998
    [InlineData("ms", "\"kemarin\"", RejectReason.BadTimestamp)]
    [InlineData("ms", "\"1999-12-31T23:59:59Z\"", RejectReason.TimestampOutOfRange)]
    [InlineData("s", "true", RejectReason.BadTimestamp)]
    public void Map_TimestampBadOrOutOfRange_RecordRefusedWholeOthersKept(string unit, string ts, string reason)
    {
        var good = ReceivedAt.AddMinutes(-1).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var result = Map(Stations("ts", unit), $$$"""{"data": {"stations": [{"id": "a", "pm25": 2, "online": true, "ts": {{{ts}}}}, {"id": "b", "pm25": 3, "online": true, "ts": "{{{good}}}"}]}}""");

        var (actualReason, detail) = Only(result);
        Assert.Equal(reason, actualReason);
        Assert.StartsWith("item[0] $.ts ", detail, StringComparison.Ordinal);
        Assert.Equal([Key("pm25", "b"), Key("online", "b")], result.Samples.Select(s => s.Series));
    }

    [Fact]
    public void Map_TimestampPathMissingInARecord_RecordRefusedNotStampedNow()
    {
        // Stamping a pulled record "now" would show an old reading as fresh.
        var result = Map(Stations("ts"), """{"data": {"stations": [{"id": "a", "pm25": 2, "online": true}]}}""");

        Assert.Empty(result.Samples);
        Assert.Equal((RejectReason.BadTimestamp, "item[0] no time at $.ts"), Only(result));
    }

    [Theory]
    [InlineData("""{"data": {"stations": {"id": "a"}}}""")]
    [InlineData("""{"data": {}}""")]
    [InlineData("""{"error": "unauthorised"}""")]
    [InlineData("""[]""")]
    public void Map_ItemsNotAnArray_OneRejectionNoSamples(string json)
    {
        var result = Map(Stations(), json);

        Assert.Equal((RejectReason.NotAnArray, "Items path $.data.stations is not an array in this document"), Only(result));
        Assert.Empty(result.Samples);
    }

    [Fact]
    public void Map_EmptyItems_NothingAndNoRejection()
    {
        var result = Map(Stations(), """{"data": {"stations": []}}""");

        Assert.Empty(result.Samples);
        Assert.Empty(result.Rejections);
    }

    [Fact]
    public void Map_MoreThanMaxItems_FirstMaxItemsMappedRestRefusedInOneRejection()
    {
        var spec = new JsonMappingSpec { Measurement = "air", Items = "$", Tags = new() { ["station"] = "id" }, Fields = new() { ["pm25"] = "v" } };
        var json = new StringBuilder("[");
        for (var i = 0; i < JsonRecordMapping.MaxItems + 5; i++)
        {
            json.Append(i == 0 ? "" : ",").Append("{\"id\":").Append(i).Append(",\"v\":").Append(i).Append('}');
        }

        var result = Map(spec, json.Append(']').ToString());

        Assert.Equal((RejectReason.TooManyItems, $"5 records after the first {JsonRecordMapping.MaxItems} were refused"), Only(result));
        Assert.Equal(JsonRecordMapping.MaxItems, result.Samples.Count);
        Assert.Equal(JsonRecordMapping.MaxItems - 1, result.Samples[^1].Value);
    }

    [Fact]
    public void Map_ExactlyMaxItems_AllMappedNoRejection()
    {
        var spec = new JsonMappingSpec { Measurement = "air", Items = "$", Fields = new() { ["pm25"] = "$" } };
        var json = "[" + string.Join(',', Enumerable.Range(0, JsonRecordMapping.MaxItems)) + "]";

        var result = Map(spec, json);

        Assert.Empty(result.Rejections);
        Assert.Equal(JsonRecordMapping.MaxItems, result.Samples.Count);
    }

    [Fact]
    public void Map_Segments_BecomeTagsAndFillTheMeasurement()
    {
        var spec = new JsonMappingSpec { Measurement = "{kind}", Fields = new() { ["value"] = "$" } };
        var segments = new Dictionary<string, string> { ["kind"] = "pm25", ["station"] = "ispu-1" };

        var result = Map(spec, "38", segments, "kind", "station");

        Assert.Equal([new Sample(SeriesKey.Create("pm25", "value", ("kind", "pm25"), ("station", "ispu-1")), ReceivedAt, 38)], result.Samples);
    }

    [Fact]
    public void Map_LongValueInADetail_Shortened()
    {
        var result = Map(Stations(), $$$"""{"data": {"stations": [{"id": "a", "pm25": "{{{new string('x', 500)}}}", "online": true}]}}""");

        var (_, detail) = Only(result);
        Assert.Equal(201, detail.Length);
        Assert.EndsWith("…", detail, StringComparison.Ordinal);
    }
}
