using Bunit;
using Coc.Core.Layouts;
using Coc.Web.Components.Tiles;

namespace Coc.Web.Tests.Tiles;

public sealed class MultiSeriesTileTests : TileTestContext
{
    private static readonly TileSeries Telanaipura = Series("pm25", "value", "ispu-telanaipura", "Telanaipura");
    private static readonly TileSeries KotaBaru = Series("pm25", "value", "ispu-kota-baru", "Kota Baru");

    [Fact]
    public void BarTile_TwoSeries_DrawsABarPerSeriesWithItsValue()
    {
        var cut = Context.Render<BarTile>(p => p.Add(t => t.Tile, Tile(TileTypes.Bar, Telanaipura, KotaBaru)));

        Publish(Key(Telanaipura), 40);
        Time.Advance(RenderInterval);
        Publish(Key(KotaBaru), 20);
        Time.Advance(RenderInterval);

        cut.WaitForAssertion(() => Assert.Equal("20", cut.Find($"[data-series-id='{Key(KotaBaru).Id}']").GetAttribute("data-value")));
        var rows = cut.FindAll(".bar-row");
        Assert.Equal(2, rows.Count);
        Assert.Equal("Telanaipura", rows[0].QuerySelector(".bar-label")!.TextContent);
        Assert.Contains("width: 100%", rows[0].QuerySelector(".bar-fill")!.GetAttribute("style"), StringComparison.Ordinal);
        Assert.Contains("width: 50%", rows[1].QuerySelector(".bar-fill")!.GetAttribute("style"), StringComparison.Ordinal);
        Assert.Equal("20", cut.Find("[data-tile-id]").GetAttribute("data-value"));
    }

    [Fact]
    public void BarTile_OneSeriesGoesQuiet_OnlyThatBarIsStale()
    {
        var cut = Context.Render<BarTile>(p => p.Add(t => t.Tile, Tile(TileTypes.Bar, Telanaipura, KotaBaru)));
        Publish(Key(Telanaipura), 40);
        Time.Advance(TimeSpan.FromSeconds(8));
        Publish(Key(KotaBaru), 20);

        Time.Advance(TimeSpan.FromSeconds(4));

        cut.WaitForAssertion(() => Assert.Contains("stale", cut.FindAll(".bar-row")[0].ClassList));
        Assert.DoesNotContain("stale", cut.FindAll(".bar-row")[1].ClassList);
        Assert.Equal("false", cut.Find("[data-tile-id]").GetAttribute("data-stale"));
    }

    [Fact]
    public void StatusTile_Rows_ShowLabelValueUnitAndLevel()
    {
        var tile = Tile(TileTypes.Status, Telanaipura, KotaBaru);
        tile.Unit = "µg/m³";
        tile.Decimals = 0;
        tile.Thresholds = [new Threshold { From = 0, Level = "ok" }, new Threshold { From = 55.5, Level = "warning" }];
        var cut = Context.Render<StatusTile>(p => p.Add(t => t.Tile, tile));

        PublishBatch((Telanaipura, 80), (KotaBaru, 12));

        cut.WaitForAssertion(() => Assert.Equal("12", cut.FindAll(".status-row")[1].GetAttribute("data-value")));
        var rows = cut.FindAll(".status-row");
        Assert.Equal("Telanaipura", rows[0].QuerySelector(".status-label")!.TextContent);
        Assert.Contains("80", rows[0].QuerySelector(".status-value")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("µg/m³", rows[0].QuerySelector(".status-unit")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("level-warning", rows[0].ClassList);
        Assert.Contains("level-ok", rows[1].ClassList);
    }

    [Fact]
    public void StatusTile_AllSeriesQuiet_WholeTileStale()
    {
        var cut = Context.Render<StatusTile>(p => p.Add(t => t.Tile, Tile(TileTypes.Status, Telanaipura, KotaBaru)));
        PublishBatch((Telanaipura, 1), (KotaBaru, 2));
        cut.WaitForAssertion(() => Assert.Equal("false", cut.Find("[data-tile-id]").GetAttribute("data-stale")));

        Time.Advance(TimeSpan.FromSeconds(11));

        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("[data-tile-id]").GetAttribute("data-stale")));
        Assert.All(cut.FindAll(".status-row"), r => Assert.Equal("true", r.GetAttribute("data-stale")));
    }

    [Fact]
    public async Task TimeseriesTile_HistoryInStoreAndLiveSample_ShowsLatestValueAndAChart()
    {
        var river = Series("water_level", "value", "pos-angso-duo");
        await Store.WriteAsync([new Coc.Core.Series.Sample(Key(river), Time.GetUtcNow().AddMinutes(-5), 10.5)]);
        var tile = Tile(TileTypes.Timeseries, river);

        var cut = Context.Render<TimeseriesTile>(p => p.Add(t => t.Tile, tile));
        Publish(Key(river), 11.25);

        cut.WaitForAssertion(() => Assert.Equal("11.25", cut.Find("[data-tile-id]").GetAttribute("data-value")));
        Assert.Equal("false", cut.Find("[data-tile-id]").GetAttribute("data-stale"));
        Assert.NotNull(cut.Find("#chart-timeseries-tile"));
    }
}
