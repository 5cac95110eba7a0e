using Coc.Core.Layouts;

namespace Coc.Core.Tests.Layouts;

public class LayoutValidatorTests
{
    private const string File = "flood.json";

    private static LayoutError SingleError(WallLayout wall, string path)
    {
        var errors = LayoutValidator.Validate(wall, File);
        var error = Assert.Single(errors);
        Assert.Equal(path, error.Path);
        Assert.Equal(File, error.File);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        return error;
    }

    private static WallLayout With(Action<WallLayout> change)
    {
        var wall = LayoutSamples.ValidWall();
        change(wall);
        return wall;
    }

    [Fact]
    public void Validate_ValidWall_NoErrors()
    {
        Assert.Empty(LayoutValidator.Validate(LayoutSamples.ValidWall(), File));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Flood")]
    [InlineData("banjir kota")]
    [InlineData("-flood")]
    [InlineData("flood/2")]
    public void Validate_IdNotASlug_ErrorAtId(string id)
    {
        SingleError(With(w => w.Id = id), "$.id");
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    [InlineData(17, 1)]
    [InlineData(4, 5)]
    public void Validate_ScreensOutOfRange_ErrorAtScreens(int columns, int rows)
    {
        var errors = LayoutValidator.Validate(With(w => w.Screens = new GridSize { Columns = columns, Rows = rows }), File);

        Assert.Equal("$.screens", Assert.Single(errors).Path);
    }

    [Theory]
    [InlineData(0, 8)]
    [InlineData(49, 8)]
    [InlineData(12, 0)]
    [InlineData(12, 49)]
    public void Validate_GridOutOfRange_ErrorAtGrid(int columns, int rows)
    {
        SingleError(With(w => w.Grid = new GridSize { Columns = columns, Rows = rows }), "$.grid");
    }

    [Fact]
    public void Validate_GridNull_ErrorAtGrid()
    {
        SingleError(With(w => w.Grid = null!), "$.grid");
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Validate_TileIdMissing_ErrorAtTileId(string id)
    {
        SingleError(With(w => w.Scenes[0].Tiles[1].Id = id), "$.scenes[0].tiles[1].id");
    }

    [Fact]
    public void Validate_DuplicateTileId_ErrorAtSecondTileId()
    {
        var error = SingleError(With(w => w.Scenes[0].Tiles[1].Id = "water"), "$.scenes[0].tiles[1].id");

        Assert.Contains("'water'", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("meter")]
    [InlineData("KPI")]
    public void Validate_UnknownTileType_ErrorAtType(string type)
    {
        SingleError(With(w => w.Scenes[0].Tiles[1].Type = type), "$.scenes[0].tiles[1].type");
    }

    [Fact]
    public void Validate_NoScenes_ErrorAtScenes()
    {
        SingleError(With(w => w.Scenes.Clear()), "$.scenes");
    }

    [Fact]
    public void Validate_DuplicateSceneId_ErrorAtSecondScene()
    {
        var wall = With(w => w.Scenes.Add(new Scene { Id = "normal", Title = "Lagi" }));

        SingleError(wall, "$.scenes[1].id");
    }

    [Fact]
    public void Validate_DefaultSceneUnknown_ErrorAtDefaultScene()
    {
        SingleError(With(w => w.DefaultScene = "banjir"), "$.defaultScene");
    }

    [Fact]
    public void Validate_SameTileIdAndPlaceInTwoScenes_NoErrors()
    {
        var wall = With(w => w.Scenes.Add(new Scene { Id = "banjir", Title = "Banjir", Tiles = [.. LayoutSamples.ValidWall().Scenes[0].Tiles] }));

        Assert.Empty(LayoutValidator.Validate(wall, File));
    }

    [Fact]
    public void Validate_TileAcrossScreenBorder_NoErrors()
    {
        // Columns 10..13 of the 24-column wall: the last two of screen 1, the first two of screen 2.
        var wall = With(w => (w.Scenes[0].Tiles[0].X, w.Scenes[0].Tiles[0].W) = (10, 4));

        Assert.Empty(LayoutValidator.Validate(wall, File));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-2, 1)]
    public void Validate_WidthBelowOne_ErrorAtW(int w, int h)
    {
        SingleError(With(wall => (wall.Scenes[0].Tiles[0].W, wall.Scenes[0].Tiles[0].H) = (w, h)), "$.scenes[0].tiles[0].w");
    }

    [Theory]
    [InlineData(-1, 0, 2, 2)]
    [InlineData(0, -1, 2, 2)]
    [InlineData(23, 0, 2, 1)]
    [InlineData(0, 7, 1, 2)]
    [InlineData(24, 0, 1, 1)]
    public void Validate_TileOutsideGrid_ErrorAtTileX(int x, int y, int w, int h)
    {
        var error = SingleError(With(wall => (wall.Scenes[0].Tiles[0].X, wall.Scenes[0].Tiles[0].Y, wall.Scenes[0].Tiles[0].W, wall.Scenes[0].Tiles[0].H) = (x, y, w, h)), "$.scenes[0].tiles[0].x");

        Assert.Contains("24x8 grid (2x1 screens of 12x8)", error.Message);
    }

    [Theory]
    [InlineData(1, int.MaxValue)]
    [InlineData(int.MaxValue, 1)]
    [InlineData(int.MaxValue, int.MaxValue)]
    public void Validate_PlacementOverflowsInt_ErrorAtTileX(int x, int w)
    {
        SingleError(With(wall => (wall.Scenes[0].Tiles[0].X, wall.Scenes[0].Tiles[0].W) = (x, w)), "$.scenes[0].tiles[0].x");
    }

    [Fact]
    public void Validate_TileFillsGridExactly_NoErrors()
    {
        var wall = With(w =>
        {
            w.Scenes[0].Tiles.RemoveAt(1);
            (w.Scenes[0].Tiles[0].X, w.Scenes[0].Tiles[0].Y, w.Scenes[0].Tiles[0].W, w.Scenes[0].Tiles[0].H) = (0, 0, 24, 8);
        });

        Assert.Empty(LayoutValidator.Validate(wall, File));
    }

    [Fact]
    public void Validate_OverlappingTilesOnSameScreen_ErrorAtLaterTileNamingEarlier()
    {
        var wall = With(w =>
        {
            (w.Scenes[0].Tiles[1].X, w.Scenes[0].Tiles[1].Y) = (3, 1);
        });

        var error = SingleError(wall, "$.scenes[0].tiles[1]");

        Assert.Contains("'water'", error.Message);
        Assert.Contains("x=3 y=1", error.Message);
    }

    [Fact]
    public void Validate_SamePlaceOnDifferentScreens_NoErrors()
    {
        // Cell (12, 0) of the wall is cell (0, 0) of screen 2, where screen 1 has "water".
        var wall = With(w => (w.Scenes[0].Tiles[1].X, w.Scenes[0].Tiles[1].Y) = (12, 0));

        Assert.Empty(LayoutValidator.Validate(wall, File));
    }

    [Fact]
    public void Validate_AdjacentTiles_NoErrors()
    {
        var wall = With(w =>
        {
            (w.Scenes[0].Tiles[1].X, w.Scenes[0].Tiles[1].Y) = (4, 0);
        });

        Assert.Empty(LayoutValidator.Validate(wall, File));
    }

    [Fact]
    public void Validate_ThirdTileOverlapsSecond_ErrorAtThirdTile()
    {
        var wall = With(w => w.Scenes[0].Tiles.Add(new TileDefinition
        {
            Id = "rain-2", X = 19, Y = 4, W = 2, H = 2, Type = TileTypes.Bar,
            Series = [new TileSeries { Measurement = "rainfall", Field = "mm" }],
        }));

        Assert.Contains("'rain'", SingleError(wall, "$.scenes[0].tiles[2]").Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Validate_StaleAfterNotPositive_ErrorAtStaleAfterSeconds(double seconds)
    {
        SingleError(With(w => w.Scenes[0].Tiles[0].StaleAfterSeconds = seconds), "$.scenes[0].tiles[0].staleAfterSeconds");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(7)]
    public void Validate_DecimalsOutOfRange_ErrorAtDecimals(int decimals)
    {
        SingleError(With(w => w.Scenes[0].Tiles[0].Decimals = decimals), "$.scenes[0].tiles[0].decimals");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1441)]
    public void Validate_MinutesOutOfRange_ErrorAtMinutes(int minutes)
    {
        SingleError(With(w => w.Scenes[0].Tiles[1].Minutes = minutes), "$.scenes[0].tiles[1].minutes");
    }

    [Fact]
    public void Validate_NoSeries_ErrorAtSeries()
    {
        SingleError(With(w => w.Scenes[0].Tiles[1].Series = []), "$.scenes[0].tiles[1].series");
    }

    [Fact]
    public void Validate_KpiWithTwoSeries_ErrorAtSeries()
    {
        var error = SingleError(With(w => w.Scenes[0].Tiles[0].Series.Add(new TileSeries { Measurement = "water_level", Field = "value" })), "$.scenes[0].tiles[0].series");

        Assert.Contains("kpi", error.Message);
    }

    [Theory]
    [InlineData(null, "mm", "measurement")]
    [InlineData("rainfall", null, "field")]
    [InlineData("rainfall", " ", "field")]
    public void Validate_SeriesMissingPart_ErrorAtThatSeries(string? measurement, string? field, string missing)
    {
        var error = SingleError(With(w => w.Scenes[0].Tiles[1].Series[1] = new TileSeries { Measurement = measurement, Field = field }), "$.scenes[0].tiles[1].series[1]");

        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void Validate_UnknownThresholdLevel_ErrorAtThatThreshold()
    {
        var error = SingleError(With(w => w.Scenes[0].Tiles[0].Thresholds[1].Level = "danger"), "$.scenes[0].tiles[0].thresholds[1].level");

        Assert.Contains("'danger'", error.Message);
    }

    [Fact]
    public void Validate_SeveralProblems_AllReported()
    {
        var wall = With(w =>
        {
            w.Id = "Bad Id";
            w.Scenes[0].Tiles[0].Decimals = 9;
            w.Scenes[0].Tiles[1].Type = "pie";
        });

        var paths = LayoutValidator.Validate(wall, File).Select(e => e.Path);

        Assert.Equal(["$.id", "$.scenes[0].tiles[0].decimals", "$.scenes[0].tiles[1].type"], paths);
    }

    [Fact]
    public void LayoutError_ToString_FilePathAndMessage()
    {
        Assert.Equal("a.json: $.scenes[0].tiles[0].w: too small", new LayoutError("a.json", "$.scenes[0].tiles[0].w", "too small").ToString());
    }
}
