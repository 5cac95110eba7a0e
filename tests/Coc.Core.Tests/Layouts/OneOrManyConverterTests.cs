using System.Text.Json;
using Coc.Core.Layouts;

namespace Coc.Core.Tests.Layouts;

public class OneOrManyConverterTests
{
    [Fact]
    public void Read_Object_ListOfOne()
    {
        var tile = JsonSerializer.Deserialize<TileDefinition>("""{"series": {"measurement": "rainfall", "field": "mm"}}""")!;

        Assert.Equal("rainfall", Assert.Single(tile.Series).Measurement);
    }

    [Fact]
    public void Read_Array_AllInOrder()
    {
        var tile = JsonSerializer.Deserialize<TileDefinition>("""{"series": [{"field": "a"}, {"field": "b"}, {"field": "c"}]}""")!;

        Assert.Equal(["a", "b", "c"], tile.Series.Select(s => s.Field));
    }

    [Fact]
    public void Read_EmptyArray_EmptyList()
    {
        var tile = JsonSerializer.Deserialize<TileDefinition>("""{"series": []}""")!;

        Assert.Empty(tile.Series);
    }

    [Theory]
    [InlineData("42")]
    [InlineData("\"rainfall\"")]
    [InlineData("true")]
    public void Read_Scalar_JsonException(string series)
    {
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<TileDefinition>($$"""{"series": {{series}}}"""));

        Assert.Contains("\"series\" must be", ex.Message);
    }

    [Fact]
    public void Write_List_Array()
    {
        var json = JsonSerializer.Serialize(new TileDefinition { Series = [new TileSeries { Measurement = "m", Field = "f" }] });

        Assert.Contains("\"series\":[{\"measurement\":\"m\",\"field\":\"f\"", json);
    }
}
