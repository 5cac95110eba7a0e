namespace Coc.Tests.Shared;

/// <summary>
/// The last lines a child process printed, kept for a failing test's message. Bounded: a server that
/// logs every request for the whole test run must not grow the test's memory.
/// </summary>
public sealed class OutputTail(int keptLines = 200)
{
    private readonly Queue<string> _lines = new();

    /// <summary>For <c>OutputDataReceived</c>/<c>ErrorDataReceived</c>; a null line (end of stream) is ignored.</summary>
    public void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_lines)
        {
            _lines.Enqueue(line);
            if (_lines.Count > keptLines)
            {
                _lines.Dequeue();
            }
        }
    }

    public override string ToString()
    {
        lock (_lines)
        {
            return string.Join(Environment.NewLine, _lines);
        }
    }
}
