using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Playwright;

namespace Coc.Bench;

/// <summary>
/// Debian's headless Chromium (never a downloaded browser) driven by Playwright, one browser context per wall
/// screen as if each were its own kiosk PC. Each page gets a render counter and a DevTools session to force a GC
/// and read the page's memory. Disposing closes the browser and then kills, by PID, any Playwright or Chromium
/// process of the bench still alive; so does the bench exiting any other way.
/// </summary>
public sealed class SoakBrowser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly ConcurrentDictionary<int, long> Started = new();

    // Counts renders: one per tile per MutationObserver callback in which the tile's data-ts or data-value
    // changed (Blazor applies one render batch in one task, so one callback is one batch). The clock tile
    // ticks by itself once a second and is left out.
    private const string CounterScript = """
        () => {
          if (window.__cocSoak) return;
          const s = { renders: 0, perTile: {} };
          window.__cocSoak = s;
          new MutationObserver(records => {
            const tiles = new Set();
            for (const r of records) {
              const el = r.target;
              if (el.nodeType === 1 && el.hasAttribute('data-tile-id') && el.getAttribute('data-tile-type') !== 'clock') tiles.add(el.getAttribute('data-tile-id'));
            }
            for (const id of tiles) { s.perTile[id] = (s.perTile[id] || 0) + 1; s.renders++; }
          }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-ts', 'data-value'] });
        }
        """;

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly int _appPid;
    private readonly List<Screen> _screens = [];

    // Chromium's crash handler double-forks away from its parent: it is found by the browser's own profile folder instead.
    private static readonly ConcurrentDictionary<string, bool> ProfileFolders = new();

    static SoakBrowser() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var (pid, startTicks) in Started)
        {
            KillIfSame(pid, startTicks);
        }
        foreach (var folder in ProfileFolders.Keys)
        {
            foreach (var pid in ProcStatus.WithArgument(folder))
            {
                ProcStatus.Kill(pid);
            }
        }
    };

    private SoakBrowser(IPlaywright playwright, IBrowser browser, int appPid)
    {
        _playwright = playwright;
        _browser = browser;
        _appPid = appPid;
    }

    public IReadOnlyList<string> Paths => [.. _screens.Select(s => s.Path)];

    public static async Task<SoakBrowser> LaunchAsync(int appPid)
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new BenchException($"{ChromiumPath} is missing: install Debian's chromium package (./scripts/test.sh does).");
        }
        var playwright = await Playwright.CreateAsync();
        IBrowser browser;
        try
        {
            browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            });
        }
        catch
        {
            playwright.Dispose();
            KillOurs(appPid);
            throw;
        }
        var soak = new SoakBrowser(playwright, browser, appPid);
        soak.RememberProcesses();
        return soak;
    }

    /// <summary>Opens a screen in a fresh context at 1920×1080 and waits until its tiles are on the page.</summary>
    public async Task OpenAsync(Uri baseUri, string path)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(BenchAuth.WithScreenToken(new Uri(baseUri, path).ToString()));
        await page.WaitForSelectorAsync("[data-tile-id]", new() { Timeout = 30_000 });
        await page.EvaluateAsync(CounterScript);
        var cdp = await context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Performance.enable");
        _screens.Add(new Screen(path, page, cdp));
        RememberProcesses();
    }

    /// <summary>Per screen, in order: a forced GC, then the page's metrics and its render counts.</summary>
    public async Task<IReadOnlyList<PageSample>> SampleAsync()
    {
        var samples = new List<PageSample>();
        foreach (var screen in _screens)
        {
            await screen.Cdp.SendAsync("HeapProfiler.collectGarbage");
            var metrics = await screen.Cdp.SendAsync("Performance.getMetrics")
                ?? throw new BenchException($"Performance.getMetrics answered nothing for {screen.Path}");
            double Metric(string name)
            {
                foreach (var m in metrics.GetProperty("metrics").EnumerateArray())
                {
                    if (m.GetProperty("name").GetString() == name)
                    {
                        return m.GetProperty("value").GetDouble();
                    }
                }
                throw new BenchException($"Performance.getMetrics has no {name} for {screen.Path}");
            }
            // As a JSON string: Playwright's own serialisation of the object does not keep every number a JSON number.
            var json = await screen.Page.EvaluateAsync<string>("() => JSON.stringify({ renders: window.__cocSoak.renders, perTile: window.__cocSoak.perTile, tiles: document.querySelectorAll('[data-tile-id]').length, reconnect: (document.querySelector('#components-reconnect-modal')?.dataset.state ?? 'connected') !== 'connected' })");
            using var doc = JsonDocument.Parse(json);
            var counts = doc.RootElement;
            var perTile = counts.GetProperty("perTile").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
            samples.Add(new PageSample(
                screen.Path,
                (long)Metric("JSHeapUsedSize"),
                (long)Metric("JSHeapTotalSize"),
                (long)Metric("Nodes"),
                (long)Metric("JSEventListeners"),
                counts.GetProperty("renders").GetInt64(),
                perTile,
                counts.GetProperty("tiles").GetInt32(),
                counts.GetProperty("reconnect").GetBoolean()));
        }
        return samples;
    }

    /// <summary>Proportional memory (PSS) of every Playwright and Chromium process of the bench (the driver is small): shared pages counted once.</summary>
    public long BrowserPssBytes()
    {
        RememberProcesses();
        return OurProcesses(_appPid).Sum(pid => ProcStatus.PssBytes(pid) ?? 0);
    }

    /// <summary>The bench's descendants that are not Coc.Web or below it: Playwright's driver and Chromium.</summary>
    private static List<int> OurProcesses(int appPid)
    {
        var app = ProcStatus.Descendants(appPid).Append(appPid).ToHashSet();
        return [.. ProcStatus.Descendants(Environment.ProcessId).Where(pid => !app.Contains(pid))];
    }

    private void RememberProcesses()
    {
        foreach (var pid in OurProcesses(_appPid))
        {
            if (ProcStatus.StartTicks(pid) is { } ticks)
            {
                Started[pid] = ticks;
            }
            foreach (var arg in ProcStatus.CommandLine(pid))
            {
                if (arg.StartsWith("--user-data-dir=", StringComparison.Ordinal) && arg.Length > 30)
                {
                    ProfileFolders[arg["--user-data-dir=".Length..]] = true;
                }
            }
        }
    }

    private static void KillOurs(int appPid)
    {
        foreach (var pid in OurProcesses(appPid))
        {
            ProcStatus.Kill(pid);
        }
    }

    public async ValueTask DisposeAsync()
    {
        RememberProcesses();
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
        // Whatever did not exit with the browser (a renderer, the driver) goes by its PID.
        foreach (var (pid, startTicks) in Started)
        {
            KillIfSame(pid, startTicks);
            Started.TryRemove(pid, out _);
        }
        KillOurs(_appPid);
        // Processes of this browser left behind (the crash handler): a few seconds to go by themselves, then by PID.
        foreach (var folder in ProfileFolders.Keys)
        {
            for (var wait = 0; wait < 25 && ProcStatus.WithArgument(folder).Count > 0; wait++)
            {
                await Task.Delay(200);
            }
            foreach (var pid in ProcStatus.WithArgument(folder))
            {
                Console.Error.WriteLine($"note: killing leftover Chromium process {pid} ({string.Join(' ', ProcStatus.CommandLine(pid).Take(1))})");
                ProcStatus.Kill(pid);
            }
            ProfileFolders.TryRemove(folder, out _);
        }
    }

    /// <summary>Kills the process only if the PID still names the process seen earlier (same start time), never a newcomer that got the PID.</summary>
    private static void KillIfSame(int pid, long startTicks)
    {
        if (ProcStatus.StartTicks(pid) == startTicks)
        {
            ProcStatus.Kill(pid);
        }
    }

    private sealed record Screen(string Path, IPage Page, ICDPSession Cdp);
}

/// <summary>One screen at one sample time, after a forced GC in its page.</summary>
public sealed record PageSample(
    string Path,
    long JsHeapUsedBytes,
    long JsHeapTotalBytes,
    long Nodes,
    long Listeners,
    long Renders,
    IReadOnlyDictionary<string, long> RendersPerTile,
    int Tiles,
    bool Reconnecting);
