namespace Coc.Core.Alarms;

/// <summary>Which kind of condition a rule watches; a rule has exactly one.</summary>
public enum AlarmConditionKind
{
    /// <summary>The value reaches a level from below (<c>value &gt;= level</c>).</summary>
    Above,

    /// <summary>The value reaches a level from above (<c>value &lt;= level</c>).</summary>
    Below,

    RateOfChange,
    NoData,
}

public enum RateDirection
{
    Rise,
    Fall,
    Any,
}

/// <summary>One level of an above/below rule: "Siaga 2 from 12.5 m".</summary>
public sealed record AlarmLevel(double Value, AlarmSeverity Severity, string? Label);

/// <summary>A rate-of-change condition: the value moved faster than <see cref="PerMinute"/> over the window.</summary>
public sealed record RateOfChangeCondition(double PerMinute, TimeSpan Window, RateDirection Direction);

/// <summary>
/// A validated alarm rule, as the engine runs it. Built only by <see cref="AlarmRuleLoader"/> (or tests through it),
/// so the invariants hold: exactly one condition; levels ordered from mildest to worst with severity never
/// decreasing; a series rule has <see cref="Series"/>, a feed rule has <see cref="Feed"/> and is a no-data rule.
/// </summary>
public sealed class AlarmRule
{
    internal AlarmRule(string id, string sourceFile, SeriesPattern? series, string? feed, AlarmConditionKind kind,
        IReadOnlyList<AlarmLevel> levels, double hysteresis, TimeSpan forDuration, RateOfChangeCondition? rate,
        TimeSpan noData, AlarmMessageTemplate message, AlarmMessageTemplate? messageEn, IReadOnlyDictionary<string, string> names)
    {
        Id = id;
        SourceFile = sourceFile;
        Series = series;
        Feed = feed;
        Kind = kind;
        Levels = levels;
        Hysteresis = hysteresis;
        For = forDuration;
        Rate = rate;
        NoData = noData;
        Message = message;
        MessageEn = messageEn;
        Names = names;
    }

    public string Id { get; }

    /// <summary>The file the rule came from (file name only), so a broken file can keep its last good rules.</summary>
    public string SourceFile { get; }

    public SeriesPattern? Series { get; }

    public string? Feed { get; }

    public AlarmConditionKind Kind { get; }

    /// <summary>
    /// Mildest first. Above/below: the loader's sorted levels. Rate and no-data rules have one level carrying the
    /// rule's severity and, for rate, the limit as its value.
    /// </summary>
    public IReadOnlyList<AlarmLevel> Levels { get; }

    /// <summary>Absolute deadband (same unit as the value, per minute for rate rules) a level must be left by.</summary>
    public double Hysteresis { get; }

    /// <summary>How long a worse level must hold before it is raised; zero raises at once.</summary>
    public TimeSpan For { get; }

    public RateOfChangeCondition? Rate { get; }

    public TimeSpan NoData { get; }

    public AlarmMessageTemplate Message { get; }

    public AlarmMessageTemplate? MessageEn { get; }

    /// <summary>Human names keyed by the series' wildcard tag value (or the feed name).</summary>
    public IReadOnlyDictionary<string, string> Names { get; }

    /// <summary>Same behaviour and text: a reload that only re-reads an unchanged rule keeps its alarms' state.</summary>
    public string Fingerprint { get; internal init; } = "";
}
