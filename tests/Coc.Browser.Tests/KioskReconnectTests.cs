using System.Net;
using System.Text.RegularExpressions;
using Coc.Ingest.Mqtt;
using Coc.Tests.Shared;
using Coc.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Coc.Browser.Tests;

/// <summary>
/// Kiosk screens run unattended for weeks: a server that goes away and comes back (restart, redeploy)
/// must bring the screen back by itself, and while it is away the screen must not pretend to be live.
/// </summary>
public sealed partial class KioskReconnectTests : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    // Generous: the back-off grows to 10 s while the server is down, and a 2-core CI machine may be busy.
    // Every wait ends as soon as its condition holds.
    private const float Timeout = 60_000;
    private const string TileSelector = "[data-tile-id='river-angso-duo']";
    private readonly ChromiumFixture _chromium;
    private readonly RestartableAppHost _host = new();

    public KioskReconnectTests(ChromiumFixture chromium) => _chromium = chromium;

    [Fact]
    public async Task NamedScreen_ServerStopsThenStartsOnSamePort_GoesStaleThenReloadsWithLiveData()
    {
        _host.Start();
        var page = await _chromium.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } });
        await page.GotoAsKioskAsync(_host.BaseUrl, "/screen/coc-3");
        await Assertions.Expect(page.Locator(".screen[data-wall-id='jambi-coc'][data-screen='3']")).ToBeVisibleAsync(new() { Timeout = Timeout });
        var tile = page.Locator(TileSelector);
        await PublishWaterLevelAsync("12.34");
        await Assertions.Expect(tile).ToHaveAttributeAsync("data-value", "12.34", new() { Timeout = Timeout });
        await Assertions.Expect(tile).ToHaveAttributeAsync("data-stale", "false", new() { Timeout = Timeout });
        // Gone after a reload: tells a reload from a reconnect of the old page.
        await page.EvaluateAsync("() => { window.kioskTestMarker = 'before-restart'; }");

        await _host.StopAsync();

        var banner = page.Locator("#components-reconnect-modal");
        var html = page.Locator("html");
        await Assertions.Expect(banner).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(html).ToHaveClassAsync(Disconnected(), new() { Timeout = Timeout });
        await page.WaitForFunctionAsync($"() => getComputedStyle(document.querySelector(\"{TileSelector}\")).borderTopStyle === 'dashed'", null, new() { Timeout = Timeout });
        // The tile's own data is not stale: the grey look comes from the lost connection alone.
        await Assertions.Expect(tile).ToHaveAttributeAsync("data-stale", "false");
        await Assertions.Expect(banner).ToHaveTextAsync("SERVER TIDAK TERJANGKAU — layar tidak diperbarui", new() { Timeout = Timeout });
        // Blazor's own dialog never appears, and MudBlazor's CSS for this id does not paint the banner over.
        Assert.Equal(0, await page.Locator(".components-reconnect-overlay").CountAsync());
        Assert.Equal("rgb(183, 28, 28)", await banner.EvaluateAsync<string>("b => getComputedStyle(b).backgroundColor"));

        _host.Start();
        await PublishWaterLevelAsync("21.5");

        await Assertions.Expect(tile).ToHaveAttributeAsync("data-value", "21.5", new() { Timeout = Timeout });
        await Assertions.Expect(tile).ToHaveAttributeAsync("data-stale", "false", new() { Timeout = Timeout });
        await Assertions.Expect(html).Not.ToHaveClassAsync(Disconnected(), new() { Timeout = Timeout });
        await Assertions.Expect(banner).ToBeHiddenAsync(new() { Timeout = Timeout });
        Assert.Null(await page.EvaluateAsync<string?>("() => window.kioskTestMarker ?? null"));
        await page.CloseAsync();
    }

    [Theory]
    [InlineData("", "MENGHUBUNGKAN ULANG…", "SERVER TIDAK TERJANGKAU — layar tidak diperbarui")]
    [InlineData("?culture=en-US", "RECONNECTING…", "SERVER UNREACHABLE — screen not updating")]
    public async Task Page_Served_StartsBlazorFromKioskScriptWithItsOwnBanner(string query, string reconnecting, string unreachable)
    {
        _host.Start();
        using var http = new HttpClient(); // keeps the kiosk cookie and follows the redirect that drops the token

        var html = WebUtility.HtmlDecode(await http.GetStringAsync(_host.BaseUrl + CocAppFactory.WithScreenToken("/screen/coc-1" + query)));

        Assert.Contains("""<script src="_framework/blazor.web.js" autostart="false"></script>""", html);
        Assert.Contains("id=\"components-reconnect-modal\"", html);
        Assert.Contains($"data-reconnecting=\"{reconnecting}\"", html);
        Assert.Contains($"data-unreachable=\"{unreachable}\"", html);
        var kiosk = KioskScript().Match(html);
        Assert.True(kiosk.Success, "no kiosk.js script tag");
        Assert.True(html.IndexOf("blazor.web.js", StringComparison.Ordinal) < kiosk.Index, "kiosk.js must come after blazor.web.js");
        var js = await http.GetStringAsync(_host.BaseUrl + "/" + kiosk.Groups[1].Value);
        Assert.Contains("Blazor.start(", js);
        Assert.Contains("maxRetries: Infinity", js);
    }

    private async Task PublishWaterLevelAsync(string value)
    {
        var ingest = _host.Services.GetRequiredService<MqttIngestClient>();
        await Eventually.TrueAsync(() => ingest.IsReceiving, "MQTT ingest ready");
        await using var device = await _host.ConnectDeviceAsync();
        await device.PublishAsync("coc/sensors/water_level/pos-angso-duo", $$"""{"value": {{value}}}""");
    }

    [GeneratedRegex(@"\bkiosk-disconnected\b")]
    private static partial Regex Disconnected();

    [GeneratedRegex("""<script src="(js/kiosk[^"]*\.js)"></script>""")]
    private static partial Regex KioskScript();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
