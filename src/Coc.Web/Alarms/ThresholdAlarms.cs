using System.Collections.Concurrent;
using Coc.Core.Ingest;
using Coc.Core.Layouts;
using Coc.Core.Live;
using Coc.Core.Series;
using Coc.Web.Components.Tiles;
using Coc.Web.Localization;
using Microsoft.Extensions.Options;

namespace Coc.Web.Alarms;

/// <summary>
/// Interim alarms, computed on demand from what the wall already knows: a series whose latest value
/// reaches a <c>warning</c> or <c>critical</c> threshold of a tile on a loaded wall, and a feed that is
/// stale or erroring by the <c>Coc:Feeds</c> rules. No rules of its own, no acknowledgement, no history.
/// Cheap enough to run per alarm tile per second: a pass over the layouts' tiles and the feeds.
/// </summary>
public sealed class ThresholdAlarms : IActiveAlarms
{
    private readonly Func<IReadOnlyList<WallLayout>> _walls;
    private readonly LiveState _live;
    private readonly FeedStats _feeds;
    private readonly FeedHealthRules _rules;
    private readonly TimeProvider _time;
    // Feed counters do not say when a feed started erroring, so remember when it was first seen so.
    // One entry per erroring feed (FeedStats bounds the feeds), removed once it is not erroring.
    private readonly ConcurrentDictionary<string, DateTimeOffset> _erroringSince = new(StringComparer.Ordinal);

    public ThresholdAlarms(Func<IReadOnlyList<WallLayout>> walls, LiveState live, FeedStats feeds, IOptions<FeedsOptions> options, TimeProvider time)
    {
        _walls = walls;
        _live = live;
        _feeds = feeds;
        _rules = options.Value.Rules;
        _time = time;
    }

    public ActiveAlarmSnapshot Current(int max)
    {
        var now = _time.GetUtcNow();
        var alarms = new List<ActiveAlarm>();
        alarms.AddRange(SeriesAlarms(now));
        alarms.AddRange(FeedAlarms(now));
        var ordered = alarms
            .OrderByDescending(a => a.Severity)
            .ThenByDescending(a => a.Since ?? DateTimeOffset.MinValue)
            .Take(Math.Max(max, 0))
            .ToArray();
        return new ActiveAlarmSnapshot(ordered, alarms.Count);
    }

    private IEnumerable<ActiveAlarm> SeriesAlarms(DateTimeOffset now)
    {
        // A series shown on several tiles (a KPI and a chart) is one alarm: the worst level, first tile.
        var bySeries = new Dictionary<SeriesKey, ActiveAlarm>();
        foreach (var wall in _walls())
        {
            var index = WallThresholds.Index(wall);
            foreach (var tile in wall.Tiles)
            {
                foreach (var (key, label, thresholds) in Watched(tile, index))
                {
                    if (Evaluate(wall, tile, key, label, thresholds, now) is { } alarm
                        && (!bySeries.TryGetValue(key, out var seen) || alarm.Severity > seen.Severity))
                    {
                        bySeries[key] = alarm;
                    }
                }
            }
        }
        return bySeries.Values;
    }

    /// <summary>The series a tile judges with thresholds, each with its label and the thresholds that apply.</summary>
    private static IEnumerable<(SeriesKey Key, string? Label, IReadOnlyList<Threshold> Thresholds)> Watched(
        TileDefinition tile, IReadOnlyDictionary<SeriesKey, IReadOnlyList<Threshold>> index)
    {
        if (tile.Type != TileTypes.Map)
        {
            if (tile.Thresholds.Count == 0)
            {
                yield break;
            }
            var many = tile.Series.Count > 1;
            foreach (var series in tile.Series)
            {
                if (series.ToKey(out _) is { } key)
                {
                    yield return (key, many ? series.DisplayLabel : null, tile.Thresholds);
                }
            }
            yield break;
        }
        // Map: its thresholds colour the kecamatan; a point is judged here only when no other tile
        // judges it (it then falls back to the map's thresholds, as the map draws it).
        if (tile.Regions is { } regions && tile.Thresholds.Count > 0)
        {
            foreach (var (district, key) in MapGeometry.KotaJambi.RegionSeries(regions))
            {
                yield return (key, district.Name, tile.Thresholds);
            }
        }
        foreach (var series in tile.Series)
        {
            if (series.ToKey(out _) is { } key && !index.ContainsKey(key) && tile.Thresholds.Count > 0)
            {
                yield return (key, series.DisplayLabel, tile.Thresholds);
            }
        }
    }

