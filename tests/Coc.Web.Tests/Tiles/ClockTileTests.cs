using System.Globalization;
using Bunit;
using Coc.Core.Layouts;
using Coc.Web.Components.Tiles;
using Microsoft.Extensions.DependencyInjection;

namespace Coc.Web.Tests.Tiles;

public sealed class ClockTileTests : TileTestContext
{
    private static TileDefinition Clock() => new() { Id = "clock-tile", Type = TileTypes.Clock, Title = "Waktu" };

    [Fact]
    public void Render_UtcFakeTime_ShowsWibTimeAndIndonesianDate()
    {
        // The context's fake time is 03:00 UTC on Monday 23 November 2026: 10:00 WIB.
        var cut = Context.Render<ClockTile>(p => p.Add(t => t.Tile, Clock()));

        Assert.Equal("10:00:00", cut.Find(".clock-hms").TextContent);
        Assert.Equal("WIB", cut.Find(".clock-zone").TextContent);
        Assert.Equal("Senin, 23 November 2026", cut.Find(".clock-date").TextContent);
        Assert.Equal("false", cut.Find("[data-tile-id='clock-tile']").GetAttribute("data-stale"));
    }

    [Fact]
    public void Render_EnglishChosen_ShowsEnglishDate()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("en-US");

        var cut = Context.Render<ClockTile>(p => p.Add(t => t.Tile, Clock()));

        Assert.Equal("Monday, 23 November 2026", cut.Find(".clock-date").TextContent);
        Assert.Equal("10:00:00", cut.Find(".clock-hms").TextContent);
    }

    [Fact]
    public void Render_ScreenTickerTicks_ClockAdvances()
    {
        var cut = Context.Render<ClockTile>(p => p.Add(t => t.Tile, Clock()));

        Time.Advance(TimeSpan.FromSeconds(1));

        cut.WaitForAssertion(() => Assert.Equal("10:00:01", cut.Find(".clock-hms").TextContent));
    }

    [Fact]
    public void Render_WibMidnightPasses_DateTurnsWithTheWibDayNotTheUtcDay()
    {
        // 16:59:59 UTC is 23:59:59 WIB; one second later it is already Tuesday in Jambi, still Monday in UTC.
        Time.SetUtcNow(new DateTimeOffset(2026, 11, 23, 16, 59, 59, TimeSpan.Zero));
        var cut = Context.Render<ClockTile>(p => p.Add(t => t.Tile, Clock()));
        Assert.Equal("23:59:59", cut.Find(".clock-hms").TextContent);
        Assert.Equal("Senin, 23 November 2026", cut.Find(".clock-date").TextContent);

        Time.Advance(TimeSpan.FromSeconds(1));

        cut.WaitForAssertion(() => Assert.Equal("00:00:00", cut.Find(".clock-hms").TextContent));
        Assert.Equal("Selasa, 24 November 2026", cut.Find(".clock-date").TextContent);
    }

    [Fact]
    public async Task Dispose_Tile_UnsubscribesFromTheTicker()
    {
        Context.Render<ClockTile>(p => p.Add(t => t.Tile, Clock()));
        var ticker = Context.Services.GetRequiredService<ScreenTicker>();
        Assert.Equal(1, ticker.ListenerCount);

        await Context.DisposeComponentsAsync();

        Assert.Equal(0, ticker.ListenerCount);
    }
}
