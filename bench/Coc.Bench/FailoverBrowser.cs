using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace Coc.Bench;

/// <summary>
/// One wall screen in Debian's headless Chromium (never a downloaded browser), with a script in every document it
/// loads that notes, on the page's own clock, when the document started (navigation start), when the screen said it
/// lost its server, and when it was first live. Disposing closes the browser and kills, by PID, any process of it
/// still alive.
/// </summary>
public sealed class FailoverBrowser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>An ATCS count the simulator moves every second (the clock tile would be "live" without any data).</summary>
    public const string TileId = "atcs-kawat-vehicles";

    // Live: the banner says connected, <html> is not greyed, and the tile shows a sample newer than the
    // `since` (epoch ms) the bench left in sessionStorage before the reload. Prerender is off, so every tile
    // on the page was rendered by the document's own circuit.
    // Down: the first time the banner leaves "connected", kept in sessionStorage, which outlives the reload.
    private const string WatchScript = """
        (() => {
          const s = { origin: performance.timeOrigin, liveAt: null };
          window.__cocFailover = s;
          const since = Number(sessionStorage.getItem('coc-bench-since') || '0');
          const check = () => {
            const banner = document.getElementById('components-reconnect-modal');
            if (!banner) return;
            if (banner.dataset.state !== 'connected' && !sessionStorage.getItem('coc-bench-down')) {
              sessionStorage.setItem('coc-bench-down', String(Date.now()));
            }
            if (s.liveAt !== null) return;
            const tile = document.querySelector("[data-tile-id='TILE_ID']");
            if (banner.dataset.state === 'connected' && !document.documentElement.classList.contains('kiosk-disconnected')
                && tile && tile.dataset.ts && Date.parse(tile.dataset.ts) > since) {
              s.liveAt = Date.now();
            }
          };
          new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-ts', 'data-state', 'class'] });
        })();
        """;

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly IBrowserContext _context;
    private readonly IPage _page;
    private readonly HashSet<string> _profileFolders = [];

    private FailoverBrowser(IPlaywright playwright, IBrowser browser, IBrowserContext context, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        _context = context;
        _page = page;
    }

    public string Version => _browser.Version;

    public static async Task<FailoverBrowser> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new BenchException($"{ChromiumPath} is missing: install Debian's chromium package (./scripts/test.sh does).");
        }
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            });
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } });
            await context.AddInitScriptAsync(WatchScript.Replace("TILE_ID", TileId, StringComparison.Ordinal));
            var page = await context.NewPageAsync();
            var result = new FailoverBrowser(playwright, browser, context, page);
            result.RememberProfileFolders();
            return result;
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>Opens the screen and waits until it is live.</summary>
    public async Task<DocumentTimes> OpenAsync(string url, TimeSpan timeout)
    {
        await SinceAsync(0);
        await _page.GotoAsync(BenchAuth.WithScreenToken(url));
        return await WaitLiveAsync(previousOrigin: 0, timeout);
    }

    /// <summary>The peer: a plain reload, timed from the new document's navigation start to live.</summary>
    public async Task<DocumentTimes> ReloadAsync(TimeSpan timeout)
    {
        var before = await CurrentAsync();
        await SinceAsync(0);
        await _page.ReloadAsync();
        return await WaitLiveAsync(before.Origin, timeout);
    }

    /// <summary>
    /// Before a kill: from now on only a tile sample newer than <paramref name="sinceMs"/> counts as live, in a
    /// document other than the current one; forgets an earlier "down".
    /// </summary>
    public async Task<double> ArmAsync(long sinceMs)
    {
        await SinceAsync(sinceMs);
        await _page.EvaluateAsync("() => sessionStorage.removeItem('coc-bench-down')");
        return (await CurrentAsync()).Origin;
    }

    /// <summary>Until a document other than <paramref name="previousOrigin"/>'s is live; its times and when the old one went down.</summary>
    public async Task<DocumentTimes> WaitLiveAsync(double previousOrigin, TimeSpan timeout)
    {
        try
        {
            await _page.WaitForFunctionAsync(
                "previous => window.__cocFailover && window.__cocFailover.origin !== previous && window.__cocFailover.liveAt !== null",
                previousOrigin, new() { Timeout = (float)timeout.TotalMilliseconds, PollingInterval = 50 });
        }
        catch (TimeoutException)
        {
            throw new BenchException($"the screen was not live again within {timeout.TotalSeconds:0} s (page {_page.Url})");
        }
        return await CurrentAsync();
    }

    /// <summary>The replica the proxy pins this browser to: the COCSERVER cookie (httponly, so read from the context).</summary>
    public async Task<string?> StickyReplicaAsync() =>
        (await _context.CookiesAsync()).FirstOrDefault(c => c.Name == "COCSERVER")?.Value;

    private Task SinceAsync(long sinceMs) =>
        _page.EvaluateAsync("since => { try { sessionStorage.setItem('coc-bench-since', String(since)); } catch { } }", sinceMs);

    private async Task<DocumentTimes> CurrentAsync()
    {
        // As a JSON string: every number stays a JSON number.
        var json = await _page.EvaluateAsync<string>("() => JSON.stringify({ s: window.__cocFailover ?? null, down: sessionStorage.getItem('coc-bench-down') })");
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var s = root.GetProperty("s");
        if (s.ValueKind != JsonValueKind.Object)
        {
            throw new BenchException("the page has no failover watch script (window.__cocFailover)");
        }
        var live = s.GetProperty("liveAt");
        var down = root.GetProperty("down");
        return new DocumentTimes(
            s.GetProperty("origin").GetDouble(),
            live.ValueKind == JsonValueKind.Number ? live.GetDouble() : null,
            down.ValueKind == JsonValueKind.String ? double.Parse(down.GetString()!, CultureInfo.InvariantCulture) : null);
    }

    /// <summary>Chromium's crash handler double-forks away from its parent: it is found by the browser's profile folder.</summary>
    private void RememberProfileFolders()
    {
        foreach (var pid in ProcStatus.Descendants(Environment.ProcessId))
        {
            foreach (var arg in ProcStatus.CommandLine(pid))
            {
                if (arg.StartsWith("--user-data-dir=", StringComparison.Ordinal) && arg.Length > 30)
                {
                    _profileFolders.Add(arg["--user-data-dir=".Length..]);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await _browser.CloseAsync().WaitAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is PlaywrightException or OperationCanceledException or TimeoutException)
        {
            Console.Error.WriteLine($"warning: closing Chromium failed ({ex.Message}); killing it by PID");
        }
        _playwright.Dispose();
        foreach (var folder in _profileFolders)
        {
            // A few seconds to go by themselves, then by PID.
            for (var wait = 0; wait < 25 && ProcStatus.WithArgument(folder).Count > 0; wait++)
            {
                await Task.Delay(200);
            }
            foreach (var pid in ProcStatus.WithArgument(folder))
            {
                ProcStatus.Kill(pid);
            }
        }
    }
}

/// <summary>One document's times on the page's clock (epoch ms): navigation start, first live, and the last "down" noted in the tab.</summary>
public sealed record DocumentTimes(double Origin, double? LiveAt, double? DownAt);
