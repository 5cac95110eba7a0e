using Coc.Core.Layouts;

namespace Coc.Core.Tests.Layouts;

public class WallLayoutTests
{
    private static readonly List<Threshold> WaterLevels =
    [
        new() { From = 0, Level = ThresholdLevels.Ok },
        new() { From = 300, Level = ThresholdLevels.Info },
        new() { From = 400, Level = ThresholdLevels.Warning },
        new() { From = 500, Level = ThresholdLevels.Critical },
    ];

    [Theory]
    [InlineData(0, ThresholdLevels.Ok)]
    [InlineData(299.9, ThresholdLevels.Ok)]
    [InlineData(300, ThresholdLevels.Info)]
    [InlineData(450, ThresholdLevels.Warning)]
    [InlineData(500, ThresholdLevels.Critical)]
    [InlineData(10_000, ThresholdLevels.Critical)]
    public void LevelFor_Value_HighestThresholdReached(double value, string expected)
    {
        Assert.Equal(expected, ThresholdLevels.LevelFor(WaterLevels, value));
    }

    [Fact]
    public void LevelFor_BelowAllThresholds_Null()
    {
        Assert.Null(ThresholdLevels.LevelFor(WaterLevels, -1));
    }

    [Fact]
    public void LevelFor_NoThresholds_Null()
    {
        Assert.Null(ThresholdLevels.LevelFor([], 42));
    }

    [Fact]
    public void LevelFor_ThresholdsOutOfOrder_StillHighestReached()
    {
        List<Threshold> shuffled = [WaterLevels[3], WaterLevels[0], WaterLevels[2], WaterLevels[1]];

        Assert.Equal(ThresholdLevels.Warning, ThresholdLevels.LevelFor(shuffled, 420));
        Assert.Equal(ThresholdLevels.Info, ThresholdLevels.LevelFor(shuffled, 320));
    }

    [Fact]
    public void LevelFor_NegativeThresholds_Applied()
    {
        // e.g. a speed drop below normal: negative deviations are ordinary values.
        List<Threshold> deviation = [new() { From = -50, Level = ThresholdLevels.Critical }, new() { From = -10, Level = ThresholdLevels.Ok }];

        Assert.Equal(ThresholdLevels.Critical, ThresholdLevels.LevelFor(deviation, -30));
        Assert.Equal(ThresholdLevels.Ok, ThresholdLevels.LevelFor(deviation, 0));
    }

    [Fact]
    public void LevelFor_NaN_Null()
    {
        Assert.Null(ThresholdLevels.LevelFor(WaterLevels, double.NaN));
    }

    [Fact]
    public void TilesOnScreen_Screen_OnlyThatScreensTiles()
    {
        var wall = LayoutSamples.ValidWall();

        Assert.Equal(["water"], wall.TilesOnScreen(wall.StartScene, 1).Select(t => t.Id));
        Assert.Equal(["rain"], wall.TilesOnScreen(wall.StartScene, 2).Select(t => t.Id));
    }

    [Fact]
    public void TilesOnScreen_TileAcrossTheBorder_OnBothScreens()
    {
        var wall = LayoutSamples.ValidWall();
        (wall.Scenes[0].Tiles[0].X, wall.Scenes[0].Tiles[0].W) = (10, 4);

        Assert.Contains(wall.TilesOnScreen(wall.StartScene, 1), t => t.Id == "water");
        Assert.Contains(wall.TilesOnScreen(wall.StartScene, 2), t => t.Id == "water");
    }

    [Theory]
    [InlineData(1, 0, 0)]
    [InlineData(2, 12, 0)]
    [InlineData(3, 0, 8)]
    [InlineData(4, 12, 8)]
    public void ScreenOrigin_TwoByTwoWall_NumberedAlongEachRow(int screen, int x, int y)
    {
        var wall = LayoutSamples.ValidWall();
        wall.Screens = new GridSize { Columns = 2, Rows = 2 };

        Assert.Equal((x, y), wall.ScreenOrigin(screen));
    }

    [Fact]
    public void StartScene_DefaultSceneSet_ThatScene()
    {
        var wall = LayoutSamples.ValidWall();
        wall.Scenes.Add(new Scene { Id = "banjir" });
        wall.DefaultScene = "banjir";

        Assert.Equal("banjir", wall.StartScene.Id);
        Assert.Equal("normal", wall.FindScene("normal")!.Id);
        Assert.Null(wall.FindScene("tidak-ada"));
    }

    [Fact]
    public void SeriesKeys_OneIncomplete_SkipsIt()
    {
        var tile = new TileDefinition { Series = [new TileSeries { Measurement = "m", Field = "f" }, new TileSeries { Measurement = "m" }] };

        Assert.Equal("m#f", Assert.Single(tile.SeriesKeys()).Id);
    }

    [Theory]
    [InlineData("Sungai", "value", "batanghari-1", "Sungai")]
    [InlineData(null, "value", "batanghari-1", "batanghari-1")]
    [InlineData(null, "value", null, "value")]
    public void DisplayLabel_Fallbacks_LabelThenTagThenField(string? label, string field, string? tag, string expected)
    {
        var series = new TileSeries { Label = label, Field = field, Tags = tag is null ? null : new() { ["sensor"] = tag } };

        Assert.Equal(expected, series.DisplayLabel);
    }

    [Fact]
    public void StaleAfter_Seconds_AsTimeSpan()
    {
        Assert.Equal(TimeSpan.FromSeconds(90), new TileDefinition { StaleAfterSeconds = 90 }.StaleAfter);
    }
}
