using Coc.Core.Series;

namespace Coc.Core.Alarms;

/// <summary>
/// The open alarms as readers see them, rebuilt after each transition and swapped in whole: screens read it
/// without the engine's lock, and never see a list and a lookup from two different moments.
/// </summary>
internal sealed class AlarmBoardSnapshot
{
    public static readonly AlarmBoardSnapshot Empty = new([]);

    private readonly Dictionary<string, Alarm> _byId;

    public AlarmBoardSnapshot(IEnumerable<Alarm> open)
    {
        var sorted = open.ToArray();
        Array.Sort(sorted, Compare);
        Sorted = sorted;
        _byId = sorted.ToDictionary(a => a.Id, StringComparer.Ordinal);
    }

    /// <summary>Critical first, then unacknowledged first, then the newest raise.</summary>
    public Alarm[] Sorted { get; }

    public Alarm? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The first in board order: the worst severity, unacknowledged before acknowledged.</summary>
    public Alarm? WorstFor(IReadOnlySet<SeriesKey> series)
    {
        foreach (var alarm in Sorted)
        {
            if (alarm.Series is { } key && series.Contains(key))
            {
                return alarm;
            }
        }
        return null;
    }

    private static int Compare(Alarm a, Alarm b)
    {
        var c = b.Severity.CompareTo(a.Severity);
        if (c != 0)
        {
            return c;
        }
        c = a.IsAcknowledged.CompareTo(b.IsAcknowledged);
        if (c != 0)
        {
            return c;
        }
        c = b.RaisedAt.CompareTo(a.RaisedAt);
        return c != 0 ? c : string.CompareOrdinal(a.Id, b.Id);
    }
}
