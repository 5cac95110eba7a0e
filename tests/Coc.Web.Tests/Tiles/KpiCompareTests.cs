using Bunit;
using Coc.Core.Layouts;
using Coc.Core.Series;
using Coc.Web.Components.Tiles;

namespace Coc.Web.Tests.Tiles;

/// <summary>The briefing KPI: today's value against the stored value 24 hours earlier.</summary>
public sealed class KpiCompareTests : TileTestContext
{
    private static readonly TileSeries Today = Series("complaints_total", "today", "sikesal");

    private TileDefinition CompareTile(int hours)
    {
        var tile = Tile(TileTypes.Kpi, Today);
        tile.Decimals = 0;
        tile.CompareHours = hours;
        return tile;
    }

    [Fact]
    public async Task Render_YesterdayStored_ShowsItAndTheDifference()
    {
        // Yesterday at 09:40 WIB 31 complaints; the point closest before "24 h ago" counts, not a later one.
        await Store.WriteAsync([
            new Sample(Key(Today), Time.GetUtcNow().AddHours(-24).AddMinutes(-20), 31),
            new Sample(Key(Today), Time.GetUtcNow().AddHours(-24).AddMinutes(10), 99),
        ]);
        Publish(Key(Today), 38);

        var cut = Context.Render<KpiTile>(p => p.Add(t => t.Tile, CompareTile(24)));

        cut.WaitForAssertion(() => Assert.Equal("31", cut.Find(".kpi-compare").GetAttribute("data-compare-value")));
        Assert.Equal("kemarin: 31 (+7)", System.Text.RegularExpressions.Regex.Replace(cut.Find(".kpi-compare").TextContent, @"\s+", " ").Trim());
        Assert.Contains("up", cut.Find(".kpi-delta").ClassList);
    }

    [Fact]
    public void Render_NothingStoredThen_NoComparison()
    {
        Publish(Key(Today), 38);

        var cut = Context.Render<KpiTile>(p => p.Add(t => t.Tile, CompareTile(24)));

        Assert.Empty(cut.FindAll(".kpi-compare"));
        Assert.Equal("38", cut.Find(".kpi-value").TextContent);
    }

    [Fact]
    public async Task Render_OtherHours_LabelSaysHowLongAgo()
    {
        await Store.WriteAsync([new Sample(Key(Today), Time.GetUtcNow().AddHours(-6).AddMinutes(-1), 40)]);
        Publish(Key(Today), 38);

        var cut = Context.Render<KpiTile>(p => p.Add(t => t.Tile, CompareTile(6)));

        cut.WaitForAssertion(() => Assert.StartsWith("6 jam lalu: 40", cut.Find(".kpi-compare").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Contains("down", cut.Find(".kpi-delta").ClassList);
    }
}
