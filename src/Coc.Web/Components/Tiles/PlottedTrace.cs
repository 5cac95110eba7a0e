namespace Coc.Web.Components.Tiles;

/// <summary>
/// The server's record of the timestamps one chart trace holds in the browser, so the tile can trim
/// the trace to its time window. Plotly only trims by point count: a series that reports every ten
/// seconds would otherwise keep ten hours in a "60 minute" chart before the count cap cuts in.
/// </summary>
public sealed class PlottedTrace
{
    private readonly Queue<DateTimeOffset> _timestamps = new();
    private readonly int _maxPoints;

    public PlottedTrace(int maxPoints) => _maxPoints = maxPoints;

    /// <summary>Points the browser holds for this trace, as far as the server knows.</summary>
    public int Count => _timestamps.Count;

    /// <summary>Records points sent to the browser, oldest first; Plotly keeps at most <c>maxPoints</c>, and so does this.</summary>
    public void Add(IEnumerable<DateTimeOffset> timestamps)
    {
        foreach (var ts in timestamps)
        {
            _timestamps.Enqueue(ts);
        }
        while (_timestamps.Count > _maxPoints)
        {
            _timestamps.Dequeue();
        }
    }

    /// <summary>
    /// Forgets the points older than <paramref name="cutoff"/> once there are some older than
    /// <paramref name="trimWhenOlderThan"/> (a slack, so the browser is asked to trim now and then,
    /// not on every update). Returns how many points the trace should keep, or null when no trim is due.
    /// </summary>
    public int? TrimIfDue(DateTimeOffset cutoff, DateTimeOffset trimWhenOlderThan)
    {
        if (_timestamps.Count == 0 || _timestamps.Peek() >= trimWhenOlderThan)
        {
            return null;
        }
        while (_timestamps.Count > 0 && _timestamps.Peek() < cutoff)
        {
            _timestamps.Dequeue();
        }
        return _timestamps.Count;
    }
}
