using Bunit;
using Coc.Core.Layouts;
using Coc.Web.Components.Tiles;
using Microsoft.Extensions.DependencyInjection;

namespace Coc.Web.Tests.Tiles;

public sealed class KpiTileTests : TileTestContext
{
    private static readonly TileSeries River = Series("water_level", "value", "pos-angso-duo");

    [Fact]
    public void Render_NoData_ShowsStaleMarkAndNoValue()
    {
        var cut = Context.Render<KpiTile>(p => p.Add(t => t.Tile, Tile(TileTypes.Kpi, River)));

        var root = cut.Find("[data-tile-id='kpi-tile']");
        Assert.Equal("true", root.GetAttribute("data-stale"));
        Assert.Equal("", root.GetAttribute("data-value"));
        Assert.NotNull(cut.Find(".stale-mark"));
    }

    [Fact]
    public void Render_SampleArrives_ShowsValueUnitTimestampAndFresh()
    {
        var cut = Context.Render<KpiTile>(p => p.Add(t => t.Tile, Tile(TileTypes.Kpi, River)));

        Publish(Key(River), 12.345);

        cut.WaitForAssertion(() =>
        {
            var root = cut.Find("[data-tile-id='kpi-tile']");
            Assert.Equal("12.345", root.GetAttribute("data-value"));
            Assert.Equal("2026-11-23T03:00:00.000Z", root.GetAttribute("data-ts"));
            Assert.Equal("false", root.GetAttribute("data-stale"));
        });
        // Bahasa Indonesia by default: comma decimals, two digits as the tile asks.
        Assert.Equal("12,35", cut.Find(".kpi-value").TextContent);
        Assert.Equal("m", cut.Find(".kpi-unit").TextContent);
        Assert.Empty(cut.FindAll(".stale-mark"));
    }

    [Fact]
    public async Task Render_SampleArrivesOnAThreadWithAnotherCulture_FormatsInTheScreensCulture()
    {
        var cut = Context.Render<KpiTile>(p => p.Add(t => t.Tile, Tile(TileTypes.Kpi, River)));

        // Ingest threads carry the process culture, not the screen's.
        await Task.Run(() =>
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("en-US");
            System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("en-US");
            Publish(Key(River), 1234.5);
        });

        cut.WaitForAssertion(() => Assert.Equal("1.234,50", cut.Find(".kpi-value").TextContent));
        Assert.Contains("dtk lalu", cut.Find(".tile-age").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoSampleForStaleAfter_TurnsStaleWithoutAnyNewSample()
    {
        var cut = Context.Render<KpiTile>(p => p.Add(t => t.Tile, Tile(TileTypes.Kpi, River)));
        Publish(Key(River), 11);
        cut.WaitForAssertion(() => Assert.Equal("false", cut.Find("[data-tile-id]").GetAttribute("data-stale")));

        Time.Advance(TimeSpan.FromSeconds(11));

        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("[data-tile-id]").GetAttribute("data-stale")));
        Assert.NotNull(cut.Find(".stale-mark"));
        Assert.Equal("11", cut.Find("[data-tile-id]").GetAttribute("data-value"));
    }

    [Fact]
    public void Render_ValueAboveThreshold_TakesThatLevelsColour()
    {
        var tile = Tile(TileTypes.Kpi, River);
        tile.Thresholds = [new Threshold { From = 0, Level = "ok" }, new Threshold { From = 12.5, Level = "critical" }];
        var cut = Context.Render<KpiTile>(p => p.Add(t => t.Tile, tile));

        Publish(Key(River), 13);

        cut.WaitForAssertion(() => Assert.Contains("level-critical", cut.Find("[data-tile-id]").ClassList));
    }

    [Fact]
    public void Render_RisingValues_ShowsUpTrend()
    {
        var cut = Context.Render<KpiTile>(p => p.Add(t => t.Tile, Tile(TileTypes.Kpi, River)));

        Publish(Key(River), 10);
        Time.Advance(TimeSpan.FromMinutes(1));
        Publish(Key(River), 11);
        Time.Advance(RenderInterval);

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find(".kpi-trend.trend-up")));
    }

    [Fact]
    public void Render_BurstOfSamples_CoalescesRendersUntilTheIntervalEnds()
    {
        var cut = Context.Render<KpiTile>(p => p.Add(t => t.Tile, Tile(TileTypes.Kpi, River)));
        var beforeFirst = cut.RenderCount;
        Publish(Key(River), 1);
        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("[data-tile-id]").GetAttribute("data-value")));
        var rendersAfterFirst = cut.RenderCount;
        var rendersPerUpdate = rendersAfterFirst - beforeFirst;

        for (var i = 2; i <= 50; i++)
        {
            Publish(Key(River), i);
        }

        // The lone first sample drew at once; the burst waits for the interval to end...
        Assert.Equal(rendersAfterFirst, cut.RenderCount);
        Time.Advance(RenderInterval);
        // ...and then draws once, with the newest value.
        cut.WaitForAssertion(() => Assert.Equal("50", cut.Find("[data-tile-id]").GetAttribute("data-value")));
        Assert.Equal(rendersAfterFirst + rendersPerUpdate, cut.RenderCount);
    }

    [Fact]
    public async Task Dispose_Tile_UnsubscribesFromLiveStateAndTicker()
    {
        Context.Render<KpiTile>(p => p.Add(t => t.Tile, Tile(TileTypes.Kpi, River)));
        var ticker = Context.Services.GetRequiredService<ScreenTicker>();
        Assert.Equal(1, Live.WatcherCount);
        Assert.Equal(1, ticker.ListenerCount);

        await Context.DisposeComponentsAsync();

        Assert.Equal(0, Live.WatcherCount);
        Assert.Equal(0, ticker.ListenerCount);
    }
}
