using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Coc.Core.Alarms;

/// <summary>Checks one rule of a file and builds it; every mistake is reported with its field, not only the first.</summary>
internal static partial class AlarmRuleValidator
{
    private const double MaxSeconds = 7 * 24 * 3600;

    // The alarm id is "rule|series": no '|' in a rule id, and a short, URL-safe alphabet for the API.
    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$")]
    private static partial Regex IdPattern();

    public static AlarmRule? Build(AlarmRuleDto dto, int index, string file, List<AlarmRuleError> errors)
    {
        var before = errors.Count;
        var rule = string.IsNullOrWhiteSpace(dto.Id) ? $"#{index}" : dto.Id;
        void Fail(string? field, string message) => errors.Add(new AlarmRuleError(file, rule, field, message));

        if (string.IsNullOrWhiteSpace(dto.Id))
        {
            Fail("id", "is required (lowercase letters, digits, '.', '_' and '-')");
        }
        else if (!IdPattern().IsMatch(dto.Id))
        {
            Fail("id", "must be 1-64 lowercase letters, digits, '.', '_' and '-', starting with a letter or digit");
        }

        var series = Series(dto, Fail);
        var conditions = (dto.Above is null ? 0 : 1) + (dto.Below is null ? 0 : 1) + (dto.RateOfChange is null ? 0 : 1) + (dto.NoDataSeconds is null ? 0 : 1);
        if (conditions != 1)
        {
            Fail(null, conditions == 0
                ? "has no condition: give one of 'above', 'below', 'rateOfChange' or 'noDataSeconds'"
                : "has more than one condition: give only one of 'above', 'below', 'rateOfChange' or 'noDataSeconds'");
        }
        if (dto.Feed is not null && (dto.Above ?? dto.Below) is not null || dto.Feed is not null && dto.RateOfChange is not null)
        {
            Fail("feed", "rules only watch a feed going quiet: use 'noDataSeconds'");
        }

        var kind = dto.Above is not null ? AlarmConditionKind.Above
            : dto.Below is not null ? AlarmConditionKind.Below
            : dto.RateOfChange is not null ? AlarmConditionKind.RateOfChange
            : AlarmConditionKind.NoData;
        var levels = kind is AlarmConditionKind.Above or AlarmConditionKind.Below
            ? Levels(kind == AlarmConditionKind.Above ? "above" : "below", (dto.Above ?? dto.Below)!, kind == AlarmConditionKind.Above, Fail)
            : SingleLevel(dto, kind, Fail);

        var hysteresis = dto.Hysteresis ?? 0;
        if (dto.Hysteresis is { } h && (!double.IsFinite(h) || h < 0))
        {
            Fail("hysteresis", "must be 0 or more");
        }
        if (dto.Hysteresis is not null && kind == AlarmConditionKind.NoData)
        {
            Fail("hysteresis", "has no meaning for 'noDataSeconds'");
        }
        var forDuration = TimeSpan.Zero;
        if (dto.ForSeconds is { } f)
        {
            if (kind == AlarmConditionKind.NoData)
            {
                Fail("forSeconds", "has no meaning for 'noDataSeconds' (it is already a duration)");
            }
            else if (!double.IsFinite(f) || f < 0 || f > MaxSeconds)
            {
                Fail("forSeconds", $"must be 0-{MaxSeconds:0}");
            }
            else
            {
                forDuration = TimeSpan.FromSeconds(f);
            }
        }

        var rate = kind == AlarmConditionKind.RateOfChange && dto.RateOfChange is { } r ? Rate(r, Fail) : null;
        var noData = TimeSpan.Zero;
        if (dto.NoDataSeconds is { } n)
        {
            if (!double.IsFinite(n) || n < 1 || n > MaxSeconds)
            {
                Fail("noDataSeconds", $"must be 1-{MaxSeconds:0}");
            }
            else
            {
                noData = TimeSpan.FromSeconds(n);
            }
        }

        var message = Template("message", dto.Message, required: true, Fail);
        var messageEn = Template("messageEn", dto.MessageEn, required: false, Fail);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in dto.Names ?? [])
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                Fail($"names.{key}", "must be a non-empty name");
            }
            else
            {
                names[key] = value;
            }
        }

        if (errors.Count > before)
        {
            return null;
        }
        return new AlarmRule(dto.Id!, file, series, dto.Feed, kind, levels!, hysteresis, forDuration, rate, noData, message!, messageEn, names)
        {
            Fingerprint = JsonSerializer.Serialize(dto),
        };
    }

    private static SeriesPattern? Series(AlarmRuleDto dto, Action<string?, string> fail)
    {
        if ((dto.Series is null) == (dto.Feed is null))
        {
            fail(null, dto.Series is null
                ? "watches nothing: give 'series' (a measurement, field and tags) or 'feed' (a feed name)"
                : "gives both 'series' and 'feed': a rule watches one of them");
            return null;
        }
        if (dto.Feed is not null)
        {
            if (string.IsNullOrWhiteSpace(dto.Feed))
            {
                fail("feed", "must be a feed name, e.g. sensors");
            }
            return null;
        }
        var s = dto.Series!;
        var ok = true;
        if (string.IsNullOrWhiteSpace(s.Measurement))
        {
            fail("series.measurement", "is required");
            ok = false;
        }
        if (string.IsNullOrWhiteSpace(s.Field))
        {
            fail("series.field", "is required");
            ok = false;
        }
        foreach (var (tag, value) in s.Tags ?? [])
        {
            if (string.IsNullOrEmpty(value) || (value.Contains('*') && value != SeriesPattern.Wildcard))
            {
                fail($"series.tags.{tag}", "must be a value or \"*\" (any value); partial patterns such as \"pos-*\" are not supported");
                ok = false;
            }
        }
        return ok ? new SeriesPattern(s.Measurement!, s.Field!, s.Tags) : null;
    }

    private static List<AlarmLevel>? Levels(string field, List<AlarmLevelDto?> dtos, bool above, Action<string?, string> fail)
    {
        if (dtos.Count == 0)
        {
            fail(field, "needs at least one level");
            return null;
        }
        var levels = new List<AlarmLevel>();
        for (var i = 0; i < dtos.Count; i++)
        {
            var at = $"{field}[{i}]";
            if (dtos[i] is not { } dto)
            {
                fail(at, "must be a level object {value, severity, label}");
                continue;
            }
            var severity = ParseSeverity(dto.Severity);
            if (severity is null)
            {
                fail($"{at}.severity", dto.Severity is null ? "is required (warning or critical)" : "must be warning or critical");
            }
            if (dto.Value is not { } value || !double.IsFinite(value))
            {
                fail($"{at}.value", "is required (a number)");
                continue;
            }
            if (levels.Any(l => l.Value == value))
            {
                fail($"{at}.value", $"repeats the level {value.ToString(CultureInfo.InvariantCulture)}");
                continue;
            }
            if (severity is { } s)
            {
                levels.Add(new AlarmLevel(value, s, string.IsNullOrWhiteSpace(dto.Label) ? null : dto.Label));
            }
        }
        // Mildest first: ascending for "above", descending for "below"; the file may list them in any order.
        levels.Sort((a, b) => above ? a.Value.CompareTo(b.Value) : b.Value.CompareTo(a.Value));
        for (var i = 1; i < levels.Count; i++)
        {
            if (levels[i].Severity < levels[i - 1].Severity)
            {
                fail(field, $"a worse level must not have a milder severity: {levels[i].Value.ToString(CultureInfo.InvariantCulture)} is warning after {levels[i - 1].Value.ToString(CultureInfo.InvariantCulture)} is critical");
                return null;
            }
        }
        return levels.Count == dtos.Count ? levels : null;
    }

    private static List<AlarmLevel>? SingleLevel(AlarmRuleDto dto, AlarmConditionKind kind, Action<string?, string> fail)
    {
        var severity = ParseSeverity(dto.Severity);
        if (severity is null)
        {
            fail("severity", dto.Severity is null ? "is required (warning or critical)" : "must be warning or critical");
            return null;
        }
        var threshold = kind == AlarmConditionKind.RateOfChange ? dto.RateOfChange?.PerMinute ?? 0 : dto.NoDataSeconds ?? 0;
        return [new AlarmLevel(threshold, severity.Value, null)];
    }

    private static RateOfChangeCondition? Rate(RateOfChangeDto dto, Action<string?, string> fail)
    {
        var ok = true;
        if (dto.PerMinute is not { } perMinute || !double.IsFinite(perMinute) || perMinute <= 0)
        {
            fail("rateOfChange.perMinute", "is required: a limit above 0 (value units per minute)");
            ok = false;
            perMinute = 0;
        }
        if (dto.WindowSeconds is not { } window || !double.IsFinite(window) || window < 10 || window > MaxSeconds)
        {
            fail("rateOfChange.windowSeconds", $"is required: 10-{MaxSeconds:0}");
            ok = false;
            window = 0;
        }
        RateDirection? direction = dto.Direction switch
        {
            null or "any" => RateDirection.Any,
            "rise" => RateDirection.Rise,
            "fall" => RateDirection.Fall,
            _ => null,
        };
        if (direction is null)
        {
            fail("rateOfChange.direction", "must be rise, fall or any");
            ok = false;
        }
        return ok ? new RateOfChangeCondition(perMinute, TimeSpan.FromSeconds(window), direction!.Value) : null;
    }

    private static AlarmMessageTemplate? Template(string field, string? text, bool required, Action<string?, string> fail)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                fail(field, "is required (Bahasa Indonesia, with {name}, {value}, {label}, {threshold}, {seconds}, {feed}, {rate})");
            }
            return null;
        }
        var template = AlarmMessageTemplate.TryParse(text, out var error);
        if (template is null)
        {
            fail(field, error!);
        }
        return template;
    }

    public static AlarmSeverity? ParseSeverity(string? text) => text switch
    {
        "warning" => AlarmSeverity.Warning,
        "critical" => AlarmSeverity.Critical,
        _ => null,
    };
}
