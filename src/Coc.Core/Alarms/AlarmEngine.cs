using System.Globalization;
using Coc.Core.Live;
using Coc.Core.Series;

namespace Coc.Core.Alarms;

/// <summary>
/// Runs the alarm rules over the live samples and keeps the open alarms (see <see cref="IAlarmBoard"/>).
/// <list type="bullet">
/// <item>Threads: <see cref="Observe"/> from ingest threads, <see cref="Tick"/> from a timer, <see cref="Acknowledge"/>
/// from the UI and the API. One lock; transitions are journaled and sent to watchers inside it, so every
/// watcher and the journal see them in the one order they happened.</item>
/// <item>Cost: <see cref="Observe"/> looks a sample's measurement and field up in an index swapped in by
/// <see cref="SetRules"/>; a batch with no matching rule takes no lock and allocates nothing.</item>
/// <item>Bounds: at most <c>maxInstances</c> (rule, series) pairs are tracked; samples that would need more are
/// counted in <see cref="RefusedInstances"/>. A rate rule keeps 64 values per series.</item>
/// <item>Time: silence and <c>forSeconds</c> are measured on the engine's clock (arrival), rates on the samples'
/// own timestamps. A sample older than the newest one seen for its series changes nothing.</item>
/// </list>
/// Call <see cref="SetRules"/>, then <see cref="Restore"/>, before samples flow.
/// </summary>
public sealed class AlarmEngine : IAlarmBoard
{
    public const int DefaultMaxInstances = 10_000;

    private static readonly CultureInfo Indonesian = CultureInfo.GetCultureInfo("id-ID");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    private readonly TimeProvider _time;
    private readonly IAlarmJournal _journal;
    private readonly Func<string, DateTimeOffset?> _feedLastSample;
    private readonly int _maxInstances;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Alarm> _open = new(StringComparer.Ordinal);
    private Dictionary<string, RuleState> _rules = new(StringComparer.Ordinal);
    private Dictionary<(string Measurement, string Field), RuleState[]> _index = [];
    private AlarmBoardSnapshot _snapshot = AlarmBoardSnapshot.Empty;
    private readonly WatcherList<Action<AlarmTransition>> _watchers = new();
    private bool _rulesSet;
    private int _instances;
    private long _refused;
    private long _outOfOrder;
    private long _watcherFailures;

