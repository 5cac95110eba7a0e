using Bunit;
using Coc.Core.Layouts;
using Coc.Web.Components.Tiles;
using Microsoft.Extensions.DependencyInjection;

namespace Coc.Web.Tests.Tiles;

public sealed class GaugeTileTests : TileTestContext
{
    private static readonly TileSeries Air = Series("ispu", "value", "ispu-telanaipura");

    /// <summary>ISPU categories: Baik 0–50, Sedang 51–100, Tidak Sehat 101–200, Sangat Tidak Sehat 201–300, Berbahaya &gt; 300.</summary>
    private static TileDefinition IspuGauge()
    {
        var tile = Tile(TileTypes.Gauge, Air);
        tile.Unit = "ISPU";
        tile.Decimals = 0;
        tile.Min = 0;
        tile.Max = 400;
        tile.Thresholds =
        [
            new Threshold { From = 0, Level = "ok", Label = "Baik" },
            new Threshold { From = 51, Level = "info", Label = "Sedang" },
            new Threshold { From = 101, Level = "warning", Label = "Tidak Sehat" },
            new Threshold { From = 201, Level = "critical", Label = "Sangat Tidak Sehat" },
            new Threshold { From = 301, Level = "critical", Label = "Berbahaya" },
        ];
        return tile;
    }

    [Theory]
    [InlineData(30, "level-ok", "Baik")]
    [InlineData(51, "level-info", "Sedang")]
    [InlineData(100, "level-info", "Sedang")]
    [InlineData(150, "level-warning", "Tidak Sehat")]
    [InlineData(250, "level-critical", "Sangat Tidak Sehat")]
    [InlineData(350, "level-critical", "Berbahaya")]
    public void Render_IspuValue_TakesItsBandsColourAndLabel(double value, string levelClass, string label)
    {
        var cut = Context.Render<GaugeTile>(p => p.Add(t => t.Tile, IspuGauge()));

        Publish(Key(Air), value);

        cut.WaitForAssertion(() => Assert.Equal(label, cut.Find(".gauge-label").TextContent));
        var root = cut.Find("[data-tile-id='gauge-tile']");
        Assert.Contains(levelClass, root.ClassList);
        Assert.Single(root.ClassList, c => c.StartsWith("level-", StringComparison.Ordinal));
        Assert.Equal(value.ToString(System.Globalization.CultureInfo.InvariantCulture), root.GetAttribute("data-value"));
        Assert.Equal(value.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("id-ID")), cut.Find(".gauge-value").TextContent);
        Assert.Equal("ISPU", cut.Find(".gauge-unit").TextContent);
    }

    [Fact]
    public void Render_Thresholds_DrawsOneBandPerLevelInOrder()
    {
        var cut = Context.Render<GaugeTile>(p => p.Add(t => t.Tile, IspuGauge()));

        var bands = cut.FindAll(".gauge-band");

        Assert.Equal(["0", "51", "101", "201", "301"], bands.Select(b => b.GetAttribute("data-from")));
        Assert.Equal(["level-ok", "level-info", "level-warning", "level-critical", "level-critical"],
            bands.Select(b => b.ClassList.Single(c => c.StartsWith("level-", StringComparison.Ordinal))));
        Assert.All(bands, b => Assert.StartsWith("M ", b.GetAttribute("d"), StringComparison.Ordinal));
    }

    [Fact]
    public void Render_ThresholdOutsideTheDial_HasNoBand()
    {
        var tile = IspuGauge();
        tile.Max = 150; // the two top bands start beyond the dial's end

        var cut = Context.Render<GaugeTile>(p => p.Add(t => t.Tile, tile));

        Assert.Equal(["0", "51", "101"], cut.FindAll(".gauge-band").Select(b => b.GetAttribute("data-from")));
    }

    [Fact]
    public void Render_NoData_StaleWithoutFillOrLabel()
    {
        var cut = Context.Render<GaugeTile>(p => p.Add(t => t.Tile, IspuGauge()));

        Assert.Equal("true", cut.Find("[data-tile-id]").GetAttribute("data-stale"));
        Assert.Empty(cut.FindAll(".gauge-fill"));
        Assert.Empty(cut.FindAll(".gauge-needle"));
        Assert.Equal("", cut.Find(".gauge-label").TextContent);
        Assert.Equal("—", cut.Find(".gauge-value").TextContent);
    }

    [Fact]
    public void Render_ValueBeyondMax_FillCoversTheWholeTrack()
    {
        var cut = Context.Render<GaugeTile>(p => p.Add(t => t.Tile, IspuGauge()));

        Publish(Key(Air), 999);

        cut.WaitForAssertion(() => Assert.Equal(cut.Find(".gauge-track").GetAttribute("d"), cut.Find(".gauge-fill").GetAttribute("d")));
    }

    [Fact]
    public void Render_ValueAtMin_NoFillButNeedle()
    {
        var cut = Context.Render<GaugeTile>(p => p.Add(t => t.Tile, IspuGauge()));

        Publish(Key(Air), 0);

        cut.WaitForAssertion(() => Assert.Equal("0", cut.Find("[data-tile-id]").GetAttribute("data-value")));
        Assert.Empty(cut.FindAll(".gauge-fill"));
        Assert.NotNull(cut.Find(".gauge-needle"));
    }

    [Fact]
    public void Render_NoSampleForStaleAfter_TurnsStaleKeepingTheValue()
    {
        var cut = Context.Render<GaugeTile>(p => p.Add(t => t.Tile, IspuGauge()));
        Publish(Key(Air), 120);
        cut.WaitForAssertion(() => Assert.Equal("false", cut.Find("[data-tile-id]").GetAttribute("data-stale")));

        Time.Advance(TimeSpan.FromSeconds(11));

        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("[data-tile-id]").GetAttribute("data-stale")));
        Assert.NotNull(cut.Find(".stale-mark"));
        Assert.Equal("Tidak Sehat", cut.Find(".gauge-label").TextContent);
    }

    [Fact]
    public void Reached_EqualFroms_LaterWinsLikeLevelFor()
    {
        Threshold[] thresholds = [new() { From = 5, Level = "info", Label = "a" }, new() { From = 5, Level = "warning", Label = "b" }];

        Assert.Equal("b", ThresholdLevels.Reached(thresholds, 6)?.Label);
        Assert.Equal(ThresholdLevels.LevelFor(thresholds, 6), ThresholdLevels.Reached(thresholds, 6)?.Level);
        Assert.Null(ThresholdLevels.Reached(thresholds, 4));
    }

    [Fact]
    public async Task Dispose_Tile_UnsubscribesFromLiveStateAndTicker()
    {
        Context.Render<GaugeTile>(p => p.Add(t => t.Tile, IspuGauge()));
        var ticker = Context.Services.GetRequiredService<ScreenTicker>();
        Assert.Equal(1, Live.WatcherCount);
        Assert.Equal(1, ticker.ListenerCount);

        await Context.DisposeComponentsAsync();

        Assert.Equal(0, Live.WatcherCount);
        Assert.Equal(0, ticker.ListenerCount);
    }
}
