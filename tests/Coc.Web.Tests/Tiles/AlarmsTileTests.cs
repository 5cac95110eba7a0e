using Bunit;
using Coc.Core.Ingest;
using Coc.Core.Layouts;
using Coc.Core.Series;
using Coc.Web.Alarms;
using Coc.Web.Components.Tiles;
using Coc.Web.Tests.Alarms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Coc.Web.Tests.Tiles;

public sealed class AlarmsTileTests : TileTestContext
{
    private static readonly SeriesKey AngsoDuo = SeriesKey.Create("water_level", "value", ("sensor", "pos-angso-duo"));
    private static readonly SeriesKey TanggoRajo = SeriesKey.Create("water_level", "value", ("sensor", "pos-tanggo-rajo"));

    private readonly List<WallLayout> _walls = [];

    public AlarmsTileTests()
    {
        _walls.Add(TestWalls.Wall(ThresholdAlarmsTests.River("river-angso-duo", "pos-angso-duo"), ThresholdAlarmsTests.River("river-tanggo-rajo", "pos-tanggo-rajo")));
        Context.Services.AddSingleton<IActiveAlarms>(sp =>
            new ThresholdAlarms(() => _walls, Live, new FeedStats(), Options.Create(new FeedsOptions()), Time));
    }

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
        Assert.Equal("false", cut.Find("[data-tile-id]").GetAttribute("data-stale"));
    }

    [Fact]
    public void Tick_ValueOverCritical_ListedWithLabelAndSinceInWib()
    {
        var cut = Render();

        Publish(AngsoDuo, 13.62);
        Time.Advance(TimeSpan.FromSeconds(1));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".alarm")));
        var alarm = cut.Find(".alarm");
        Assert.Equal("critical", alarm.GetAttribute("data-severity"));
        Assert.Contains("alarm-critical", alarm.ClassList);
        Assert.Equal("KRITIS", alarm.QuerySelector(".alarm-severity")!.TextContent);
        Assert.Equal("13,62 m · Siaga 1", alarm.QuerySelector(".alarm-detail")!.TextContent);
        // Published at 03:00:00 UTC: 10:00 WIB.
        Assert.Equal("sejak 10:00", alarm.QuerySelector(".alarm-since")!.TextContent.Trim());
        Assert.Contains("level-critical", cut.Find("[data-tile-id]").ClassList);
    }

    [Fact]
    public void Tick_ValueBackToOk_AlarmGone()
    {
        var cut = Render();
        Publish(AngsoDuo, 13.62);
        Time.Advance(TimeSpan.FromSeconds(1));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".alarm")));

        Publish(AngsoDuo, 10.0);
        Time.Advance(TimeSpan.FromSeconds(1));

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".alarm")));
        Assert.Equal("Tidak ada alarm aktif", cut.Find(".alarms-none").TextContent);
    }

    [Fact]
    public void Render_MoreAlarmsThanCount_ShowsCountCriticalFirstAndHowManyMore()
    {
        Publish(TanggoRajo, 12.7);
        Time.Advance(TimeSpan.FromSeconds(5));
        Publish(AngsoDuo, 13.9);

        var cut = Render(count: 1);

        var alarm = Assert.Single(cut.FindAll(".alarm"));
        Assert.Equal(AngsoDuo.Id, alarm.GetAttribute("data-alarm-id"));
        Assert.Equal("+1 alarm lainnya", cut.Find(".alarms-more").TextContent);
        Assert.Equal("2", cut.Find("[data-tile-id]").GetAttribute("data-value"));
    }

    [Fact]
    public void Render_English_LocalisedTexts()
    {
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("en-US");

        var cut = Render();

        Assert.Equal("No active alarms", cut.Find(".alarms-none").TextContent);
    }

    [Fact]
    public async Task Dispose_Tile_UnsubscribesFromTheTicker()
    {
        Render();
        var ticker = Context.Services.GetRequiredService<ScreenTicker>();
        Assert.Equal(1, ticker.ListenerCount);

        await Context.DisposeComponentsAsync();

        Assert.Equal(0, ticker.ListenerCount);
        Assert.Equal(0, Live.WatcherCount);
    }
}
