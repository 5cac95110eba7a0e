using System.Globalization;
using System.Text;

namespace Coc.Bench;

/// <summary>The soak's figures as markdown: the samples, first-after-warm-up against last, least-squares slopes, and the time compression.</summary>
public static class SoakReport
{
    /// <summary>What a normal feed gives a tile: about one update a second (the simulator's default round, a typical sensor).</summary>
    public const double NormalUpdatesPerSecond = 1.0;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private const double MB = 1024.0 * 1024.0;

    public static string ProgressLine(SoakSample s, SoakSample first)
    {
        var pages = string.Join("; ", s.Pages.Select((p, i) => string.Create(Inv, $"s{i + 1} heap {p.JsHeapUsedBytes / MB:F2} MB, {p.Nodes:N0} nodes, {p.Listeners:N0} listeners{(p.Reconnecting ? " RECONNECTING" : "")}")));
        var rate = RendersPerTilePerSecond(first, s);
        return string.Create(Inv, $"  {Clock(s.At)}  {pages}; Coc.Web RSS {s.ServerRssBytes / MB:F1} MB, heap after GC {s.ServerHeapAfterGcBytes / MB:F1} MB, committed {s.ServerHeapCommittedBytes / MB:F1} MB, gen2 {s.ServerGen2Collections}; Chromium PSS {s.BrowserPssBytes / MB:F0} MB; {rate.PerTile:F1} renders/tile/s over {rate.ActiveTiles} tiles");
    }

    /// <summary>Seconds after which samples count for the slopes: 2 minutes, or a fifth of a shorter run.</summary>
    public static TimeSpan WarmUp(SoakResult r) => TimeSpan.FromSeconds(Math.Min(120, r.Minutes * 60 / 5.0));