    private ActiveAlarm? Evaluate(WallLayout wall, TileDefinition tile, SeriesKey key, string? label, IReadOnlyList<Threshold> thresholds, DateTimeOffset now)
    {
        if (_live.Get(key) is not { Latest: { } latest } window
            || ThresholdLevels.Reached(thresholds, latest.Value) is not { } reached
            || SeverityOf(reached.Level) is not { } severity)
        {
            return null;
        }
        var title = label is null ? tile.Title : $"{tile.Title} · {label}";
        var unit = string.IsNullOrEmpty(tile.Unit) ? "" : " " + tile.Unit;
        var detail = $"{TileFormat.Number(latest.Value, tile.Decimals)}{unit} · {reached.Label ?? UiText.T("alarms.level." + reached.Level)}";
        return new ActiveAlarm(key.Id, severity, title, detail, EnteredAt(window, thresholds, reached.Level, latest),
            $"{wall.Id}/{tile.Id}", Freshness.Of(window.LastArrival, now, tile.StaleAfter).IsStale);
    }

    /// <summary>The oldest point of the newest run at this level in the live window: when the series entered it (or at least since then).</summary>
    private static DateTimeOffset EnteredAt(SeriesWindow window, IReadOnlyList<Threshold> thresholds, string level, LivePoint latest) =>
        // Runs every second per alarm: read the window in place, never copy it.
        window.RunStart(value => ThresholdLevels.LevelFor(thresholds, value) == level) ?? latest.Timestamp;

    private IEnumerable<ActiveAlarm> FeedAlarms(DateTimeOffset now)
    {
        var alarms = new List<ActiveAlarm>();
        foreach (var feed in _feeds.Feeds)
        {
            var state = _rules.Evaluate(feed, now);
            if (state != FeedState.Erroring)
            {
                _erroringSince.TryRemove(feed.Feed, out _);
            }
            if (state == FeedState.Stale)
            {
                var detail = feed.LastSampleAt is { } last
                    ? UiText.T("alarms.feed-stale.detail", UiText.Age(now - last))
                    : UiText.T("alarms.feed-never");
                alarms.Add(new ActiveAlarm("feed:" + feed.Feed, AlarmSeverity.Warning, UiText.T("alarms.feed-stale", feed.Feed), detail,
                    feed.LastSampleAt + _rules.StaleAfter, "feed:" + feed.Feed));
            }
            else if (state == FeedState.Erroring)
            {
                var since = _erroringSince.GetOrAdd(feed.Feed, now);
                var detail = UiText.T("alarms.feed-erroring.detail", feed.RejectedLastMinute(now), feed.AcceptedLastMinute(now));
                alarms.Add(new ActiveAlarm("feed:" + feed.Feed, AlarmSeverity.Warning, UiText.T("alarms.feed-erroring", feed.Feed), detail,
                    since, "feed:" + feed.Feed));
            }
        }
        // Feeds FeedStats no longer lists cannot leave entries behind.
        foreach (var gone in _erroringSince.Keys.Except(_feeds.Feeds.Select(f => f.Feed)))
        {
            _erroringSince.TryRemove(gone, out _);
        }
        return alarms;
    }

    private static AlarmSeverity? SeverityOf(string level) => level switch
    {
        ThresholdLevels.Critical => AlarmSeverity.Critical,
        ThresholdLevels.Warning => AlarmSeverity.Warning,
        _ => null,
    };
}
