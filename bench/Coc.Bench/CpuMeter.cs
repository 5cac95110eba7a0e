using System.Diagnostics;

namespace Coc.Bench;

/// <summary>
/// CPU used by Coc.Web and by the bench itself over a stretch of a run, as average busy cores:
/// on a small machine both share the cores, and a saturated machine explains a lot.
/// </summary>
public sealed class CpuMeter
{
    private readonly AppProcess _app;
    private readonly TimeSpan _appStart;
    private readonly TimeSpan _benchStart;
    private readonly long _start;

    public CpuMeter(AppProcess app)
    {
        _app = app;
        _appStart = app.CpuTime();
        _benchStart = BenchCpuTime();
        _start = Stopwatch.GetTimestamp();
    }

    public CpuUsage Stop()
    {
        var wall = Stopwatch.GetElapsedTime(_start).TotalSeconds;
        return new CpuUsage(
            (_app.CpuTime() - _appStart).TotalSeconds / wall,
            (BenchCpuTime() - _benchStart).TotalSeconds / wall,
            Environment.ProcessorCount);
    }

    private static TimeSpan BenchCpuTime()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }
}

/// <summary>Average busy cores of the app and of the bench, out of <see cref="Cores"/>.</summary>
public sealed record CpuUsage(double AppCores, double BenchCores, int Cores)
{
    public override string ToString() => FormattableString.Invariant($"Coc.Web {AppCores:F2} + bench {BenchCores:F2} of {Cores} cores");
}