    public static string Body(SoakResult r)
    {
        var sb = new StringBuilder();
        var samples = r.Samples;
        var first = samples[0];
        var last = samples[^1];
        var span = (last.At - first.At).TotalSeconds;
        var warmUp = WarmUp(r);
        var measured = samples.Where(s => s.At >= warmUp).ToList();
        if (measured.Count < 2)
        {
            measured = [.. samples.TakeLast(2)];
        }
        var rate = RendersPerTilePerSecond(first, last);
        var factor = rate.PerTile / NormalUpdatesPerSecond;
        var equivalentHours = span / 3600.0 * factor;
        var msgRate = span > 0 ? (last.SamplesIn - first.SamplesIn) / span : 0;
        var serverCores = span > 0 ? (last.ServerCpu - first.ServerCpu).TotalSeconds / span : 0;

        sb.AppendLine(Inv, $"Coc.Web with its built-in simulator on in load mode (`Coc__Simulator__MessagesPerSecond={SoakBench.SimulatorMessagesPerSecond}`, `Devices=1`: the wall's own series move) and `Coc__Wall__TileRenderIntervalMs={SoakBench.TileRenderIntervalMs}` (the minimum; default 250); screens `/wall/{SoakBench.Wall}/screen/1..{SoakBench.Screens}` open in headless Chromium ({SoakBrowser.ChromiumPath}, Playwright, one browser context per screen, 1920×1080). {samples.Count} samples every {r.SampleSeconds} s over {Clock(last.At)} (after a 10 s settle); each page's figures after a forced GC (`HeapProfiler.collectGarbage`, then `Performance.getMetrics`); Coc.Web's RSS from `/proc`, its managed heap after the last GC (`HeapSizeBytes − FragmentedBytes` of `GC.GetGCMemoryInfo()`, which is any generation's last GC, so it can include old-generation garbage until the next gen2), GC committed memory and gen2 count from `/health` (not forced: the server's own GCs). Samples at or after {Clock(warmUp)} (warm-up) count for the slopes.");
        sb.AppendLine();
        sb.AppendLine(Inv, $"- Load: {msgRate:N0} samples/s into Coc (`samplesIn` on `/health`), {last.LiveSeries:N0} live series at the end; Coc.Web busy {serverCores:F2} of {System.Environment.ProcessorCount} cores.");
        sb.AppendLine(Inv, $"- Renders (data-ts or data-value of a tile changed, counted in the page; the clock tile left out): {rate.PerTile:F1} renders per tile per second, mean over the {rate.ActiveTiles} tiles that rendered (of {last.Pages.Sum(p => p.Tiles)} on the 3 screens); per screen {string.Join(", ", ScreenRates(first, last).Select((x, i) => string.Create(Inv, $"{i + 1}: {x.PerTile:F1} over {x.ActiveTiles}")))}.");
        sb.AppendLine(Inv, $"- **Compression**: {rate.PerTile:F1} renders/tile/s against the {NormalUpdatesPerSecond:0} update/s a normal feed gives = **{factor:F1}×**, so the {span / 60:F1} min measured are about **{equivalentHours:F1} equivalent hours** of normal updates (renders only: timers, reconnects and a day's clock are not compressed).");
        var reconnects = samples.Sum(s => s.Pages.Count(p => p.Reconnecting));
        sb.AppendLine(Inv, $"- Reconnect dialog seen in {reconnects} of {samples.Count * SoakBench.Screens} page samples; app log: {r.Log.Warnings} warnings, {r.Log.Errors} errors.");

        var screenFactors = ScreenRates(first, last).Select(x => Math.Max(1, x.PerTile / NormalUpdatesPerSecond)).ToList();
        var slow = SlowTiles(first, last).ToList();
        if (slow.Count > 0)
        {
            sb.AppendLine(Inv, $"- Tiles under {NormalUpdatesPerSecond:0} render/s (their series move slowly even in load mode): {string.Join(", ", slow.Select(t => string.Create(Inv, $"screen {t.Screen} `{t.Tile}` {t.PerSecond:F2}/s")))}.");
        }
        sb.AppendLine(Inv, $"- Per equivalent day = slope per hour ÷ compression × 24, with each screen's own compression for its page figures ({string.Join(", ", screenFactors.Select((f, i) => string.Create(Inv, $"screen {i + 1}: {f:F1}×")))}; never below 1×, i.e. a screen whose tiles barely move is taken at real time) and the overall {factor:F1}× for the server and browser-process figures.");
        sb.AppendLine();

        var rows = Metrics(r.Samples).ToList();
        // The second half alone tells a bounded fill (chart traces filling up to their cap, caches warming) from a steady leak.
        var secondHalf = measured.Where(s => s.At >= measured[0].At + (measured[^1].At - measured[0].At) / 2).ToList();
        sb.AppendLine("| Figure | first after warm-up | last | min | max | slope per hour measured | slope per hour, second half | compression | per equivalent day (whole / second half) |");
        sb.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var (name, unit, format, screen, value) in rows)
        {
            var ys = measured.Select(value).ToList();
            var slope = Slope([.. measured.Select(s => s.At.TotalHours)], ys);
            var f = screen is { } n ? screenFactors[n] : Math.Max(1, factor);
            var slope2 = Slope([.. secondHalf.Select(s => s.At.TotalHours)], [.. secondHalf.Select(value)]);
            sb.AppendLine(Inv, $"| {name} ({unit}) | {ys[0].ToString(format, Inv)} | {ys[^1].ToString(format, Inv)} | {ys.Min().ToString(format, Inv)} | {ys.Max().ToString(format, Inv)} | {Signed(slope, format)} | {Signed(slope2, format)} | {f:F1}× | {Signed(slope / f * 24, format)} / {Signed(slope2 / f * 24, format)} |");
        }
        sb.AppendLine();

        sb.AppendLine("Every sample (JS heap after GC in MB / DOM nodes / event listeners per screen; Coc.Web's managed heap after its last GC, GC committed memory and gen2 count from `/health`'s `process` check; renders per tile per second since the previous sample):");
        sb.AppendLine();
        sb.AppendLine("| t | screen 1 | screen 2 | screen 3 | Coc.Web RSS (MB) | heap after GC (MB) | committed (MB) | gen2 | Chromium PSS (MB) | live series | renders/tile/s |");
        sb.AppendLine("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        for (var i = 0; i < samples.Count; i++)
        {
            var s = samples[i];
            var pages = string.Join(" | ", s.Pages.Select(p => string.Create(Inv, $"{p.JsHeapUsedBytes / MB:F2} / {p.Nodes:N0} / {p.Listeners:N0}{(p.Reconnecting ? " (reconnecting)" : "")}")));
            var since = i == 0 ? "" : RendersPerTilePerSecond(samples[i - 1], s).PerTile.ToString("F1", Inv);
            sb.AppendLine(Inv, $"| {Clock(s.At)} | {pages} | {s.ServerRssBytes / MB:F1} | {s.ServerHeapAfterGcBytes / MB:F1} | {s.ServerHeapCommittedBytes / MB:F1} | {s.ServerGen2Collections:N0} | {s.BrowserPssBytes / MB:F0} | {s.LiveSeries:N0} | {since} |");
        }
        return sb.ToString();
    }

