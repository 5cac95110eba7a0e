namespace Coc.Bench;

/// <summary>
/// The child's console output: all of it to a file, and in memory the last lines plus the first
/// warnings and errors (the console logger writes "warn:"/"fail:"/"crit:" then the message on the next line).
/// </summary>
public sealed class AppLog : IDisposable
{
    private const int TailLines = 50;
    private const int MaxNotable = 20;

    private readonly StreamWriter _file;
    private readonly Queue<string> _tail = new();
    private readonly List<string> _notable = [];
    private readonly Lock _gate = new();
    private bool _lastWasNotableHeader;
    private bool _disposed;

    public AppLog(string path)
    {
        Path = path;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        _file = new StreamWriter(path) { AutoFlush = true };
    }

    public string Path { get; }

    public int Warnings { get; private set; }

    public int Errors { get; private set; }

    public void Add(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            _file.WriteLine(line);
            _tail.Enqueue(line);
            if (_tail.Count > TailLines)
            {
                _tail.Dequeue();
            }
            var isWarning = line.StartsWith("warn:", StringComparison.Ordinal);
            var isError = line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal)
                || line.StartsWith("Unhandled exception", StringComparison.Ordinal);
            Warnings += isWarning ? 1 : 0;
            Errors += isError ? 1 : 0;
            if (_lastWasNotableHeader && _notable.Count < MaxNotable)
            {
                _notable[^1] += " " + line.Trim();
            }
            _lastWasNotableHeader = (isWarning || isError) && _notable.Count < MaxNotable;
            if (_lastWasNotableHeader)
            {
                _notable.Add(line.Trim());
            }
        }
    }

    public string Tail(int lines)
    {
        lock (_gate)
        {
            return string.Join(Environment.NewLine, _tail.TakeLast(lines));
        }
    }

    /// <summary>The first warnings and errors, each with its message line.</summary>
    public IReadOnlyList<string> Notable()
    {
        lock (_gate)
        {
            return [.. _notable];
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _file.Dispose();
        }
    }
}
