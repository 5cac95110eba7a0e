using System.Diagnostics;

namespace Coc.Bench;

/// <summary>
/// CPU used by the server under test (Coc.Web, or the bare broker) and by the bench itself over a
/// stretch of a run, as average busy cores: on a small machine both share the cores, and a saturated
/// machine explains a lot.
/// </summary>
public sealed class CpuMeter
{
    private readonly Func<TimeSpan> _appCpuTime;
    private readonly TimeSpan _appStart;
    private readonly TimeSpan _benchStart;
    private readonly long _start;

    /// <param name="appCpuTime">The server process's CPU time so far.</param>
    public CpuMeter(Func<TimeSpan> appCpuTime)
    {
        _appCpuTime = appCpuTime;
        _appStart = appCpuTime();
        _benchStart = BenchCpuTime();
        _start = Stopwatch.GetTimestamp();
    }

    public CpuUsage Stop()
    {
        var wall = Stopwatch.GetElapsedTime(_start).TotalSeconds;
        return new CpuUsage(
            (_appCpuTime() - _appStart).TotalSeconds / wall,
            (BenchCpuTime() - _benchStart).TotalSeconds / wall,
            Environment.ProcessorCount);
    }

    private static TimeSpan BenchCpuTime()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }
}

/// <summary>Average busy cores of the server under test and of the bench, out of <see cref="Cores"/>.</summary>
public sealed record CpuUsage(double AppCores, double BenchCores, int Cores);
