using Coc.Core.Series;

namespace Coc.Core.Alarms;

/// <summary>The open alarms as screens, tablets and the API read and act on them.</summary>
public interface IAlarmBoard
{
    /// <summary>Every alarm that is not closed: critical first, then unacknowledged first, then newest.</summary>
    IReadOnlyList<Alarm> Open { get; }

    Alarm? Find(string id);

    /// <summary>
    /// The worst open alarm on any of these series, in board order (a tile's flash: it flashes while that
    /// alarm is unacknowledged), or null.
    /// </summary>
    Alarm? WorstFor(IReadOnlySet<SeriesKey> series);

    /// <summary>
    /// Acknowledges the alarm <paramref name="id"/> if it is still the <paramref name="occurrence"/> the
    /// user saw (so a stale tablet cannot acknowledge a new alarm of the same condition).
    /// </summary>
    AcknowledgeResult Acknowledge(string id, long occurrence, string user, string? comment);

    /// <summary>
    /// Calls <paramref name="onTransition"/> after every transition (on the thread that caused it: keep it
    /// short). Dispose to stop: circuits live for weeks.
    /// </summary>
    IDisposable Watch(Action<AlarmTransition> onTransition);
}

public enum AcknowledgeResult
{
    Acknowledged,
    NotFound,
    AlreadyAcknowledged,

    /// <summary>The alarm with that id is a newer occurrence than the one the user acknowledged.</summary>
    OccurrenceChanged,
}
