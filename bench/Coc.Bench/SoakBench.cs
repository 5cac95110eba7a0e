using System.Diagnostics;
using System.Globalization;

namespace Coc.Bench;

/// <summary>
/// The soak: Coc.Web with its built-in simulator in load mode and the fastest tile render interval, the three
/// screens of the jambi-coc wall open in headless Chromium, and every few seconds each page's memory after a
/// forced GC, its DOM nodes and listeners, and the server's resident memory, managed heap after its last GC,
/// GC-committed memory and gen2 count (the last three from <c>/health</c>). Fast renders compress hours of a
/// normal wall into minutes; the render counter in each page says by how much.
/// </summary>
public sealed class SoakBench(BenchOptions options, string dll, string logPath, TextWriter output)
{
    public const int SimulatorMessagesPerSecond = 400;
    public const int TileRenderIntervalMs = 50;
    public const string Wall = "jambi-coc";
    public const int Screens = 3;
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);

    public static IReadOnlyDictionary<string, string> AppEnvironment { get; } = new Dictionary<string, string>
    {
        ["Coc__Simulator__Enabled"] = "true",
        // Load mode: the simulated city's own devices (one copy, so the wall's series are the ones moving) back to back.
        ["Coc__Simulator__MessagesPerSecond"] = SimulatorMessagesPerSecond.ToString(CultureInfo.InvariantCulture),
        ["Coc__Simulator__Devices"] = "1",
        // The validator's minimum: a tile renders up to 20 times a second instead of about once.
        ["Coc__Wall__TileRenderIntervalMs"] = TileRenderIntervalMs.ToString(CultureInfo.InvariantCulture),
    };

    public async Task<SoakResult> RunAsync(CancellationToken cancellationToken)
    {
        var loadBefore = MachineInfo.LoadAverage();
        await using var app = await AppProcess.StartAsync(dll, logPath, cancellationToken, AppEnvironment);
        output.WriteLine($"soak: Coc.Web pid {app.Pid}, http {app.HttpBase}, simulator {SimulatorMessagesPerSecond} msg/s, tile render interval {TileRenderIntervalMs} ms");
        using var probe = new HealthProbe(app.HttpBase);
        await using var browser = await SoakBrowser.LaunchAsync(app.Pid);
        for (var screen = 1; screen <= Screens; screen++)
        {
            await browser.OpenAsync(app.HttpBase, $"/wall/{Wall}/screen/{screen}");
        }
        output.WriteLine($"soak: {string.Join(", ", browser.Paths)} open in {SoakBrowser.ChromiumPath}; settling {Settle.TotalSeconds:0} s");
        await Task.Delay(Settle, cancellationToken);

        var samples = new List<SoakSample>();
        var duration = TimeSpan.FromMinutes(options.SoakMinutes);
        var interval = TimeSpan.FromSeconds(options.SoakSampleSeconds);
        var clock = Stopwatch.StartNew();
        var cpuStart = app.CpuTime();
        for (var k = 0; ; k++)
        {
            // An absolute schedule: a slow sample never shifts the later ones.
            var due = interval * k;
            if (due > duration)
            {
                break;
            }
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, cancellationToken);
            }
            var at = clock.Elapsed;
            var pages = await browser.SampleAsync();
            var health = await probe.ReadAsync(cancellationToken);
            var memory = health.Process ?? throw new BenchException("Coc's /health has no 'process' check (managed heap, committed, gen2): build Coc.Web from a commit that has it.");
            var sample = new SoakSample(at, pages,
                ProcStatus.RssBytes(app.Pid) ?? throw new BenchException($"Coc.Web (pid {app.Pid}) is gone. Log: {app.Log.Path}"),
                browser.BrowserPssBytes(), health.LiveSeries, health.SamplesIn, app.CpuTime() - cpuStart,
                memory.HeapAfterLastGcBytes, memory.HeapCommittedBytes, memory.Gen2Collections);
            samples.Add(sample);
            output.WriteLine(SoakReport.ProgressLine(sample, samples[0]));
        }
        return new SoakResult(samples, options.SoakMinutes, options.SoakSampleSeconds, loadBefore, MachineInfo.LoadAverage(), AppLogSummary.Of(app.Log));
    }
}

public sealed record SoakSample(
    TimeSpan At,
    IReadOnlyList<PageSample> Pages,
    long ServerRssBytes,
    long BrowserPssBytes,
    long LiveSeries,
    long SamplesIn,
    TimeSpan ServerCpu,
    long ServerHeapAfterGcBytes,
    long ServerHeapCommittedBytes,
    long ServerGen2Collections);

public sealed record SoakResult(
    IReadOnlyList<SoakSample> Samples,
    int Minutes,
    int SampleSeconds,
    string LoadBefore,
    string LoadAfter,
    AppLogSummary Log);
