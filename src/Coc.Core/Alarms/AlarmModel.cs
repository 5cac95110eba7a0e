using Coc.Core.Series;

namespace Coc.Core.Alarms;

/// <summary>How bad an alarm is; also the colour a tile flashes in. Ordered: a higher value is worse.</summary>
public enum AlarmSeverity
{
    Warning = 1,
    Critical = 2,
}

/// <summary>Where an alarm is in its life, as control rooms know it (ISA-18.2 style).</summary>
public enum AlarmState
{
    /// <summary>The condition holds and nobody has taken it yet.</summary>
    ActiveUnacknowledged,

    /// <summary>The condition holds; a duty officer has taken it.</summary>
    ActiveAcknowledged,

    /// <summary>The condition is gone but nobody acknowledged it: stays listed until someone does.</summary>
    ClearedUnacknowledged,

    /// <summary>Cleared and acknowledged: history only.</summary>
    Closed,
}

public enum AlarmTransitionKind
{
    /// <summary>A new alarm: the condition started.</summary>
    Raised,

    /// <summary>An open alarm reached a worse level (Siaga 2 → Siaga 1): unacknowledged again.</summary>
    Escalated,

    /// <summary>An open alarm fell back to a milder level that still holds (kept acknowledged if it was).</summary>
    Eased,

    /// <summary>The condition came back while the alarm was cleared but not acknowledged: active again, same alarm.</summary>
    Returned,

    Acknowledged,

    /// <summary>The condition is gone.</summary>
    Cleared,
}

/// <summary>
/// One alarm as it is now. <see cref="Id"/> is the rule and the series instance
/// (<c>rule|seriesId</c>, or <c>rule|feed:name</c>); one condition never has two open alarms.
/// </summary>
/// <param name="Occurrence">Distinguishes successive alarms of one <see cref="Id"/>: the first raise's time, in ms since the epoch.</param>
/// <param name="Series">The series it is about; null for feed-level rules.</param>
/// <param name="Message">Formatted message in Bahasa Indonesia (the rule's template filled in).</param>
/// <param name="MessageEn">English message when the rule has one, else null (show <see cref="Message"/>).</param>
/// <param name="Level">The level label (e.g. "Siaga 1"), or null for single-level conditions.</param>
public sealed record Alarm(
    string Id,
    long Occurrence,
    string RuleId,
    SeriesKey? Series,
    string? Feed,
    AlarmSeverity Severity,
    AlarmState State,
    string Message,
    string? MessageEn,
    string? Level,
    double? Value,
    DateTimeOffset RaisedAt,
    DateTimeOffset ChangedAt,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedBy,
    string? AcknowledgeComment,
    DateTimeOffset? ClearedAt)
{
    public bool IsActive => State is AlarmState.ActiveUnacknowledged or AlarmState.ActiveAcknowledged;

    public bool IsAcknowledged => AcknowledgedAt is not null;

    public bool IsOpen => State != AlarmState.Closed;
}

/// <summary>One change of one alarm, as persisted and exported: who did what, when.</summary>
/// <param name="By">The user for acknowledgements; null when the system did it (raise, clear).</param>
/// <param name="After">The alarm right after this transition.</param>
public sealed record AlarmTransition(AlarmTransitionKind Kind, DateTimeOffset At, string? By, string? Comment, Alarm After);
