using Coc.Core.Ingest;
using Coc.Core.Series;

namespace Coc.Core.Complaints;

/// <summary>
/// Live aggregates of complaint events (see <see cref="ComplaintSeries"/> for what is emitted).
/// <list type="bullet">
/// <item>Duplicates: an event whose (source, id, status) was seen before changes nothing and is counted in <see cref="Duplicates"/>.</item>
/// <item>Out of order: a complaint's status only moves forward, new → in_progress → resolved|rejected.
/// A late "new" after "resolved" still dates the complaint (today's count, time to resolve) but does not
/// reopen it; a late "in_progress" after a final status is recorded and ignored. The first final status
/// wins. Category and district are those of the most advanced status seen.</item>
/// <item>"Today" is the WIB day (UTC+7, no daylight saving) of the event's own <c>ts</c>, not of its arrival;
/// the counts restart at WIB midnight (on the next <see cref="Apply"/> or <see cref="Snapshot"/>).</item>
/// <item>Memory: resolved and rejected complaints are forgotten once their final event is older than the
/// retention (2 days by default). At most <c>maxTracked</c> complaints are kept: when full, the oldest closed
/// complaint is forgotten early; when every tracked complaint is open, a new complaint is refused
/// (reason <see cref="RejectReason.TrackingFull"/>) so that the backlog counts never drift.
/// A final event older than the retention for an unknown complaint is ignored (<see cref="Stale"/>): it would be forgotten at once.
/// A forgotten complaint's later events are treated as a new complaint's.</item>
/// </list>
/// Thread-safe: one lock; every call is short except the day roll, which scans the tracked complaints once a day.
/// </summary>
public sealed class ComplaintAggregator
{
    public const int DefaultMaxTracked = 200_000;

    public static readonly TimeSpan DefaultRetainClosed = TimeSpan.FromDays(2);

    /// <summary>Asia/Jakarta: UTC+7 all year.</summary>
    public static readonly TimeSpan WibOffset = TimeSpan.FromHours(7);

