using System.Text.Json;
using Coc.Core.Series;

namespace Coc.Core.Tests.Series;

public class SeriesDtoTests
{
    [Fact]
    public void ToKey_Complete_KeyWithTags()
    {
        var dto = new SeriesDto { Measurement = "atcs", Field = "vehicles", Tags = new() { ["intersection"] = "simpang-kawat" } };

        var key = dto.ToKey(out var error);

        Assert.Null(error);
        Assert.Equal(SeriesKey.Create("atcs", "vehicles", ("intersection", "simpang-kawat")), key);
    }

    [Theory]
    [InlineData(null, "vehicles", "measurement")]
    [InlineData(" ", "vehicles", "measurement")]
    [InlineData("atcs", null, "field")]
    [InlineData("atcs", "", "field")]
    public void ToKey_MissingPart_NullWithReasonNamingIt(string? measurement, string? field, string missing)
    {
        var key = new SeriesDto { Measurement = measurement, Field = field }.ToKey(out var error);

        Assert.Null(key);
        Assert.Contains($"\"{missing}\"", error);
    }

    [Fact]
    public void ToKey_JsonTagWithNullValue_NullWithReasonNamingTag()
    {
        var dto = JsonSerializer.Deserialize<SeriesDto>("""{"measurement": "atcs", "field": "vehicles", "tags": {"intersection": null}}""")!;

        var key = dto.ToKey(out var error);

        Assert.Null(key);
        Assert.Contains("'intersection'", error);
    }

    [Fact]
    public void From_Key_RoundTripsThroughJson()
    {
        var key = SeriesKey.Create("air_quality", "pm25", ("sensor", "aq-07"), ("district", "telanaipura"));

        var json = JsonSerializer.Serialize(SeriesDto.From(key));
        var back = JsonSerializer.Deserialize<SeriesDto>(json)!.ToKey(out _);

        Assert.Contains("\"measurement\":\"air_quality\"", json);
        Assert.Equal(key, back);
    }
}
