using Coc.Tests.Shared;
using Coc.Web.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Coc.Browser.Tests;

/// <summary>
/// Hot reload in a real browser: saving a wall file redraws the open screen without a reload; a
/// broken save leaves the last good wall on the screen and puts the error on /control only.
/// The app reads a copy of the shipped layouts in a temp folder, so the test never edits the repo.
/// </summary>
public sealed class LayoutHotReloadTests : IClassFixture<LayoutHotReloadTests.App>, IClassFixture<ChromiumFixture>
{
    private const float Timeout = 30_000;
    private readonly App _app;
    private readonly ChromiumFixture _chromium;
    private readonly ITestOutputHelper _output;

    public LayoutHotReloadTests(App app, ChromiumFixture chromium, ITestOutputHelper output)
    {
        _app = app;
        _chromium = chromium;
        _output = output;
    }

    /// <summary>The app on Kestrel, its layouts folder a temp copy of wall-layouts/.</summary>
    public sealed class App : KestrelAppFactory
    {
        // Copied in the initializer: it runs before the base constructor starts the server.
        private readonly TempFolder _layouts = CopyOfRepoLayouts();

        public string WallFile => Path.Combine(_layouts.Path, "jambi-coc.json");

        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [new("Coc:Wall:LayoutsPath", _layouts.Path)];

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            _layouts.Dispose();
        }

        private static TempFolder CopyOfRepoLayouts()
        {
            var folder = new TempFolder();
            foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Root(), "wall-layouts"), "*.json"))
            {
                File.Copy(file, Path.Combine(folder.Path, Path.GetFileName(file)));
            }
            return folder;
        }
    }

    [Fact]
    public async Task SaveWallFile_ScreenRedrawsWithoutReload_BrokenSaveKeepsLastGoodAndShowsErrorOnControlOnly()
    {
        var page = await _chromium.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } });
        await page.GotoAsKioskAsync(_app.BaseUrl, "/wall/jambi-coc/screen/3");
        var title = page.Locator("[data-tile-id='river-angso-duo'] .tile-title");
        await Assertions.Expect(title).ToHaveTextAsync("Batanghari · Pos Angso Duo", new() { Timeout = Timeout });
        // A marker on the page survives only if the page is not reloaded.
        await page.EvaluateAsync("() => window.__notReloaded = true");
        var original = await File.ReadAllTextAsync(_app.WallFile);

        var savedAt = await page.EvaluateAsync<double>("() => Date.now()");
        await File.WriteAllTextAsync(_app.WallFile, original.Replace("\"Batanghari · Pos Angso Duo\"", "\"Pos Angso Duo (uji)\"", StringComparison.Ordinal));

        await Assertions.Expect(title).ToHaveTextAsync("Pos Angso Duo (uji)", new() { Timeout = Timeout });
        var shownAt = await page.EvaluateAsync<double>("() => Date.now()");
        _output.WriteLine($"save -> new title on the screen: {shownAt - savedAt:0} ms (includes Playwright's polling)");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__notReloaded === true"), "the screen reloaded instead of redrawing");

        // A broken save: the screen keeps the last good wall and says nothing; /control names the problem.
        await File.WriteAllTextAsync(_app.WallFile, original.Replace("\"type\": \"kpi\"", "\"type\": \"kpii\"", StringComparison.Ordinal));
        var control = await _chromium.Browser.NewPageAsync();
        await control.GotoSignedInAsync(_app.BaseUrl, Coc.Web.Security.CocRoles.DutyOfficer, "/control");
        await Assertions.Expect(control.Locator(".control-errors")).ToContainTextAsync("jambi-coc.json", new() { Timeout = Timeout });
        await Assertions.Expect(control.Locator(".control-errors")).ToContainTextAsync("$.scenes[0].tiles[0].type", new() { Timeout = Timeout });
        await Assertions.Expect(title).ToHaveTextAsync("Pos Angso Duo (uji)", new() { Timeout = Timeout });
        Assert.Equal(0, await page.Locator("text=kpii").CountAsync());

        await File.WriteAllTextAsync(_app.WallFile, original);
        await Assertions.Expect(title).ToHaveTextAsync("Batanghari · Pos Angso Duo", new() { Timeout = Timeout });
        await Assertions.Expect(control.Locator(".control-errors")).ToHaveCountAsync(0, new() { Timeout = Timeout });
        await page.CloseAsync();
        await control.CloseAsync();
    }
}
