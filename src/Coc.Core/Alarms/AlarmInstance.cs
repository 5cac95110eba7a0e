using Coc.Core.Series;

namespace Coc.Core.Alarms;

/// <summary>
/// One condition the engine watches: a rule applied to one series (or to its feed). Holds the applied level and
/// what is needed to decide the next one; mutated only under the engine's lock.
/// </summary>
internal sealed class AlarmInstance
{
    public AlarmInstance(AlarmRule rule, SeriesKey? series, string? feed, DateTimeOffset now)
    {
        Rule = rule;
        Series = series;
        Feed = feed;
        Id = series is not null ? $"{rule.Id}|{series.Id}" : $"{rule.Id}|feed:{feed}";
        Name = NameOf(rule, series, feed);
        LastSeenAt = now;
        CreatedAt = now;
        Rate = rule.Rate is { } r ? new RateHistory(r.Window) : null;
    }

    public string Id { get; }

    public AlarmRule Rule { get; set; }

    public SeriesKey? Series { get; }

    public string? Feed { get; }

    /// <summary>The human name for messages: the rule's name for the wildcard value, else the value itself.</summary>
    public string Name { get; }

    public DateTimeOffset CreatedAt { get; }

    /// <summary>Applied level index into <see cref="AlarmRule.Levels"/>; -1 while the condition does not hold.</summary>
    public int Level { get; set; } = -1;

    /// <summary>A worse level waiting for <see cref="AlarmRule.For"/> to pass; -1 when none.</summary>
    public int PendingLevel { get; set; } = -1;

    public DateTimeOffset PendingSince { get; set; }

    /// <summary>The newest sample's own time: older samples are ignored for state.</summary>
    public DateTimeOffset LastTimestamp { get; set; } = DateTimeOffset.MinValue;

    /// <summary>When the newest sample arrived (engine clock): device clocks may be wrong, silence is measured here.</summary>
    public DateTimeOffset LastSeenAt { get; set; }

    public double? LastValue { get; set; }

    public double? LastRate { get; set; }

    public RateHistory? Rate { get; }

    public long LastOccurrence { get; set; }

    /// <summary>The level a value asks for, given the applied one: a level is left only beyond its deadband.</summary>
    public int TargetForValue(double value)
    {
        var levels = Rule.Levels;
        var above = Rule.Kind == AlarmConditionKind.Above;
        for (var i = levels.Count - 1; i >= 0; i--)
        {
            var band = i <= Level ? Rule.Hysteresis : 0;
            if (above ? value >= levels[i].Value - band : value <= levels[i].Value + band)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>Level 0 while the rate reaches the limit; once raised it is left only below limit − hysteresis.</summary>
    public int TargetForRate(double perMinute)
    {
        var rate = Rule.Rate!;
        var measured = rate.Direction switch
        {
            RateDirection.Rise => perMinute,
            RateDirection.Fall => -perMinute,
            _ => Math.Abs(perMinute),
        };
        var limit = rate.PerMinute - (Level >= 0 ? Rule.Hysteresis : 0);
        return measured >= limit ? 0 : -1;
    }

    /// <summary>After a restart or a rule edit: the level the open alarm stands at, so a holding condition raises nothing new.</summary>
    public void AttachTo(Alarm alarm)
    {
        LastOccurrence = Math.Max(LastOccurrence, alarm.Occurrence);
        if (!alarm.IsActive)
        {
            Level = -1;
            return;
        }
        var levels = Rule.Levels;
        var byLabel = alarm.Level is null ? -1 : IndexOf(levels, l => l.Label == alarm.Level);
        Level = byLabel >= 0 ? byLabel : Math.Max(0, LastIndexOf(levels, l => l.Severity == alarm.Severity));
    }

    private static int IndexOf(IReadOnlyList<AlarmLevel> levels, Func<AlarmLevel, bool> match)
    {
        for (var i = 0; i < levels.Count; i++)
        {
            if (match(levels[i]))
            {
                return i;
            }
        }
        return -1;
    }

    private static int LastIndexOf(IReadOnlyList<AlarmLevel> levels, Func<AlarmLevel, bool> match)
    {
        for (var i = levels.Count - 1; i >= 0; i--)
        {
            if (match(levels[i]))
            {
                return i;
            }
        }
        return -1;
    }

    private static string NameOf(AlarmRule rule, SeriesKey? series, string? feed)
    {
        var key = feed
            ?? (rule.Series?.WildcardTag is { } tag && series!.Tags.TryGetValue(tag, out var wild) ? wild : null)
            ?? series?.Tags.Values.FirstOrDefault()
            ?? series?.Measurement
            ?? rule.Id;
        return rule.Names.TryGetValue(key, out var name) ? name : key;
    }
}