    public AlarmEngine(TimeProvider time, IAlarmJournal journal, Func<string, DateTimeOffset?> feedLastSample, int maxInstances = DefaultMaxInstances)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(feedLastSample);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInstances, 1);
        _time = time;
        _journal = journal;
        _feedLastSample = feedLastSample;
        _maxInstances = maxInstances;
    }

    /// <summary>(Rule, series) and (rule, feed) pairs tracked now.</summary>
    public int Instances => Volatile.Read(ref _instances);

    /// <summary>Samples that matched a rule but were not tracked because <c>maxInstances</c> was reached.</summary>
    public long RefusedInstances => Interlocked.Read(ref _refused);

    /// <summary>Samples older than the newest already seen for their series: ignored for state.</summary>
    public long OutOfOrder => Interlocked.Read(ref _outOfOrder);

    /// <summary>Watcher callbacks that threw (the others still ran).</summary>
    public long WatcherFailures => Interlocked.Read(ref _watcherFailures);

    public IReadOnlyList<AlarmRule> Rules
    {
        get
        {
            lock (_lock)
            {
                return [.. _rules.Values.Select(s => s.Rule)];
            }
        }
    }

    public IReadOnlyList<Alarm> Open => Volatile.Read(ref _snapshot).Sorted;

    public Alarm? Find(string id) => Volatile.Read(ref _snapshot).Find(id);

    public Alarm? WorstFor(IReadOnlySet<SeriesKey> series) => Volatile.Read(ref _snapshot).WorstFor(series);

    /// <summary>
    /// Applies a new rule set (hot reload). An unchanged rule keeps its state; an edited rule keeps its open alarms
    /// (they take the new levels at the next sample); a removed rule's active alarms are cleared with a transition.
    /// </summary>
    public void SetRules(IReadOnlyList<AlarmRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            var next = new Dictionary<string, RuleState>(StringComparer.Ordinal);
            foreach (var rule in rules)
            {
                if (_rules.TryGetValue(rule.Id, out var old) && old.Rule.Fingerprint == rule.Fingerprint)
                {
                    old.Rule = rule;
                    foreach (var instance in old.Instances.Values)
                    {
                        instance.Rule = rule;
                    }
                    next[rule.Id] = old;
                    continue;
                }
                next[rule.Id] = new RuleState(rule);
            }
            _rules = next;
            _rulesSet = true;
            foreach (var state in next.Values.Where(s => s.Instances.Count == 0))
            {
                CreateStandingInstances(state, now);
            }
            ClearOrphans(now);
            _instances = next.Values.Sum(s => s.Instances.Count);
            Volatile.Write(ref _index, BuildIndex(next.Values));
        }
    }

    /// <summary>
    /// Takes the journal's open alarms back after a restart, without transitions: an officer's acknowledgement
    /// survives, and a condition that still holds is the same alarm, not a new raise.
    /// </summary>
    public void Restore()
    {
        var restored = _journal.LoadOpen();
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            foreach (var alarm in restored)
            {
                if (alarm.State == AlarmState.Closed || !_open.TryAdd(alarm.Id, alarm))
                {
                    continue;
                }
                if (_rules.TryGetValue(alarm.RuleId, out var state))
                {
                    Attach(state, alarm, now);
                }
            }
            if (_rulesSet)
            {
                ClearOrphans(now);
            }
            _instances = _rules.Values.Sum(s => s.Instances.Count);
            Publish();
        }
    }

    /// <summary>Feeds a batch of live samples through the rules. Cheap when nothing matches: no lock, no allocation.</summary>
    public void Observe(IReadOnlyList<Sample> batch)
    {
        var index = Volatile.Read(ref _index);
        if (index.Count == 0)
        {
            return;
        }
        for (var i = 0; i < batch.Count; i++)
        {
            var key = batch[i].Series;
            if (index.ContainsKey((key.Measurement, key.Field)))
            {
                lock (_lock)
                {
                    ObserveLocked(batch, i, index);
                }
                return;
            }
        }
    }

    /// <summary>The clock's part: silence (series and feeds) and conditions waiting for their <c>forSeconds</c>. Call about every second.</summary>
    public void Tick()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            foreach (var state in _rules.Values)
            {
                var rule = state.Rule;
                foreach (var instance in state.Instances.Values)
                {
                    if (instance.PendingLevel > instance.Level && now - instance.PendingSince >= rule.For)
                    {
                        SetLevel(instance, instance.PendingLevel, now);
                    }
                    if (rule.Kind != AlarmConditionKind.NoData)
                    {
                        continue;
                    }
                    var last = instance.Feed is { } feed ? _feedLastSample(feed) ?? instance.CreatedAt : instance.LastSeenAt;
                    var silent = now - last >= rule.NoData;
                    if (silent != instance.Level >= 0)
                    {
                        SetLevel(instance, silent ? 0 : -1, now);
                    }
                }
            }
        }
    }

    public AcknowledgeResult Acknowledge(string id, long occurrence, string user, string? comment)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        lock (_lock)
        {
            if (!_open.TryGetValue(id, out var alarm))
            {
                return AcknowledgeResult.NotFound;
            }
            if (alarm.Occurrence != occurrence)
            {
                return AcknowledgeResult.OccurrenceChanged;
            }
            if (alarm.IsAcknowledged)
            {
                return AcknowledgeResult.AlreadyAcknowledged;
            }
            var now = _time.GetUtcNow();
            var state = alarm.State == AlarmState.ClearedUnacknowledged ? AlarmState.Closed : AlarmState.ActiveAcknowledged;
            Emit(AlarmTransitionKind.Acknowledged, now, user, comment, alarm with
            {
                State = state,
                ChangedAt = now,
                AcknowledgedAt = now,
                AcknowledgedBy = user,
                AcknowledgeComment = comment,
            });
            return AcknowledgeResult.Acknowledged;
        }
    }

    /// <summary>Subscribed watchers (screens, tablets, the evaluator): a number that must fall back when circuits close.</summary>
    public int WatcherCount => _watchers.Count;

    public IDisposable Watch(Action<AlarmTransition> onTransition) => _watchers.Add(onTransition);

    private void ObserveLocked(IReadOnlyList<Sample> batch, int from, Dictionary<(string, string), RuleState[]> index)
    {
        var now = _time.GetUtcNow();
        for (var i = from; i < batch.Count; i++)
        {
            var sample = batch[i];
            if (!index.TryGetValue((sample.Series.Measurement, sample.Series.Field), out var states))
            {
                continue;
            }
            foreach (var state in states)
            {
                if (state.Rule.Series!.Matches(sample.Series) && InstanceFor(state, sample.Series, now) is { } instance)
                {
                    Observe(instance, sample, now);
                }
            }
        }
    }

    private void Observe(AlarmInstance instance, Sample sample, DateTimeOffset now)
    {
        if (sample.Timestamp < instance.LastTimestamp)
        {
            _outOfOrder++;
            return;
        }
        instance.LastTimestamp = sample.Timestamp;
        instance.LastSeenAt = now;
        instance.LastValue = sample.Value;
        var rule = instance.Rule;
        int target;
        switch (rule.Kind)
        {
            case AlarmConditionKind.NoData:
                if (instance.Level >= 0)
                {
                    SetLevel(instance, -1, now);
                }
                return;
            case AlarmConditionKind.RateOfChange:
                var rate = instance.Rate!.Add(sample.Timestamp, sample.Value);
                if (rate is null)
                {
                    return;
                }
                instance.LastRate = rate;
                target = instance.TargetForRate(rate.Value);
                break;
            default:
                target = instance.TargetForValue(sample.Value);
                break;
        }
        if (target > instance.Level && rule.For > TimeSpan.Zero)
        {
            // Worse must hold for forSeconds: a passing spike raises nothing. Milder applies at once (hysteresis guards it).
            if (instance.PendingLevel <= instance.Level)
            {
                instance.PendingSince = now;
            }
            instance.PendingLevel = target;
            if (now - instance.PendingSince < rule.For)
            {
                return;
            }
        }
        if (target != instance.Level)
        {
            SetLevel(instance, target, now);
        }
        else
        {
            instance.PendingLevel = -1;
        }
    }

    /// <summary>The lifecycle: one applied level change becomes at most one transition.</summary>
    private void SetLevel(AlarmInstance instance, int level, DateTimeOffset now)
    {
        var previous = instance.Level;
        instance.Level = level;
        instance.PendingLevel = -1;
        _open.TryGetValue(instance.Id, out var alarm);
        if (level < 0)
        {
            if (alarm is { IsActive: true })
            {
                Emit(AlarmTransitionKind.Cleared, now, null, null, alarm with
                {
                    State = alarm.IsAcknowledged ? AlarmState.Closed : AlarmState.ClearedUnacknowledged,
                    Value = instance.LastValue ?? alarm.Value,
                    ChangedAt = now,
                    ClearedAt = now,
                });
            }
            return;
        }
        var rule = instance.Rule;
        var lvl = rule.Levels[level];
        var (message, messageEn) = Messages(instance, lvl);
        if (alarm is null)
        {
            var occurrence = Math.Max(now.ToUnixTimeMilliseconds(), instance.LastOccurrence + 1);
            instance.LastOccurrence = occurrence;
            Emit(AlarmTransitionKind.Raised, now, null, null, new Alarm(instance.Id, occurrence, rule.Id, instance.Series, instance.Feed,
                lvl.Severity, AlarmState.ActiveUnacknowledged, message, messageEn, lvl.Label, ValueOf(instance), now, now, null, null, null, null));
            return;
        }
        var kind = alarm.State == AlarmState.ClearedUnacknowledged ? AlarmTransitionKind.Returned
            : level > previous ? AlarmTransitionKind.Escalated
            : level < previous ? AlarmTransitionKind.Eased
            : (AlarmTransitionKind?)null;
        if (kind is not { } k)
        {
            return;
        }
        // Worse news must be seen again; milder news keeps the officer's acknowledgement.
        var unacknowledge = k is AlarmTransitionKind.Returned or AlarmTransitionKind.Escalated;
        Emit(k, now, null, null, alarm with
        {
            Severity = lvl.Severity,
            State = unacknowledge ? AlarmState.ActiveUnacknowledged : alarm.State,
            Message = message,
            MessageEn = messageEn,
            Level = lvl.Label,
            Value = ValueOf(instance),
            ChangedAt = now,
            AcknowledgedAt = unacknowledge ? null : alarm.AcknowledgedAt,
            AcknowledgedBy = unacknowledge ? null : alarm.AcknowledgedBy,
            AcknowledgeComment = unacknowledge ? null : alarm.AcknowledgeComment,
            ClearedAt = null,
        });
    }

    private static double? ValueOf(AlarmInstance instance) =>
        instance.Rule.Kind == AlarmConditionKind.RateOfChange ? instance.LastRate : instance.LastValue;

    private static (string Message, string? MessageEn) Messages(AlarmInstance instance, AlarmLevel level)
    {
        var rule = instance.Rule;
        var seconds = rule.Kind == AlarmConditionKind.NoData ? (int)rule.NoData.TotalSeconds : (int)rule.For.TotalSeconds;
        var values = new AlarmMessageValues(instance.Name, instance.LastValue, level.Label,
            rule.Kind == AlarmConditionKind.NoData ? null : level.Value, seconds, instance.Feed, instance.LastRate);
        return (rule.Message.Format(values, Indonesian), rule.MessageEn?.Format(values, English));
    }

    private void Emit(AlarmTransitionKind kind, DateTimeOffset at, string? by, string? comment, Alarm after)
    {
        if (after.State == AlarmState.Closed)
        {
            _open.Remove(after.Id);
        }
        else
        {
            _open[after.Id] = after;
        }
        Publish();
        var transition = new AlarmTransition(kind, at, by, comment, after);
        _journal.Append(transition);
        foreach (var watcher in _watchers.Snapshot)
        {
            try
            {
                watcher(transition);
            }
            catch (Exception)
            {
                // One broken screen must not stop the others, the journal or the ingest thread that got here.
                _watcherFailures++;
            }
        }
    }

    private void Publish() => Volatile.Write(ref _snapshot, new AlarmBoardSnapshot(_open.Values));

    private AlarmInstance? InstanceFor(RuleState state, SeriesKey series, DateTimeOffset now)
    {
        if (state.Instances.TryGetValue(series.Id, out var instance))
        {
            return instance;
        }
        if (_instances >= _maxInstances)
        {
            _refused++;
            return null;
        }
        instance = new AlarmInstance(state.Rule, series, null, now);
        if (_open.TryGetValue(instance.Id, out var alarm))
        {
            instance.AttachTo(alarm);
        }
        state.Instances[series.Id] = instance;
        _instances++;
        return instance;
    }

    /// <summary>Feed rules and exact-series no-data rules are watched from the start: silence from boot is silence too.</summary>
    private void CreateStandingInstances(RuleState state, DateTimeOffset now)
    {
        var rule = state.Rule;
        AlarmInstance? instance = rule.Feed is { } feed ? new AlarmInstance(rule, null, feed, now)
            : rule.Kind == AlarmConditionKind.NoData && rule.Series?.Exact is { } exact ? new AlarmInstance(rule, exact, null, now)
            : null;
        if (instance is not null)
        {
            state.Instances[instance.Series?.Id ?? instance.Feed!] = instance;
        }
        foreach (var alarm in _open.Values.Where(a => a.RuleId == rule.Id).ToList())
        {
            Attach(state, alarm, now);
        }
    }

    /// <summary>Gives a restored or kept alarm its instance, so silence and clearing are tracked for it too.</summary>
    private static void Attach(RuleState state, Alarm alarm, DateTimeOffset now)
    {
        var rule = state.Rule;
        AlarmInstance? instance = null;
        if (alarm.Feed is { } feed && rule.Feed == feed)
        {
            instance = state.Instances.GetValueOrDefault(feed) ?? new AlarmInstance(rule, null, feed, now);
            state.Instances[feed] = instance;
        }
        else if (alarm.Series is { } series && rule.Series?.Matches(series) == true)
        {
            instance = state.Instances.GetValueOrDefault(series.Id) ?? new AlarmInstance(rule, series, null, now);
            state.Instances[series.Id] = instance;
        }
        instance?.AttachTo(alarm);
    }

    /// <summary>Active alarms no current rule can ever clear (rule removed, or edited to watch other series) are cleared now.</summary>
    private void ClearOrphans(DateTimeOffset now)
    {
        foreach (var alarm in _open.Values.Where(a => a.IsActive).ToList())
        {
            var owned = _rules.TryGetValue(alarm.RuleId, out var state)
                && state.Instances.ContainsKey(alarm.Series?.Id ?? alarm.Feed ?? "");
            if (!owned)
            {
                Emit(AlarmTransitionKind.Cleared, now, null, null, alarm with
                {
                    State = alarm.IsAcknowledged ? AlarmState.Closed : AlarmState.ClearedUnacknowledged,
                    ChangedAt = now,
                    ClearedAt = now,
                });
            }
        }
    }

    private static Dictionary<(string, string), RuleState[]> BuildIndex(IEnumerable<RuleState> states) =>
        states.Where(s => s.Rule.Series is not null)
            .GroupBy(s => (s.Rule.Series!.Measurement, s.Rule.Series.Field))
            .ToDictionary(g => g.Key, g => g.ToArray());

    /// <summary>A rule and its instances, keyed by series id (or feed name).</summary>
    private sealed class RuleState(AlarmRule rule)
    {
        public AlarmRule Rule { get; set; } = rule;

        public Dictionary<string, AlarmInstance> Instances { get; } = new(StringComparer.Ordinal);
    }
}
