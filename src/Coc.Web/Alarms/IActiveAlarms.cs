namespace Coc.Web.Alarms;

/// <summary>
/// The alarms active now, as the <c>alarms</c> tile shows them. <see cref="ThresholdAlarms"/> serves
/// it until the alarm engine (rules, acknowledgement) exists; that engine replaces the registration.
/// </summary>
public interface IActiveAlarms
{
    /// <summary>
    /// Critical first, then newest; at most <paramref name="max"/> of them. Titles and details are
    /// formatted in the caller's current culture.
    /// </summary>
    ActiveAlarmSnapshot Current(int max);
}

public enum AlarmSeverity
{
    Warning,
    Critical,
}

/// <param name="Id">Stable while the alarm lasts (the series or feed), for rendering keys.</param>
/// <param name="Detail">Value, unit and the threshold's label, e.g. "13,62 m · Siaga 1".</param>
/// <param name="Since">When it entered this level; null when not known.</param>
/// <param name="Source">Where it comes from: "wall/tile" or "feed:name".</param>
/// <param name="Stale">The value behind it is old: the condition may have cleared without the wall knowing.</param>
public sealed record ActiveAlarm(string Id, AlarmSeverity Severity, string Title, string Detail, DateTimeOffset? Since, string Source, bool Stale = false);

/// <param name="Total">How many are active, including those beyond the requested maximum.</param>
public sealed record ActiveAlarmSnapshot(IReadOnlyList<ActiveAlarm> Alarms, int Total)
{
    public static ActiveAlarmSnapshot Empty { get; } = new([], 0);
}
