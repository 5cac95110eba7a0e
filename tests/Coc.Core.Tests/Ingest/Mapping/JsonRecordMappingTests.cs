using Coc.Core.Ingest.Mapping;

namespace Coc.Core.Tests.Ingest.Mapping;

public class JsonRecordMappingTests
{
    private const string Where = "Coc:Pull:Sources:0";

    private static JsonMappingSpec Good() => new()
    {
        Measurement = "pm25",
        Items = "$.stations",
        Tags = new() { ["station"] = "id" },
        Fields = new() { ["value"] = "$.pm25", ["aqi"] = "ispu" },
        Timestamp = "waktu",
        TimestampUnit = "s",
    };

    private static List<string> Errors(JsonMappingSpec spec, params string[] segments)
    {
        Assert.False(JsonRecordMapping.TryCompile(spec, segments, Where, out var mapping, out var errors));
        Assert.Null(mapping);
        return errors;
    }

    [Fact]
    public void TryCompile_GoodSpec_ParsesEveryPathOnce()
    {
        Assert.True(JsonRecordMapping.TryCompile(Good(), [], Where, out var mapping, out var errors));

        Assert.Empty(errors);
        Assert.Equal("pm25", mapping.Measurement);
        Assert.Equal("$.stations", mapping.Items!.ToString());
        Assert.Equal([("station", "$.id")], mapping.Tags.Select(t => (t.Name, t.Path.ToString())));
        Assert.Equal([("aqi", "$.ispu"), ("value", "$.pm25")], mapping.Fields.Select(f => (f.Name, f.Path.ToString())).Order());
        Assert.Equal("$.waktu", mapping.Timestamp!.ToString());
        Assert.True(mapping.TimestampInSeconds);
    }

    [Fact]
    public void TryCompile_NoItemsNoTimestamp_DocumentIsOneRecordStampedOnReceipt()
    {
        var spec = new JsonMappingSpec { Measurement = "rainfall", Fields = new() { ["mm"] = "$.curah_hujan" } };

        Assert.True(JsonRecordMapping.TryCompile(spec, [], Where, out var mapping, out _));

        Assert.Null(mapping.Items);
        Assert.Null(mapping.Timestamp);
        Assert.Empty(mapping.Tags);
        Assert.False(mapping.TimestampInSeconds);
    }

    [Fact]
    public void TryCompile_EverythingWrong_OneErrorPerProblemEachNamingItsKey()
    {
        var spec = new JsonMappingSpec
        {
            Measurement = " ",
            Items = "$..stations",
            Tags = new() { ["station"] = "$.id[", [""] = "$.x" },
            Fields = [],
            Timestamp = "$waktu",
            TimestampUnit = "ns",
        };

        var errors = Errors(spec);

        Assert.Equal(
        [
            $"{Where}:Measurement is required",
            $"{Where}:Items '$..stations' has an empty name at position 2",
            $"{Where}:Timestamp '$waktu' has 'w' at position 1 where '.' or '[' was expected",
            $"{Where}:Tags:station '$.id[' has a bad index at position 4 (use [0], [1], ... or ['name'])",
            $"{Where}:Tags has an empty name",
            $"{Where}:Fields needs at least one field name → JSON path",
            $"{Where}:TimestampUnit must be 'ms' or 's', got 'ns'",
        ], errors);
    }

    [Fact]
    public void TryCompile_BadFieldPath_NamesTheFieldKeyAndThePath()
    {
        var spec = Good();
        spec.Fields["pm10"] = "";

        Assert.Equal([$"{Where}:Fields:pm10 '' is empty"], Errors(spec));
    }

    [Fact]
    public void TryCompile_MeasurementPlaceholderNotASegment_Refused()
    {
        var spec = Good();
        spec.Measurement = "{kind}_{unit}";

        Assert.Equal(
        [
            $"{Where}:Measurement uses {{kind}}, which is not a named topic segment",
            $"{Where}:Measurement uses {{unit}}, which is not a named topic segment",
        ], Errors(spec));
        Assert.Equal([$"{Where}:Measurement uses {{unit}}, which is not a named topic segment"], Errors(spec, "kind"));
    }

    [Fact]
    public void MeasurementFor_NamedSegments_PutsTheirValuesIn()
    {
        var spec = Good();
        spec.Measurement = "{kind}_raw";
        Assert.True(JsonRecordMapping.TryCompile(spec, ["kind", "station"], Where, out var mapping, out _));

        Assert.Equal("pm25_raw", mapping.MeasurementFor(new Dictionary<string, string> { ["kind"] = "pm25" }));
        Assert.Equal("{kind}_raw", mapping.MeasurementFor(null));
        Assert.Equal("{kind}_raw", mapping.MeasurementFor(new Dictionary<string, string> { ["station"] = "x" }));
    }
}
