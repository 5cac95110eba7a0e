using System.Text.Json;
using Coc.Core.Ingest.Mapping;

namespace Coc.Core.Tests.Ingest.Mapping;

public class JsonPathTests
{
    private const string Document = """
        {"data": {"pm25": 38.5, "stations": [{"id": "ispu-kota-baru", "readings": [1, 2, 3]}, {"id": 7}], "none": null},
         "suhu udara": 31.2, "a.b": "dotted"}
        """;

    private static JsonElement Root() => JsonDocument.Parse(Document).RootElement;

    private static string? Resolve(string path) =>
        JsonPath.Parse(path).TryResolve(Root(), out var value) ? value.GetRawText() : null;

    [Theory]
    [InlineData("$.data.pm25", "38.5")]
    [InlineData("data.pm25", "38.5")]
    [InlineData("$.data.stations[0].id", "\"ispu-kota-baru\"")]
    [InlineData("data.stations[0].readings[2]", "3")]
    [InlineData("$.data.stations[1].id", "7")]
    [InlineData("$['suhu udara']", "31.2")]
    [InlineData("$['a.b']", "\"dotted\"")]
    [InlineData("$['data']['stations'][1]['id']", "7")]
    public void TryResolve_PresentValue_ReturnsIt(string path, string expectedRaw) => Assert.Equal(expectedRaw, Resolve(path));

    [Theory]
    [InlineData("$.data.pm10")]                  // missing property
    [InlineData("$.data.stations[2].id")]        // index past the end
    [InlineData("$.data.pm25.value")]            // a name on a number
    [InlineData("$.data.stations.id")]           // a name on an array
    [InlineData("$.data[0]")]                    // an index on an object
    [InlineData("$.data.none")]                  // JSON null counts as missing
    [InlineData("$.Data.pm25")]                  // names are case-sensitive
    public void TryResolve_NothingThere_ReturnsFalse(string path) => Assert.Null(Resolve(path));

    [Fact]
    public void Parse_Dollar_IsTheRootAndResolvesToTheDocument()
    {
        var path = JsonPath.Parse("$");

        Assert.True(path.IsRoot);
        Assert.True(path.TryResolve(JsonDocument.Parse("23.5").RootElement, out var value));
        Assert.Equal(23.5, value.GetDouble());
        Assert.False(path.TryResolve(JsonDocument.Parse("null").RootElement, out _));
    }

    [Theory]
    [InlineData("$.data.pm25", "$.data.pm25")]
    [InlineData("data.pm25", "$.data.pm25")]
    [InlineData("$['suhu udara'][0]", "$.suhu udara[0]")]
    public void ToString_NormalisedForm(string text, string expected) => Assert.Equal(expected, JsonPath.Parse(text).ToString());

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("   ", "is empty")]
    [InlineData(null, "is empty")]
    [InlineData("$..pm25", "has an empty name at position 2")]
    [InlineData("$.data.", "has an empty name at position 7")]
    [InlineData("$.data[", "has a bad index at position 6 (use [0], [1], ... or ['name'])")]
    [InlineData("$.data[x]", "has a bad index at position 6 (use [0], [1], ... or ['name'])")]
    [InlineData("$.data[-1]", "has a bad index at position 6 (use [0], [1], ... or ['name'])")]
    [InlineData("$.data[]", "has a bad index at position 6 (use [0], [1], ... or ['name'])")]
    [InlineData("$['suhu", "has an unclosed ['name'] at position 1")]
    [InlineData("$data", "has 'd' at position 1 where '.' or '[' was expected")]
    [InlineData("$.data[0]x", "has 'x' at position 9 where '.' or '[' was expected")]
    public void TryParse_Malformed_SaysWhatIsWrong(string? text, string expected)
    {
        Assert.False(JsonPath.TryParse(text, out var path, out var error));

        Assert.Null(path);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Parse_Malformed_ThrowsFormatExceptionNamingThePath()
    {
        var ex = Assert.Throws<FormatException>(() => JsonPath.Parse("$.a["));

        Assert.Equal("JSON path '$.a[' has a bad index at position 3 (use [0], [1], ... or ['name'])", ex.Message);
    }

    [Fact]
    public void TryParse_PathWithoutDollarStartingWithAnIndex_ReadsAsFromTheRoot()
    {
        using var doc = System.Text.Json.JsonDocument.Parse("""[{"value": 4}]""");

        Assert.True(JsonPath.TryParse("[0].value", out var path, out _));

        Assert.Equal("$[0].value", path.Text);
        Assert.True(path.TryResolve(doc.RootElement, out var value));
        Assert.Equal(4, value.GetInt32());
    }

    [Fact]
    public void TryParse_ErrorPosition_CountsInTheConfiguredText()
    {
        Assert.False(JsonPath.TryParse("data..pm", out _, out var error));

        Assert.Equal("has an empty name at position 5", error);
    }
}
