using System.Globalization;

namespace Coc.Bench;

/// <summary>Linux /proc reads for the soak: a process's resident memory and the bench's own descendants (Playwright's driver and Chromium).</summary>
public static class ProcStatus
{
    /// <summary>VmRSS of a process in bytes, or null when it is gone or /proc has no such line.</summary>
    public static long? RssBytes(int pid) => KilobyteLine($"/proc/{pid}/status", "VmRSS:");

    /// <summary>Every live process below <paramref name="root"/> (children, grandchildren…), from the parent ids in /proc/*/stat.</summary>
    public static IReadOnlyList<int> Descendants(int root)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var pid in Pids())
        {
            try
            {
                // "pid (comm) state ppid …": comm may hold spaces or parentheses, so read after the last ')'.
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
                if (!children.TryGetValue(parent, out var list))
                {
                    children[parent] = list = [];
                }
                list.Add(pid);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException)
            {
                // Gone between listing and reading.
            }
        }
        var result = new List<int>();
        var queue = new Queue<int>([root]);
        while (queue.TryDequeue(out var pid))
        {
            foreach (var child in children.GetValueOrDefault(pid) ?? [])
            {
                result.Add(child);
                queue.Enqueue(child);
            }
        }
        return result;
    }

    /// <summary>When the process started, in clock ticks after boot (/proc/PID/stat field 22); null when it is gone. With the PID it names one process even if the PID is reused later.</summary>
    public static long? StartTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after "(comm) " start at field 3 (state); field 22 is starttime.
            return long.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[19], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>Proportional set size in bytes (/proc/PID/smaps_rollup): shared pages split among their sharers, so a sum over processes does not count them twice.</summary>
    public static long? PssBytes(int pid) => KilobyteLine($"/proc/{pid}/smaps_rollup", "Pss:");

    /// <summary>The "<paramref name="key"/> N kB" line of a /proc file, in bytes; null when the file is gone or has no such line.</summary>
    private static long? KilobyteLine(string path, string key)
    {
        try
        {
            foreach (var line in File.ReadLines(path))
            {
                if (line.StartsWith(key, StringComparison.Ordinal))
                {
                    var kb = line[key.Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                    return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Gone between listing and reading.
        }
        return null;
    }

    /// <summary>The command line's arguments, or empty when the process is gone.</summary>
    public static IReadOnlyList<string> CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>Every live process whose command line has an argument containing <paramref name="text"/>.</summary>
    public static IReadOnlyList<int> WithArgument(string text) =>
        [.. Pids().Where(pid => CommandLine(pid).Any(a => a.Contains(text, StringComparison.Ordinal)))];

    /// <summary>The ids of the processes /proc lists now.</summary>
    private static IEnumerable<int> Pids()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                yield return pid;
            }
        }
    }

    /// <summary>Kills one process by its id; quiet when it is already gone.</summary>
    public static void Kill(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            process.Kill();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }
}
