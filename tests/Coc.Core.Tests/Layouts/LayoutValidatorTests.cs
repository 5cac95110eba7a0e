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
    [InlineData(0)]
    [InlineData(17)]
    public void Validate_ScreensOutOfRange_ErrorAtScreens(int screens)
    {
        // Tiles sit on screens 1 and 2; keep them valid so only the wall's count is wrong.
        var wall = With(w =>
        {
            w.Screens = screens;
            w.Tiles.ForEach(t => t.Screen = Math.Max(1, Math.Min(t.Screen, screens)));
        });

        var errors = LayoutValidator.Validate(wall, File);

        Assert.Contains(errors, e => e.Path == "$.screens" && e.Message.Contains(screens.ToString(System.Globalization.CultureInfo.InvariantCulture)));
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
        SingleError(With(w => w.Tiles[1].Id = id), "$.tiles[1].id");
    }

    [Fact]
    public void Validate_DuplicateTileId_ErrorAtSecondTileId()
    {
        var error = SingleError(With(w => w.Tiles[1].Id = "water"), "$.tiles[1].id");

        Assert.Contains("'water'", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("meter")]
    [InlineData("KPI")]
    public void Validate_UnknownTileType_ErrorAtType(string type)
    {
        SingleError(With(w => w.Tiles[1].Type = type), "$.tiles[1].type");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void Validate_TileScreenOutOfRange_ErrorAtTileScreen(int screen)
    {
        var error = SingleError(With(w => w.Tiles[1].Screen = screen), "$.tiles[1].screen");

        Assert.Contains("1 to 2", error.Message);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-2, 1)]
    public void Validate_WidthBelowOne_ErrorAtW(int w, int h)
    {
        SingleError(With(wall => (wall.Tiles[0].W, wall.Tiles[0].H) = (w, h)), "$.tiles[0].w");
    }

    [Theory]
    [InlineData(-1, 0, 2, 2)]
    [InlineData(0, -1, 2, 2)]
    [InlineData(11, 0, 2, 1)]
    [InlineData(0, 7, 1, 2)]
    [InlineData(12, 0, 1, 1)]
    public void Validate_TileOutsideGrid_ErrorAtTileX(int x, int y, int w, int h)
    {
        var error = SingleError(With(wall => (wall.Tiles[0].X, wall.Tiles[0].Y, wall.Tiles[0].W, wall.Tiles[0].H) = (x, y, w, h)), "$.tiles[0].x");

        Assert.Contains("12x8", error.Message);
    }

    [Theory]
    [InlineData(1, int.MaxValue)]
    [InlineData(int.MaxValue, 1)]
    [InlineData(int.MaxValue, int.MaxValue)]
    public void Validate_PlacementOverflowsInt_ErrorAtTileX(int x, int w)
    {
        SingleError(With(wall => (wall.Tiles[0].X, wall.Tiles[0].W) = (x, w)), "$.tiles[0].x");
    }

    [Fact]
    public void Validate_TileFillsGridExactly_NoErrors()
    {
        var wall = With(w =>
        {
            w.Tiles.RemoveAt(1);
            (w.Tiles[0].X, w.Tiles[0].Y, w.Tiles[0].W, w.Tiles[0].H) = (0, 0, 12, 8);
        });

        Assert.Empty(LayoutValidator.Validate(wall, File));
    }

    [Fact]
    public void Validate_OverlappingTilesOnSameScreen_ErrorAtLaterTileNamingEarlier()
    {
        var wall = With(w =>
        {
            w.Tiles[1].Screen = 1;
            (w.Tiles[1].X, w.Tiles[1].Y) = (3, 1);
        });

        var error = SingleError(wall, "$.tiles[1]");

        Assert.Contains("'water'", error.Message);
        Assert.Contains("x=3 y=1", error.Message);
    }

    [Fact]
    public void Validate_SamePlaceOnDifferentScreens_NoErrors()
    {
        var wall = With(w => (w.Tiles[1].X, w.Tiles[1].Y) = (0, 0));

        Assert.Empty(LayoutValidator.Validate(wall, File));
    }

    [Fact]
    public void Validate_AdjacentTiles_NoErrors()
    {
        var wall = With(w =>
        {
            w.Tiles[1].Screen = 1;
            (w.Tiles[1].X, w.Tiles[1].Y) = (4, 0);
        });

        Assert.Empty(LayoutValidator.Validate(wall, File));
    }

    [Fact]
    public void Validate_ThirdTileOverlapsSecond_ErrorAtThirdTile()
    {
        var wall = With(w => w.Tiles.Add(new TileDefinition
        {
            Id = "rain-2", Screen = 2, X = 7, Y = 4, W = 2, H = 2, Type = TileTypes.Bar,
            Series = [new TileSeries { Measurement = "rainfall", Field = "mm" }],
        }));

        Assert.Contains("'rain'", SingleError(wall, "$.tiles[2]").Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Validate_StaleAfterNotPositive_ErrorAtStaleAfterSeconds(double seconds)
    {
        SingleError(With(w => w.Tiles[0].StaleAfterSeconds = seconds), "$.tiles[0].staleAfterSeconds");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(7)]
    public void Validate_DecimalsOutOfRange_ErrorAtDecimals(int decimals)
    {
        SingleError(With(w => w.Tiles[0].Decimals = decimals), "$.tiles[0].decimals");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1441)]
    public void Validate_MinutesOutOfRange_ErrorAtMinutes(int minutes)
    {
        SingleError(With(w => w.Tiles[1].Minutes = minutes), "$.tiles[1].minutes");
    }

    [Fact]
    public void Validate_NoSeries_ErrorAtSeries()
    {
        SingleError(With(w => w.Tiles[1].Series = []), "$.tiles[1].series");
    }

    [Fact]
    public void Validate_KpiWithTwoSeries_ErrorAtSeries()
    {
        var error = SingleError(With(w => w.Tiles[0].Series.Add(new TileSeries { Measurement = "water_level", Field = "value" })), "$.tiles[0].series");

        Assert.Contains("kpi", error.Message);
    }

    [Theory]
    [InlineData(null, "mm", "measurement")]
    [InlineData("rainfall", null, "field")]
    [InlineData("rainfall", " ", "field")]
    public void Validate_SeriesMissingPart_ErrorAtThatSeries(string? measurement, string? field, string missing)
    {
        var error = SingleError(With(w => w.Tiles[1].Series[1] = new TileSeries { Measurement = measurement, Field = field }), "$.tiles[1].series[1]");

        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void Validate_UnknownThresholdLevel_ErrorAtThatThreshold()
    {
        var error = SingleError(With(w => w.Tiles[0].Thresholds[1].Level = "danger"), "$.tiles[0].thresholds[1].level");

        Assert.Contains("'danger'", error.Message);
    }

    [Fact]
    public void Validate_SeveralProblems_AllReported()
    {
        var wall = With(w =>
        {
            w.Id = "Bad Id";
            w.Tiles[0].Decimals = 9;
            w.Tiles[1].Type = "pie";
        });

        var paths = LayoutValidator.Validate(wall, File).Select(e => e.Path);

        Assert.Equal(["$.id", "$.tiles[0].decimals", "$.tiles[1].type"], paths);
    }

    [Fact]
    public void LayoutError_ToString_FilePathAndMessage()
    {
        Assert.Equal("a.json: $.tiles[0].w: too small", new LayoutError("a.json", "$.tiles[0].w", "too small").ToString());
    }
}