    private readonly TimeProvider _time;
    private readonly int _maxTracked;
    private readonly TimeSpan _retainClosed;
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Source, string Id), Tracked> _complaints = [];
    private readonly PriorityQueue<(string Source, string Id), DateTimeOffset> _closed = new();
    private readonly Dictionary<string, SourceCounts> _sources = new(StringComparer.Ordinal);
    private DateOnly _day;
    private long _applied;
    private long _duplicates;
    private long _stale;
    private long _refused;
    private long _evictedEarly;

    public ComplaintAggregator(TimeProvider time, int maxTracked = DefaultMaxTracked, TimeSpan? retainClosed = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTracked, 1);
        _time = time;
        _maxTracked = maxTracked;
        _retainClosed = retainClosed ?? DefaultRetainClosed;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_retainClosed, TimeSpan.Zero, nameof(retainClosed));
        // Known sources show zeros from the start instead of no data.
        foreach (var source in MqttTopicContract.ComplaintSources)
        {
            _sources[source] = new SourceCounts();
        }
        _day = WibDay(time.GetUtcNow());
    }

    public long EventsApplied => Interlocked.Read(ref _applied);

    public long Duplicates => Interlocked.Read(ref _duplicates);

    public long Stale => Interlocked.Read(ref _stale);

    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Closed complaints forgotten before their retention because the tracking cap was reached.</summary>
    public long EvictedEarly => Interlocked.Read(ref _evictedEarly);

    /// <summary>Whether any event was ever applied: before that, the aggregates say nothing worth publishing.</summary>
    public bool HasData => EventsApplied > 0;

    public int TrackedCount
    {
        get
        {
            lock (_lock)
            {
                return _complaints.Count;
            }
        }
    }

    public static DateOnly WibDay(DateTimeOffset time) => DateOnly.FromDateTime(time.ToOffset(WibOffset).DateTime);

    /// <summary>Applies a parsed batch, adding its samples and refusals to the batch's result; returns the events that took effect.</summary>
    public IReadOnlyList<ComplaintEvent> Apply(ComplaintBatch batch)
    {
        var outcome = Apply(batch.Events);
        batch.Result.Samples.AddRange(outcome.Samples);
        foreach (var refused in outcome.Refused)
        {
            batch.Result.Rejections.Add(new Rejection(batch.Result.Feed, RejectReason.TrackingFull,
                $"event id '{refused.Id}': {_maxTracked} complaints are tracked and all are open; new complaints are refused until some close",
                MqttTopicContract.ComplaintTopic(refused.Source), _time.GetUtcNow()));
        }
        return outcome.Applied;
    }

    /// <summary>Applies events in order; returns the aggregate samples they changed, stamped now.</summary>
    public ApplyOutcome Apply(IReadOnlyList<ComplaintEvent> events)
    {
        var now = _time.GetUtcNow();
        var changed = new Changes();
        var refused = new List<ComplaintEvent>();
        var applied = new List<ComplaintEvent>();
        lock (_lock)
        {
            if (RollDay(now))
            {
                changed.AllTotals = true;
            }
            Prune(now);
            foreach (var e in events)
            {
                switch (ApplyOne(e, now, changed))
                {
                    case Outcome.Applied:
                        _applied++;
                        applied.Add(e);
                        break;
                    case Outcome.Duplicate:
                        _duplicates++;
                        break;
                    case Outcome.Stale:
                        _stale++;
                        break;
                    case Outcome.Refused:
                        _refused++;
                        refused.Add(e);
                        break;
                }
            }
            return new ApplyOutcome(Emit(changed, now), refused, applied);
        }
    }

    /// <summary>Every aggregate's current value, stamped now, after the day roll and pruning: the periodic refresh that keeps tiles fresh.</summary>
    public IReadOnlyList<Sample> Snapshot()
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            RollDay(now);
            Prune(now);
            var all = new Changes { AllTotals = true, AllBreakdowns = true };
            return Emit(all, now);
        }
    }

    private Outcome ApplyOne(ComplaintEvent e, DateTimeOffset now, Changes changed)
    {
        var key = (e.Source, e.Id);
        var bit = (byte)(1 << (int)e.Status);
        if (_complaints.TryGetValue(key, out var tracked))
        {
            if ((tracked.Seen & bit) != 0)
            {
                return Outcome.Duplicate;
            }
        }
        else
        {
            if (!e.Status.IsOpen() && e.Timestamp < now - _retainClosed)
            {
                return Outcome.Stale;
            }
            if (_complaints.Count >= _maxTracked && !EvictOldestClosed())
            {
                return Outcome.Refused;
            }
            tracked = new Tracked();
            _complaints[key] = tracked;
        }

        var counts = CountsOf(e.Source);
        changed.Sources.Add(e.Source);
        tracked.Seen |= bit;
        if (tracked.FirstEventAt is not { } first || e.Timestamp < first)
        {
            tracked.FirstEventAt = e.Timestamp;
        }

        if (e.Status == ComplaintStatus.New)
        {
            tracked.OpenedAt = e.Timestamp;
            if (WibDay(e.Timestamp) == _day)
            {
                counts.Today++;
            }
            // A late "new" for a complaint resolved today gives its time to resolve.
            if (tracked.Status == ComplaintStatus.Resolved && tracked.ClosedAt is { } closedAt && WibDay(closedAt) == _day)
            {
                counts.AddResolveTime(closedAt - e.Timestamp);
            }
        }

        var advances = tracked.Status is not { } current || Rank(e.Status) > Rank(current);
        if (!advances)
        {
            return Outcome.Applied;
        }

        if (tracked.Status is { } previous && previous.IsOpen())
        {
            counts.RemoveOpen(previous, tracked.Category!, tracked.District!);
            counts.OpenComplaints.Remove(tracked);
            changed.Categories.Add((e.Source, tracked.Category!));
            changed.Districts.Add((e.Source, tracked.District!));
        }
        tracked.Status = e.Status;
        tracked.Category = e.Category;
        tracked.District = e.District;
        if (e.Status.IsOpen())
        {
            counts.AddOpen(e.Status, e.Category, e.District);
            counts.OpenComplaints.Add(tracked);
            changed.Categories.Add((e.Source, e.Category));
            changed.Districts.Add((e.Source, e.District));
            return Outcome.Applied;
        }

        tracked.ClosedAt = e.Timestamp;
        _closed.Enqueue(key, e.Timestamp);
        if (WibDay(e.Timestamp) == _day)
        {
            CountClosedToday(counts, tracked);
        }
        return Outcome.Applied;
    }

    private static void CountClosedToday(SourceCounts counts, Tracked tracked)
    {
        if (tracked.Status == ComplaintStatus.Resolved)
        {
            counts.ResolvedToday++;
            if (tracked.OpenedAt is { } opened)
            {
                counts.AddResolveTime(tracked.ClosedAt!.Value - opened);
            }
        }
        else
        {
            counts.RejectedToday++;
        }
    }

    private static int Rank(ComplaintStatus status) => status switch
    {
        ComplaintStatus.New => 0,
        ComplaintStatus.InProgress => 1,
        _ => 2,
    };

    private bool RollDay(DateTimeOffset now)
    {
        var day = WibDay(now);
        if (day == _day)
        {
            return false;
        }
        _day = day;
        foreach (var counts in _sources.Values)
        {
            counts.ResetToday();
        }
        // Events stamped ahead of the server clock (a device clock running fast) belong to the new day.
        foreach (var ((source, _), tracked) in _complaints)
        {
            var counts = CountsOf(source);
            if (tracked.OpenedAt is { } opened && WibDay(opened) == day)
            {
                counts.Today++;
            }
            if (tracked.ClosedAt is { } closed && WibDay(closed) == day)
            {
                CountClosedToday(counts, tracked);
            }
        }
        return true;
    }

    private void Prune(DateTimeOffset now)
    {
        var before = now - _retainClosed;
        while (_closed.TryPeek(out var key, out var closedAt) && closedAt < before)
        {
            _closed.Dequeue();
            _complaints.Remove(key);
        }
    }

    private bool EvictOldestClosed()
    {
        if (!_closed.TryDequeue(out var key, out _))
        {
            return false;
        }
        _complaints.Remove(key);
        _evictedEarly++;
        return true;
    }

    private SourceCounts CountsOf(string source)
    {
        if (!_sources.TryGetValue(source, out var counts))
        {
            counts = new SourceCounts();
            _sources[source] = counts;
        }
        return counts;
    }

    private List<Sample> Emit(Changes changed, DateTimeOffset now)
    {
        var samples = new List<Sample>();
        foreach (var (source, counts) in _sources)
        {
            if (changed.AllTotals || changed.Sources.Contains(source))
            {
                void Add(string field, double value) => samples.Add(new Sample(ComplaintSeries.Total(source, field), now, value));
                Add(ComplaintSeries.Open, counts.New + counts.InProgress);
                Add(ComplaintSeries.New, counts.New);
                Add(ComplaintSeries.InProgress, counts.InProgress);
                Add(ComplaintSeries.Today, counts.Today);
                Add(ComplaintSeries.ResolvedToday, counts.ResolvedToday);
                Add(ComplaintSeries.RejectedToday, counts.RejectedToday);
                if (counts.ResolveTimeCount > 0)
                {
                    Add(ComplaintSeries.MttrHours, counts.ResolveHoursSum / counts.ResolveTimeCount);
                }
                foreach (var (field, target) in ComplaintSeries.OverdueTargets)
                {
                    Add(field, counts.OpenedBefore(now - target));
                }
            }
            foreach (var (category, open) in counts.OpenByCategory)
            {
                if (changed.AllBreakdowns || changed.Categories.Contains((source, category)))
                {
                    samples.Add(new Sample(ComplaintSeries.OpenByCategory(source, category), now, open));
                }
            }
            foreach (var (district, open) in counts.OpenByDistrict)
            {
                if (changed.AllBreakdowns || changed.Districts.Contains((source, district)))
                {
                    samples.Add(new Sample(ComplaintSeries.OpenByDistrict(source, district), now, open));
                }
            }
        }
        return samples;
    }

    private enum Outcome
    {
        Applied,
        Duplicate,
        Stale,
        Refused,
    }

    private sealed class Tracked
    {
        public ComplaintStatus? Status { get; set; }
        public string? Category { get; set; }
        public string? District { get; set; }
        public DateTimeOffset? OpenedAt { get; set; }
        public DateTimeOffset? ClosedAt { get; set; }

        /// <summary>The earliest event's time: when "new" never arrived, the complaint is at least this old.</summary>
        public DateTimeOffset? FirstEventAt { get; set; }

        /// <summary>One bit per status seen: the deduplication key is (source, id, status).</summary>
        public byte Seen { get; set; }
    }

    private sealed class SourceCounts
    {
        // Entries stay at zero rather than being removed: the wall shows a 0 bar, not a stale one.
        public Dictionary<string, int> OpenByCategory { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, int> OpenByDistrict { get; } = new(StringComparer.Ordinal);

        /// <summary>The open complaints themselves: overdue counts change with the clock, so they are counted at emit time.</summary>
        public HashSet<Tracked> OpenComplaints { get; } = new(ReferenceEqualityComparer.Instance);
        public int New { get; set; }
        public int InProgress { get; set; }
        public int Today { get; set; }
        public int ResolvedToday { get; set; }
        public int RejectedToday { get; set; }
        public double ResolveHoursSum { get; private set; }
        public int ResolveTimeCount { get; private set; }

        public void AddOpen(ComplaintStatus status, string category, string district) => Move(status, category, district, +1);

        public void RemoveOpen(ComplaintStatus status, string category, string district) => Move(status, category, district, -1);

        public void AddResolveTime(TimeSpan duration)
        {
            // A resolution stamped before its opening is a clock error: count the complaint, not a negative time.
            ResolveHoursSum += Math.Max(0, duration.TotalHours);
            ResolveTimeCount++;
        }

        /// <summary>Open complaints opened strictly before <paramref name="cutoff"/>; a scan of the open ones only (the backlog, not the history).</summary>
        public int OpenedBefore(DateTimeOffset cutoff)
        {
            var count = 0;
            foreach (var complaint in OpenComplaints)
            {
                if ((complaint.OpenedAt ?? complaint.FirstEventAt) < cutoff)
                {
                    count++;
                }
            }
            return count;
        }

        public void ResetToday()
        {
            Today = 0;
            ResolvedToday = 0;
            RejectedToday = 0;
            ResolveHoursSum = 0;
            ResolveTimeCount = 0;
        }

        private void Move(ComplaintStatus status, string category, string district, int delta)
        {
            if (status == ComplaintStatus.New)
            {
                New += delta;
            }
            else
            {
                InProgress += delta;
            }
            OpenByCategory[category] = OpenByCategory.GetValueOrDefault(category) + delta;
            OpenByDistrict[district] = OpenByDistrict.GetValueOrDefault(district) + delta;
        }
    }

    private sealed class Changes
    {
        public bool AllTotals { get; set; }
        public bool AllBreakdowns { get; set; }
        public HashSet<string> Sources { get; } = new(StringComparer.Ordinal);
        public HashSet<(string Source, string Category)> Categories { get; } = [];
        public HashSet<(string Source, string District)> Districts { get; } = [];
    }
}

/// <summary>What applying events changed: the aggregate samples to publish, and the events refused because tracking is full.</summary>
/// <param name="Applied">The events that changed something: not duplicates, not stale, not refused.</param>
public sealed record ApplyOutcome(IReadOnlyList<Sample> Samples, IReadOnlyList<ComplaintEvent> Refused, IReadOnlyList<ComplaintEvent> Applied);
