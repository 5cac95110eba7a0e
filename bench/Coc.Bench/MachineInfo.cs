using System.Globalization;
using System.Runtime.InteropServices;

namespace Coc.Bench;

/// <summary>The machine a run was measured on, as the report states it.</summary>
public sealed record MachineInfo(int Cores, string Cpu, string Ram, string Os, string Runtime)
{
    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        ReadProc("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        ReadProc("/proc/meminfo", "MemTotal") is { } kb ? FormatKb(kb) : "unknown",
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription);

    public override string ToString() => $"{Cores} cores (nproc), {Cpu}, {Ram} RAM, {Os}, {Runtime}";

    /// <summary>The 1-minute load average from /proc/loadavg: on a shared machine, other work skews the figures.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    /// <summary>The value of the first "key : value" line, or null when the file or key is missing.</summary>
    private static string? ReadProc(string path, string key)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        foreach (var line in File.ReadLines(path))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim() == key)
            {
                return line[(colon + 1)..].Trim();
            }
        }
        return null;
    }

    private static string FormatKb(string text) =>
        long.TryParse(text.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture, out var kb)
            ? string.Create(CultureInfo.InvariantCulture, $"{kb / 1024.0 / 1024.0:F1} GiB")
            : text;
}
