using Coc.Web.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Coc.Browser.Tests;

/// <summary>
/// Scenes in a real browser: the three screens of the Jambi wall switch together when a duty officer
/// taps a scene on /control, and a tile crossing a screen border is drawn in two aligned parts.
/// Its own app (class fixture), so switching scenes never disturbs the other browser tests.
/// </summary>
public sealed class WallSceneTests : IClassFixture<KestrelAppFactory>, IClassFixture<ChromiumFixture>
{
    // Generous: a 2-core CI machine may be busy; each wait ends as soon as its condition holds.
    private const float Timeout = 30_000;
    private readonly KestrelAppFactory _app;
    private readonly ChromiumFixture _chromium;
    private readonly ITestOutputHelper _output;

    public WallSceneTests(KestrelAppFactory app, ChromiumFixture chromium, ITestOutputHelper output)
    {
        _app = app;
        _chromium = chromium;
        _output = output;
    }

    private async Task<IPage> OpenAsync(string path)
    {
        var page = await _chromium.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } });
        if (path == "/control")
        {
            await page.GotoSignedInAsync(_app.BaseUrl, Coc.Web.Security.CocRoles.DutyOfficer, path);
        }
        else
        {
            await page.GotoAsKioskAsync(_app.BaseUrl, path);
        }
        return page;
    }

    [Fact]
    public async Task Control_TapBanjir_AllThreeScreensSwitchTogetherAndTheSpanningChartLinesUp()
    {
        var screens = new List<IPage>();
        for (var s = 1; s <= 3; s++)
        {
            var page = await OpenAsync($"/wall/jambi-coc/screen/{s}");
            await Assertions.Expect(page.Locator(".screen")).ToHaveAttributeAsync("data-scene", "normal", new() { Timeout = Timeout });
            screens.Add(page);
        }
        var control = await OpenAsync("/control");

        // Each screen notes (wall-clock ms, shared by the pages of one browser) when its scene changes.
        foreach (var page in screens)
        {
            await page.EvaluateAsync("""
                () => new MutationObserver((_, o) => {
                  if (document.querySelector('.screen')?.dataset.scene === 'banjir') { window.__switchedAt = Date.now(); o.disconnect(); }
                }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-scene'], childList: true })
                """);
        }
        var button = control.Locator("[data-wall-id='jambi-coc'] [data-scene-button='banjir']");
        await Assertions.Expect(button).ToBeVisibleAsync(new() { Timeout = Timeout });
        var tappedAt = await control.EvaluateAsync<double>("() => Date.now()");
        await button.ClickAsync(new() { Timeout = Timeout });

        foreach (var page in screens)
        {
            await Assertions.Expect(page.Locator(".screen")).ToHaveAttributeAsync("data-scene", "banjir", new() { Timeout = Timeout });
        }
        // Reported, not asserted: speed belongs in benchmarks; the issue's "within one second" is read from here.
        var switchedAt = new List<double>();
        foreach (var page in screens)
        {
            switchedAt.Add(await page.EvaluateAsync<double>("() => window.__switchedAt"));
        }
        _output.WriteLine($"tap on /control -> screens in 'banjir' after {string.Join(", ", switchedAt.Select(t => $"{t - tappedAt:0} ms"))}");
        await Assertions.Expect(control.Locator("[data-wall-id='jambi-coc']")).ToHaveAttributeAsync("data-scene", "banjir", new() { Timeout = Timeout });

        // The river chart covers wall columns 3-8: the right half of screen 1 and the left half of screen 2.
        var left = await PlacementAsync(screens[0], "river-chart");
        var right = await PlacementAsync(screens[1], "river-chart");
        Assert.Equal(0, await screens[2].Locator("[data-tile-cell='river-chart']").CountAsync());
        Assert.Equal(left.Width, right.Width, 1.0);
        Assert.Equal(left.Top, right.Top, 1.0);
        // Screen 2's part starts exactly one screen-grid width before screen 1's part: together they are one tile.
        Assert.Equal(left.GridWidth, left.Left - right.Left, 1.0);
        Assert.True(left.Left > 0 && right.Left < 0, $"left part at {left.Left}, right part at {right.Left}");
        // Both parts draw the tile's content, and each screen clips its part.
        await Assertions.Expect(screens[0].Locator("[data-tile-id='river-chart']")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(screens[1].Locator("[data-tile-id='river-chart']")).ToBeVisibleAsync(new() { Timeout = Timeout });
        var scrolls = await screens[0].EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth");
        Assert.False(scrolls, "the part beyond screen 1's edge must be clipped, not scroll the page");

        foreach (var page in screens.Append(control))
        {
            await page.CloseAsync();
        }
    }

    /// <summary>A tile cell's box relative to its screen's grid, in CSS pixels.</summary>
    private static async Task<(double Left, double Top, double Width, double GridWidth)> PlacementAsync(IPage page, string tileId)
    {
        var cell = page.Locator($"[data-tile-cell='{tileId}']");
        await Assertions.Expect(cell).ToHaveCountAsync(1, new() { Timeout = Timeout });
        var box = await cell.EvaluateAsync<double[]>("""
            c => {
              const g = c.parentElement.getBoundingClientRect(), r = c.getBoundingClientRect();
              return [r.left - g.left, r.top - g.top, r.width, g.width];
            }
            """);
        return (box[0], box[1], box[2], box[3]);
    }
}
