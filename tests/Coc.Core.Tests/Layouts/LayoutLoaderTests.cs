using Coc.Tests.Shared;
using Coc.Core.Layouts;
using Coc.Core.Series;
using Coc.Core.Tests.Support;

namespace Coc.Core.Tests.Layouts;

public sealed class LayoutLoaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void LoadDirectory_ValidWall_LoadedWithItsTilesAndSourceFile()
    {
        _folder.Write("traffic.json", LayoutSamples.TrafficWallJson);

        var result = LayoutLoader.LoadDirectory(_folder.Path);

        Assert.Empty(result.Errors);
        var wall = Assert.Single(result.Walls);
        Assert.Equal("traffic", wall.Id);
        Assert.Equal("traffic.json", wall.SourceFile);
        Assert.Equal(2, wall.ScreenCount);
        Assert.Equal(["water", "vehicles"], wall.Tiles.Select(t => t.Id));
        Assert.Equal("vehicles", Assert.Single(wall.TilesOnScreen(wall.StartScene, 2)).Id);
        Assert.Equal(60, wall.Scenes[0].Tiles[1].Minutes);
        Assert.Equal(30, wall.Scenes[0].Tiles[0].StaleAfterSeconds);
    }

    [Fact]
    public void Parse_SeriesAsObject_OneSeries()
    {
        var (wall, errors) = LayoutLoader.Parse(LayoutSamples.TrafficWallJson, "traffic.json");

        Assert.Empty(errors);
        var keys = wall!.Scenes[0].Tiles[0].SeriesKeys();
        Assert.Equal(SeriesKey.Create("water_level", "value", ("sensor", "batanghari-1")), Assert.Single(keys));
    }

    [Fact]
    public void Parse_SeriesAsArray_AllSeriesInOrder()
    {
        var (wall, errors) = LayoutLoader.Parse(LayoutSamples.TrafficWallJson, "traffic.json");

        Assert.Empty(errors);
        Assert.Equal(
            ["simpang-kawat", "simpang-rimbo"],
            wall!.Scenes[0].Tiles[1].SeriesKeys().Select(k => k.Tags["intersection"]));
        Assert.Equal("Simpang Kawat", wall.Scenes[0].Tiles[1].Series[0].Label);
    }

    [Fact]
    public void Parse_RuleBroken_NoWallAndErrorNamesFileAndPath()
    {
        var json = LayoutSamples.TrafficWallJson.Replace("\"x\": 12,", "\"x\": 20,", StringComparison.Ordinal);

        var (wall, errors) = LayoutLoader.Parse(json, "traffic.json");

        Assert.Null(wall);
        var error = Assert.Single(errors);
        Assert.Equal("traffic.json", error.File);
        Assert.Equal("$.scenes[0].tiles[1].x", error.Path);
    }

    [Fact]
    public void Parse_InvalidJson_ErrorNamesFileAndLine()
    {
        var json = "{\n  \"id\": \"traffic\"\n  \"screens\": 1\n}";

        var (wall, errors) = LayoutLoader.Parse(json, "broken.json");

        Assert.Null(wall);
        var error = Assert.Single(errors);
        Assert.Equal("broken.json", error.File);
        Assert.Contains("line 3", error.Message);
        Assert.Contains("broken.json", error.ToString());
        Assert.DoesNotContain("Path:", error.Message);
    }

    [Fact]
    public void Parse_WrongValueType_ErrorPathPointsAtProperty()
    {
        var json = LayoutSamples.TrafficWallJson.Replace("\"x\": 12,", "\"x\": \"twelve\",", StringComparison.Ordinal);

        var (wall, errors) = LayoutLoader.Parse(json, "traffic.json");

        Assert.Null(wall);
        var error = Assert.Single(errors);
        Assert.Equal("$.scenes[0].tiles[1].x", error.Path);
        Assert.Contains("line ", error.Message);
    }

    [Fact]
    public void Parse_SeriesNeitherObjectNorArray_ErrorAtSeries()
    {
        var json = """{"id": "w", "scenes": [{"id": "s", "tiles": [{"id": "t", "type": "kpi", "series": "water_level"}]}]}""";

        var (wall, errors) = LayoutLoader.Parse(json, "w.json");

        Assert.Null(wall);
        var error = Assert.Single(errors);
        Assert.Equal("$.scenes[0].tiles[0].series", error.Path);
        // The schema reports it first: a string is neither a series object nor an array of them.
        Assert.Contains("a series object or an array of them", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_EmptyText_ErrorNotException(string json)
    {
        var (wall, errors) = LayoutLoader.Parse(json, "empty.json");

        Assert.Null(wall);
        Assert.Equal("empty.json", Assert.Single(errors).File);
    }

    [Fact]
    public void Parse_JsonNull_ErrorAtRoot()
    {
        var (wall, errors) = LayoutLoader.Parse("null", "null.json");

        Assert.Null(wall);
        Assert.Equal("$", Assert.Single(errors).Path);
    }

    [Theory]
    [InlineData("""{"id": null, "scenes": [{"id": "s", "tiles": []}]}""", "$.id")]
    [InlineData("""{"id": "w", "scenes": null}""", "$.scenes")]
    [InlineData("""{"id": "w", "scenes": [null]}""", "$.scenes[0]")]
    [InlineData("""{"id": "w", "screens": null, "scenes": [{"id": "s", "tiles": []}]}""", "$.screens")]
    [InlineData("""{"id": "w", "scenes": [{"id": "s", "tiles": null}]}""", "$.scenes[0].tiles")]
    [InlineData("""{"id": "w", "scenes": [{"id": "s", "tiles": [null]}]}""", "$.scenes[0].tiles[0]")]
    [InlineData("""{"id": "w", "scenes": [{"id": "s", "tiles": [{"id": "t", "type": "kpi", "series": null}]}]}""", "$.scenes[0].tiles[0].series")]
    [InlineData("""{"id": "w", "scenes": [{"id": "s", "tiles": [{"id": "t", "type": "kpi", "series": [null]}]}]}""", "$.scenes[0].tiles[0].series[0]")]
    [InlineData("""{"id": "w", "scenes": [{"id": "s", "tiles": [{"id": "t", "type": "kpi", "series": {"measurement": "m", "field": "f"}, "thresholds": null}]}]}""", "$.scenes[0].tiles[0].thresholds")]
    [InlineData("""{"id": "w", "scenes": [{"id": "s", "tiles": [{"id": "t", "type": "kpi", "series": {"measurement": "m", "field": "f"}, "thresholds": [null]}]}]}""", "$.scenes[0].tiles[0].thresholds[0]")]
    // The schema reports the null tag first, at its place in the file (the model would call it series[0]).
    [InlineData("""{"id": "w", "scenes": [{"id": "s", "tiles": [{"id": "t", "type": "kpi", "series": {"measurement": "m", "field": "f", "tags": {"sensor": null}}}]}]}""", "$.scenes[0].tiles[0].series.tags.sensor")]
    [InlineData("""{"id": "w", "scenes": [{"id": "s", "tiles": [{"id": "t", "type": "kpi", "series": [{"measurement": "m", "field": "f", "tags": {"sensor": null}}]}]}]}""", "$.scenes[0].tiles[0].series[0].tags.sensor")]
    public void Parse_NullWhereValueExpected_ErrorAtThatPathNotException(string json, string path)
    {
        var (wall, errors) = LayoutLoader.Parse(json, "nulls.json");

        Assert.Null(wall);
        var error = Assert.Single(errors);
        Assert.Equal(path, error.Path);
        Assert.Equal("nulls.json", error.File);
    }

    [Fact]
    public void LoadDirectory_OneBrokenOneGood_GoodLoadedBrokenReported()
    {
        _folder.Write("a-broken.json", "{ \"id\": \"broken\", \"tiles\": [ ");
        _folder.Write("b-good.json", LayoutSamples.TrafficWallJson);

        var result = LayoutLoader.LoadDirectory(_folder.Path);

        Assert.Equal("traffic", Assert.Single(result.Walls).Id);
        var error = Assert.Single(result.Errors);
        Assert.Equal("a-broken.json", error.File);
    }

    [Fact]
    public void LoadDirectory_OneInvalidOneGood_InvalidReportedWithAllItsErrors()
    {
        var invalid = LayoutSamples.Wall("bad").Replace("\"decimals\"", "\"x\"", StringComparison.Ordinal)
            .Replace("\"type\": \"kpi\"", "\"type\": \"meter\"", StringComparison.Ordinal)
            .Replace("\"minutes\": 60", "\"minutes\": 0", StringComparison.Ordinal);
        _folder.Write("bad.json", invalid);
        _folder.Write("good.json", LayoutSamples.Wall("good"));

        var result = LayoutLoader.LoadDirectory(_folder.Path);

        Assert.Equal("good", Assert.Single(result.Walls).Id);
        Assert.Equal(["$.scenes[0].tiles[0].type", "$.scenes[0].tiles[1].minutes"], result.Errors.Select(e => e.Path));
        Assert.All(result.Errors, e => Assert.Equal("bad.json", e.File));
    }

    [Fact]
    public void LoadDirectory_SameWallIdInTwoFiles_FirstKeptSecondReported()
    {
        _folder.Write("a.json", LayoutSamples.Wall("traffic"));
        _folder.Write("b.json", LayoutSamples.Wall("traffic"));

        var result = LayoutLoader.LoadDirectory(_folder.Path);

        Assert.Equal("a.json", Assert.Single(result.Walls).SourceFile);
        var error = Assert.Single(result.Errors);
        Assert.Equal("b.json", error.File);
        Assert.Equal("$.id", error.Path);
        Assert.Contains("'traffic'", error.Message);
    }

    [Fact]
    public void LoadDirectory_DistinctIds_AllLoadedInFileOrder()
    {
        _folder.Write("2-briefing.json", LayoutSamples.Wall("briefing"));
        _folder.Write("1-traffic.json", LayoutSamples.Wall("traffic"));
        _folder.Write("10-flood.json", LayoutSamples.Wall("flood"));

        var result = LayoutLoader.LoadDirectory(_folder.Path);

        Assert.Empty(result.Errors);
        Assert.Equal(["traffic", "flood", "briefing"], result.Walls.Select(w => w.Id));
    }

    [Fact]
    public void LoadDirectory_SchemaFile_Skipped()
    {
        _folder.Write("wall.schema.json", """{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object"}""");
        _folder.Write("WALL.SCHEMA.JSON", "not even json");
        _folder.Write("traffic.json", LayoutSamples.TrafficWallJson);

        var result = LayoutLoader.LoadDirectory(_folder.Path);

        Assert.Empty(result.Errors);
        Assert.Equal("traffic", Assert.Single(result.Walls).Id);
    }

    [Fact]
    public void LoadDirectory_NonJsonFiles_Ignored()
    {
        _folder.Write("README.md", "# walls");
        _folder.Write("traffic.json.bak", "{");

        var result = LayoutLoader.LoadDirectory(_folder.Path);

        Assert.Empty(result.Errors);
        Assert.Empty(result.Walls);
    }

    [Fact]
    public void LoadDirectory_OverlappingTiles_FileRejectedWithOverlapError()
    {
        var json = LayoutSamples.TrafficWallJson.Replace("\"x\": 12,", "\"x\": 2,", StringComparison.Ordinal);
        _folder.Write("traffic.json", json);

        var result = LayoutLoader.LoadDirectory(_folder.Path);

        Assert.Empty(result.Walls);
        var error = Assert.Single(result.Errors);
        Assert.Equal("$.scenes[0].tiles[1]", error.Path);
        Assert.Contains("overlaps tile 'water'", error.Message);
    }

    [Fact]
    public void LoadDirectory_MissingFolder_ErrorNotException()
    {
        var missing = Path.Combine(_folder.Path, "nope");

        var result = LayoutLoader.LoadDirectory(missing);

        Assert.Empty(result.Walls);
        Assert.Equal(missing, Assert.Single(result.Errors).File);
    }

    [Fact]
    public void LoadDirectory_EmptyFolder_NothingLoadedNoErrors()
    {
        var result = LayoutLoader.LoadDirectory(_folder.Path);

        Assert.Empty(result.Walls);
        Assert.Empty(result.Errors);
    }
}
