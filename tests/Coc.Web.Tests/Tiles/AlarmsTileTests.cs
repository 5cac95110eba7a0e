using Bunit;
using Coc.Core.Layouts;
using Coc.Core.Series;
using Coc.Web.Components.Tiles;
using Coc.Web.Tests.Alarms;

namespace Coc.Web.Tests.Tiles;

/// <summary>The wall's alarm list and the flash on the tile of an alarmed series, drawn from the real engine.</summary>
public sealed class AlarmsTileTests : TileTestContext
{
    private static readonly SeriesKey AngsoDuo = SeriesKey.Create("water_level", "value", ("sensor", "pos-angso-duo"));
    private static readonly SeriesKey TanggoRajo = SeriesKey.Create("water_level", "value", ("sensor", "pos-tanggo-rajo"));

    public AlarmsTileTests() => Alarms.SetRules(TestAlarmRules.River());

    private static TileDefinition AlarmsTile(int count) => new()
    {
        Id = "alarms", Type = TileTypes.Alarms, Title = "Alarm aktif", Count = count,
    };

    private IRenderedComponent<AlarmsTile> Render(int count = 10) => Context.Render<AlarmsTile>(p => p.Add(t => t.Tile, AlarmsTile(count)));

    [Fact]
    public void Render_NoAlarms_SaysSoInBahasaIndonesia()
    {
        var cut = Render();

        Assert.Equal("Tidak ada alarm aktif", cut.Find(".alarms-none").TextContent);
        Assert.Empty(cut.FindAll(".alarm"));
        Assert.Equal("0", cut.Find("[data-tile-id]").GetAttribute("data-value"));
    }

    [Fact]
    public void Sample_OverSiaga1_ListedAtOnceAsUnacknowledgedCritical()
    {
        var cut = Render();

        // No clock tick: the transition itself redraws the tile.
        Publish(AngsoDuo, 13.62);

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".alarm")));
        var alarm = cut.Find(".alarm");
        Assert.Equal("critical", alarm.GetAttribute("data-severity"));
        Assert.Equal("unack", alarm.GetAttribute("data-state"));
        Assert.Equal("KRITIS", alarm.QuerySelector(".alarm-severity")!.TextContent);
        Assert.Equal("Sungai Batanghari di Pos Angso Duo 13,62 m: Siaga 1", alarm.QuerySelector(".alarm-title")!.TextContent);
        // Raised at 03:00 UTC: 10:00 WIB.
        Assert.Equal("sejak 10:00", alarm.QuerySelector(".alarm-since")!.TextContent.Trim());
        Assert.Equal("1", cut.Find("[data-tile-id]").GetAttribute("data-value"));
        Assert.Contains("level-critical", cut.Find("[data-tile-id]").ClassList);
    }

    [Fact]
    public void Acknowledge_ActiveAlarm_ShowsWhoAcknowledged()
    {
        var cut = Render();
        Publish(AngsoDuo, 13.62);
        var alarm = Assert.Single(Alarms.Open);

        Alarms.Acknowledge(alarm.Id, alarm.Occurrence, "budi", "tim BPBD dikirim");

        cut.WaitForAssertion(() => Assert.Equal("ack", cut.Find(".alarm").GetAttribute("data-state")));
        Assert.Equal("dikonfirmasi budi pukul 10:00", cut.Find(".alarm-detail").TextContent);
    }

    [Fact]
    public void Render_MoreAlarmsThanCount_CriticalFirstAndCountsTheRest()
    {
        Publish(TanggoRajo, 12.8);
        Publish(AngsoDuo, 13.9);

        var cut = Render(count: 1);

        var alarm = Assert.Single(cut.FindAll(".alarm"));
        Assert.Equal("critical", alarm.GetAttribute("data-severity"));
        Assert.Equal("+1 alarm lainnya", cut.Find(".alarms-more").TextContent);
    }

    [Fact]
    public void TileHost_AlarmOnItsSeries_FlashesUntilAcknowledgedThenHolds()
    {
        var kpi = Tile(TileTypes.Kpi, Series("water_level", "value", "pos-angso-duo"));
        var cut = Context.Render<TileHost>(p => p.Add(t => t.Tile, kpi));
        Assert.DoesNotContain("tile-alarm", cut.Find(".tile-host").ClassList);

        Publish(AngsoDuo, 12.7);

        cut.WaitForAssertion(() => Assert.Contains("tile-alarm-flash", cut.Find(".tile-host").ClassList));
        Assert.Contains("tile-alarm-warning", cut.Find(".tile-host").ClassList);

        Publish(AngsoDuo, 13.7);

        cut.WaitForAssertion(() => Assert.Contains("tile-alarm-critical", cut.Find(".tile-host").ClassList));
        var alarm = Assert.Single(Alarms.Open);
        Alarms.Acknowledge(alarm.Id, alarm.Occurrence, "budi", null);

        cut.WaitForAssertion(() => Assert.Contains("tile-alarm-held", cut.Find(".tile-host").ClassList));
        Assert.DoesNotContain("tile-alarm-flash", cut.Find(".tile-host").ClassList);
        Assert.Equal("ack", cut.Find(".tile-host").GetAttribute("data-alarm-state"));
    }

    [Fact]
    public void TileHost_AlarmOnAnotherSeries_DoesNotFlash()
    {
        var kpi = Tile(TileTypes.Kpi, Series("water_level", "value", "pos-tanggo-rajo"));
        var cut = Context.Render<TileHost>(p => p.Add(t => t.Tile, kpi));

        Publish(AngsoDuo, 13.7);
        Publish(TanggoRajo, 10.0);

        cut.WaitForAssertion(() => Assert.Equal("10", cut.Find("[data-tile-id]").GetAttribute("data-value")));
        Assert.DoesNotContain("tile-alarm", cut.Find(".tile-host").ClassList);
        Assert.Single(Alarms.Open);
    }

    [Fact]
    public void Dispose_Tiles_StopWatchingTheBoard()
    {
        var kpi = Tile(TileTypes.Kpi, Series("water_level", "value", "pos-angso-duo"));
        var host = Context.Render<TileHost>(p => p.Add(t => t.Tile, kpi));
        var list = Render();
        Assert.Equal(2, Alarms.WatcherCount);

        host.Instance.Dispose();
        list.Instance.Dispose();

        Assert.Equal(0, Alarms.WatcherCount);
    }
}
