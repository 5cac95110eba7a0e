using System.Globalization;
using System.Text.RegularExpressions;
using Coc.Tests.Shared;
using Coc.Web.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Coc.Browser.Tests;

/// <summary>
/// A chart keeps its time window in the browser, not only a point count: the SiKesal backlog series
/// reports about every ten seconds, far under the count cap, so without trimming by time its
/// "N minute" chart would keep growing for hours. The app runs its simulator on a copy of the
/// shipped layouts with every chart's window set to one minute, so the trim is due after 90 s.
/// </summary>
public sealed class ChartWindowTests : IClassFixture<ChartWindowTests.App>, IClassFixture<ChromiumFixture>
{
    private readonly App _app;
    private readonly ChromiumFixture _chromium;
    private readonly ITestOutputHelper _output;

    public ChartWindowTests(App app, ChromiumFixture chromium, ITestOutputHelper output)
    {
        _app = app;
        _chromium = chromium;
        _output = output;
    }

    public sealed class App : KestrelAppFactory
    {
        private readonly TempFolder _layouts = OneMinuteCharts();

        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
            [new("Coc:Wall:LayoutsPath", _layouts.Path), new("Coc:Simulator:Enabled", "true")];

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            _layouts.Dispose();
        }

        private static TempFolder OneMinuteCharts()
        {
            var folder = new TempFolder();
            foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Root(), "wall-layouts"), "*.json"))
            {
                var text = Regex.Replace(File.ReadAllText(file), "\"minutes\": *\\d+", "\"minutes\": 1");
                File.WriteAllText(Path.Combine(folder.Path, Path.GetFileName(file)), text);
            }
            return folder;
        }
    }

    [Fact]
    public async Task SlowSeriesChart_PointsOlderThanItsWindow_AreDroppedInTheBrowser()
    {
        var page = await _chromium.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } });
        await page.GotoAsKioskAsync(_app.BaseUrl, "/wall/jambi-coc/screen/2");
        const string trace = "document.querySelector(\"[data-tile-id='complaints-backlog'] .js-plotly-plot\")?.data?.[0]?.x";
        await page.WaitForFunctionAsync($"() => ({trace})?.length > 0", null, new() { Timeout = 30_000 });
        // Chart x values are WIB wall-clock strings; every point drawn so far is at or before this one.
        var firstDrawn = await page.EvaluateAsync<string>($"() => {trace}[0]");

        // Window 60 s + slack 30 s: points from the first draw must be gone within about 100 s.
        await page.WaitForFunctionAsync($"first => ({trace})[0] > first", firstDrawn, new() { Timeout = 150_000, PollingInterval = 1_000 });

        var points = await page.EvaluateAsync<string[]>($"() => {trace}");
        var newest = DateTime.ParseExact(points[^1], "yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);
        var oldest = DateTime.ParseExact(points[0], "yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);
        _output.WriteLine($"after the trim: {points.Length} points spanning {(newest - oldest).TotalSeconds:0} s (first drawn {firstDrawn})");
        Assert.True(newest - oldest <= TimeSpan.FromSeconds(90), $"the trace spans {newest - oldest}, more than its 60 s window and the 30 s slack");
    }
}
