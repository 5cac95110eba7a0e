using Coc.Tests.Shared;
using Coc.Browser.Tests;
using Coc.Ingest.Mqtt;
using Coc.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Coc.Browser.Tests;

/// <summary>What only a browser shows: the Blazor circuit connects, tiles update live, the layout fits the screen.</summary>
public sealed class WallScreenTests : IClassFixture<KestrelAppFactory>, IClassFixture<ChromiumFixture>
{
    // Generous: a 2-core CI machine may be busy; each wait ends as soon as its condition holds.
    private const float Timeout = 30_000;
    private readonly KestrelAppFactory _app;
    private readonly ChromiumFixture _chromium;

    public WallScreenTests(KestrelAppFactory app, ChromiumFixture chromium)
    {
        _app = app;
        _chromium = chromium;
    }

    private async Task<IPage> OpenAsync(string path)
    {
        var page = await _chromium.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } });
        await page.GotoAsKioskAsync(_app.BaseUrl, path);
        return page;
    }

    [Fact]
    public async Task Screen_PublishOverMqtt_TileDataValueChangesAndTurnsFresh()
    {
        var page = await OpenAsync("/wall/jambi-coc/screen/3");
        var tile = page.Locator("[data-tile-id='river-angso-duo']");
        await Assertions.Expect(tile).ToHaveAttributeAsync("data-stale", "true", new() { Timeout = Timeout });
        var ingest = _app.Services.GetRequiredService<MqttIngestClient>();
        await Eventually.TrueAsync(() => ingest.IsReceiving, "MQTT ingest ready");
        await using var device = await _app.ConnectDeviceAsync();

        await device.PublishAsync("coc/sensors/water_level/pos-angso-duo", """{"value": 12.34}""");

        await Assertions.Expect(tile).ToHaveAttributeAsync("data-value", "12.34", new() { Timeout = Timeout });
        await Assertions.Expect(tile).ToHaveAttributeAsync("data-stale", "false", new() { Timeout = Timeout });
        await Assertions.Expect(tile.Locator(".kpi-value")).ToHaveTextAsync("12,34", new() { Timeout = Timeout });

        await device.PublishAsync("coc/sensors/water_level/pos-angso-duo", """{"value": 13.61}""");

        await Assertions.Expect(tile).ToHaveAttributeAsync("data-value", "13.61", new() { Timeout = Timeout });
        await Assertions.Expect(tile).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("level-critical"), new() { Timeout = Timeout });
        await page.CloseAsync();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Screen_At1920x1080_AllTilesVisibleWithoutScrollbars(int screen)
    {
        var page = await OpenAsync($"/wall/jambi-coc/screen/{screen}");
        await Assertions.Expect(page.Locator("[data-tile-id]").First).ToBeVisibleAsync(new() { Timeout = Timeout });

        var fits = await page.EvaluateAsync<bool>("""
            () => {
              const root = document.documentElement;
              if (root.scrollHeight > root.clientHeight || root.scrollWidth > root.clientWidth) return false;
              return [...document.querySelectorAll('[data-tile-id]')].every(t => {
                const r = t.getBoundingClientRect();
                return r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth && r.height > 100;
              });
            }
            """);

        Assert.True(fits, $"screen {screen}: a tile is cut off, too small, or the page scrolls");
        await page.CloseAsync();
    }

    [Fact]
    public async Task WholeWall_OnATablet_ShowsEveryTileOfEveryScreen()
    {
        var page = await _chromium.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        // The tablet overview with its scene buttons: a duty officer's.
        await page.GotoSignedInAsync(_app.BaseUrl, Coc.Web.Security.CocRoles.DutyOfficer, "/wall/jambi-coc");

        await Assertions.Expect(page.Locator(".screen")).ToHaveCountAsync(3, new() { Timeout = Timeout });
        // The normal scene has no tile across a screen border, so each tile is drawn once.
        var expected = _app.Services.GetRequiredService<Coc.Web.Layouts.WallLayoutStore>().Find("jambi-coc")!.StartScene.Tiles.Count;
        await Assertions.Expect(page.Locator("[data-tile-id]")).ToHaveCountAsync(expected, new() { Timeout = Timeout });

        // The alarm list is one tap away, and so are the scenes.
        await page.Locator("[data-alarms-toggle]").ClickAsync(new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator(".overview-alarms .alarm-board")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator(".overview-scenes [data-scene-button]")).ToHaveCountAsync(4, new() { Timeout = Timeout });
        await page.CloseAsync();
    }
}