    private static IEnumerable<(string Name, string Unit, string Format, int? Screen, Func<SoakSample, double> Value)> Metrics(IReadOnlyList<SoakSample> samples)
    {
        for (var i = 0; i < samples[0].Pages.Count; i++)
        {
            var n = i;
            yield return ($"screen {n + 1} JS heap after GC", "MB", "F2", n, s => s.Pages[n].JsHeapUsedBytes / MB);
            yield return ($"screen {n + 1} DOM nodes", "nodes", "F0", n, s => s.Pages[n].Nodes);
            yield return ($"screen {n + 1} event listeners", "listeners", "F0", n, s => s.Pages[n].Listeners);
        }
        yield return ("Coc.Web resident memory (VmRSS)", "MB", "F1", null, s => s.ServerRssBytes / MB);
        yield return ("Coc.Web managed heap after last GC", "MB", "F1", null, s => s.ServerHeapAfterGcBytes / MB);
        yield return ("Coc.Web GC committed", "MB", "F1", null, s => s.ServerHeapCommittedBytes / MB);
        yield return ("Coc.Web gen2 collections", "count", "F0", null, s => s.ServerGen2Collections);
        yield return ("Chromium + Playwright driver PSS, all processes", "MB", "F0", null, s => s.BrowserPssBytes / MB);
        yield return ("live series on /health", "series", "F0", null, s => s.LiveSeries);
    }

    private static IEnumerable<(int Screen, string Tile, double PerSecond)> SlowTiles(SoakSample from, SoakSample to)
    {
        var seconds = (to.At - from.At).TotalSeconds;
        for (var i = 0; i < to.Pages.Count && seconds > 0; i++)
        {
            foreach (var (tile, count) in to.Pages[i].RendersPerTile.OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                var perSecond = (count - from.Pages[i].RendersPerTile.GetValueOrDefault(tile)) / seconds;
                if (perSecond < NormalUpdatesPerSecond)
                {
                    yield return (i + 1, tile, perSecond);
                }
            }
        }
    }

    /// <summary>Renders per tile per second between two samples, over the tiles that rendered at all in between.</summary>
    public static (double PerTile, int ActiveTiles) RendersPerTilePerSecond(SoakSample from, SoakSample to)
    {
        var pairs = from.Pages.Zip(to.Pages).Select(p => Rate(p.First, p.Second)).ToList();
        var renders = pairs.Sum(p => p.Renders);
        var active = pairs.Sum(p => p.Active);
        var seconds = (to.At - from.At).TotalSeconds;
        return (active > 0 && seconds > 0 ? renders / active / seconds : 0, active);
    }

    private static IEnumerable<(double PerTile, int ActiveTiles)> ScreenRates(SoakSample from, SoakSample to)
    {
        var seconds = (to.At - from.At).TotalSeconds;
        foreach (var (a, b) in from.Pages.Zip(to.Pages))
        {
            var (renders, active) = Rate(a, b);
            yield return (active > 0 && seconds > 0 ? renders / active / seconds : 0, active);
        }
    }

    private static (double Renders, int Active) Rate(PageSample a, PageSample b)
    {
        var deltas = b.RendersPerTile.Select(t => t.Value - a.RendersPerTile.GetValueOrDefault(t.Key)).Where(d => d > 0).ToList();
        return (deltas.Sum(), deltas.Count);
    }

    /// <summary>Least-squares slope of y over x; 0 with fewer than two distinct x.</summary>
    public static double Slope(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var mx = x.Average();
        var my = y.Average();
        var sxx = x.Sum(v => (v - mx) * (v - mx));
        return sxx > 0 ? x.Zip(y).Sum(p => (p.First - mx) * (p.Second - my)) / sxx : 0;
    }

    private static string Signed(double v, string format) =>
        double.IsFinite(v) ? (v >= 0 ? "+" : "") + v.ToString(format == "F0" ? "F1" : format, Inv) : "–";

    private static string Clock(TimeSpan t) => string.Create(Inv, $"{(int)t.TotalMinutes}:{t.Seconds:00}");
}
