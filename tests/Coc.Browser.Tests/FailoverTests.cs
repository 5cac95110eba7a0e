using System.Diagnostics;
using Coc.Tests.Shared;
using Coc.Web.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Coc.Browser.Tests;

/// <summary>
/// Two Coc replicas behind the real haproxy with deploy/haproxy.cfg: when the replica holding a wall screen's
/// circuit dies, the screen comes back live on the other one by itself (reconnect rejected → kiosk.js reloads
/// → the proxy sends the reload to the live replica).
/// </summary>
public sealed class FailoverTests : IClassFixture<ChromiumFixture>
{
    // Generous: a 2-core CI machine may be busy. Every wait ends as soon as its condition holds.
    private const float Timeout = 60_000;
    private const string ScreenPath = "/wall/jambi-coc/screen/1";

    // Kept in sessionStorage, which survives the reload in the same tab: when the screen first said it lost its server.
    private const string NoteOutageScript = """
        (() => {
          const watch = () => {
            const banner = document.getElementById('components-reconnect-modal');
            if (!banner) return false;
            new MutationObserver(() => {
              if (banner.dataset.state !== 'connected' && !sessionStorage.getItem('coc-down-at')) {
                sessionStorage.setItem('coc-down-at', String(Date.now()));
              }
            }).observe(banner, { attributes: true, attributeFilter: ['data-state'] });
            return true;
          };
          if (!watch()) document.addEventListener('DOMContentLoaded', watch);
        })();
        """;

    // Live since `since` (epoch ms), in a document the test has not marked: no banner, no grey, and a tile
    // (an ATCS count the simulator moves every second, not the clock) showing a sample newer than `since`.
    private const string LiveSince = """
        since => {
          const banner = document.getElementById('components-reconnect-modal');
          const tile = document.querySelector("[data-tile-id='atcs-kawat-vehicles']");
          return window.failoverMarker === undefined
            && !!banner && banner.dataset.state === 'connected'
            && !document.documentElement.classList.contains('kiosk-disconnected')
            && !!tile && Date.parse(tile.dataset.ts) > since;
        }
        """;

    private readonly ChromiumFixture _chromium;
    private readonly ITestOutputHelper _output;

    public FailoverTests(ChromiumFixture chromium, ITestOutputHelper output)
    {
        _chromium = chromium;
        _output = output;
    }

    [Fact]
    public async Task WallScreen_ReplicaHoldingItIsKilled_ComesBackLiveOnTheOtherReplicaByItself()
    {
        await StopHolderAndWaitLiveAsync("SIGKILL", victim => victim.KillAsync(),
            victim => { Assert.True(victim.HasExited); return Task.CompletedTask; });
    }

    [Fact]
    public async Task WallScreen_ReplicaHoldingItStopsGracefully_ComesBackLiveOnTheOtherAndDoesNotHoldTheStop()
    {
        // docker stop allows 10 s before it kills. A screen that reconnected to the stopping replica would hold its
        // shutdown for the host's 30 s timeout: StoppingGate refuses such reconnects. Behind the proxy the reconnect
        // usually arrives after Kestrel stopped listening anyway; the direct race is KioskReconnectTests' (and
        // StoppingGateTests'), so this test is the graceful path end to end, not the gate's only guard.
        await StopHolderAndWaitLiveAsync("SIGTERM", victim => victim.TerminateAsync(),
            async victim => Assert.True(await victim.ExitsWithinAsync(TimeSpan.FromSeconds(15)), "the stopped replica did not exit within 15 s of SIGTERM"));
    }

    /// <summary>
    /// Two replicas behind the proxy, screen 1 live through it; stops the replica holding it and waits until the
    /// screen is live again, reloaded, on the other one; then <paramref name="assertStopped"/> checks the stopped replica.
    /// </summary>
    private async Task StopHolderAndWaitLiveAsync(string how, Func<CocWebProcess, Task> stop, Func<CocWebProcess, Task> assertStopped)
    {
        // One Data Protection key folder for both, as Redis is in production: either replica reads the screen's cookie.
        using var keys = new TempFolder();
        await using var coc1 = await CocWebProcess.StartAsync(keys.Path);
        await using var coc2 = await CocWebProcess.StartAsync(keys.Path);
        await using var proxy = await HaproxyServer.StartAsync(ConfigPath(), coc1.Address, coc2.Address);
        await using var context = await _chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } });
        await context.AddInitScriptAsync(NoteOutageScript);
        var page = await context.NewPageAsync();

        await page.GotoAsKioskAsync(proxy.Url, ScreenPath);
        await WaitLiveAsync(page, since: 0, proxy, coc1, coc2);
        var holder = await StickyReplicaAsync(context);
        var (victim, survivor, survivorCookie) = holder switch
        {
            "coc1" => (coc1, coc2, "coc2"),
            "coc2" => (coc2, coc1, "coc1"),
            _ => throw new InvalidOperationException($"COCSERVER cookie '{holder}' names no replica"),
        };
        // Gone after a reload: only a new document can satisfy LiveSince from here on.
        await page.EvaluateAsync("() => { window.failoverMarker = 'before-stop'; }");

        var stoppedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var clock = Stopwatch.StartNew();
        await stop(victim);

        await WaitLiveAsync(page, since: stoppedAt, proxy, coc1, coc2);
        var resumed = clock.Elapsed;

        Assert.False(survivor.HasExited);
        Assert.Equal(survivorCookie, await StickyReplicaAsync(context));
        // The old page said it had lost its server before it was replaced.
        var downText = await page.EvaluateAsync<string?>("() => sessionStorage.getItem('coc-down-at')");
        Assert.NotNull(downText);
        var downAt = long.Parse(downText, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(downAt >= stoppedAt, $"banner went down at {downAt}, before the stop at {stoppedAt}");
        _output.WriteLine($"{how}: screen on {holder}; live again on {survivorCookie} after {resumed.TotalMilliseconds:0} ms (banner down {downAt - stoppedAt} ms after the signal)");
        await assertStopped(victim);
    }

    private static async Task WaitLiveAsync(IPage page, long since, HaproxyServer proxy, CocWebProcess coc1, CocWebProcess coc2)
    {
        try
        {
            await page.WaitForFunctionAsync(LiveSince, since, new() { Timeout = Timeout, PollingInterval = 50 });
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"screen not live since {since}.{Environment.NewLine}haproxy:{Environment.NewLine}{proxy.Output()}{Environment.NewLine}coc1:{Environment.NewLine}{coc1.Output()}{Environment.NewLine}coc2:{Environment.NewLine}{coc2.Output()}", ex);
        }
    }

    /// <summary>The replica the proxy pins this browser to: its COCSERVER cookie (httponly, so read from the context).</summary>
    private static async Task<string?> StickyReplicaAsync(IBrowserContext context) =>
        (await context.CookiesAsync()).FirstOrDefault(c => c.Name == "COCSERVER")?.Value;

    internal static string ConfigPath() => Path.Combine(RepoPaths.Root(), "deploy", "haproxy.cfg");
}
