using Coc.Core.Complaints;
using Coc.Core.Ingest;
using Coc.Core.Series;
using Microsoft.Extensions.Time.Testing;

namespace Coc.Core.Tests.Complaints;

public class ComplaintAggregatorTests
{
    private static readonly TimeSpan Wib = TimeSpan.FromHours(7);

    // Tuesday 10 March 2026, 14:00 WIB.
    private static readonly DateTimeOffset Afternoon = new(2026, 3, 10, 14, 0, 0, Wib);

    private readonly FakeTimeProvider _time = new(Afternoon);

    private static ComplaintEvent Event(string id, ComplaintStatus status, DateTimeOffset ts, string category = "sampah", string district = "jelutung", string source = "sikesal") =>
        new(source, id, ts.ToUniversalTime(), status, category, district);

    private static double? Value(IReadOnlyList<Sample> samples, SeriesKey key) =>
        samples.Where(s => s.Series.Equals(key)).Select(s => (double?)s.Value).SingleOrDefault();

    private double? Now(ComplaintAggregator aggregator, string field, string source = "sikesal") =>
        Value(aggregator.Snapshot(), ComplaintSeries.Total(source, field));

    [Fact]
    public void Snapshot_NothingYet_ZerosForEveryKnownSource()
    {
        var samples = new ComplaintAggregator(_time).Snapshot();

        foreach (var source in MqttTopicContract.ComplaintSources)
        {
            Assert.Equal(0, Value(samples, ComplaintSeries.Total(source, ComplaintSeries.Open)));
            Assert.Equal(0, Value(samples, ComplaintSeries.Total(source, ComplaintSeries.Today)));
            Assert.Null(Value(samples, ComplaintSeries.Total(source, ComplaintSeries.MttrHours)));
        }
        Assert.All(samples, s => Assert.Equal(Afternoon, s.Timestamp));
    }

    [Fact]
    public void Apply_Lifecycle_BacklogMovesAndResolvedTodayCounts()
    {
        var aggregator = new ComplaintAggregator(_time);

        var opened = aggregator.Apply([Event("a", ComplaintStatus.New, Afternoon.AddHours(-3)), Event("b", ComplaintStatus.New, Afternoon.AddHours(-2), "banjir", "pelayangan")]);

        Assert.Equal(2, Value(opened.Samples, ComplaintSeries.Total("sikesal", ComplaintSeries.Open)));
        Assert.Equal(2, Value(opened.Samples, ComplaintSeries.Total("sikesal", ComplaintSeries.New)));
        Assert.Equal(2, Value(opened.Samples, ComplaintSeries.Total("sikesal", ComplaintSeries.Today)));
        Assert.Equal(1, Value(opened.Samples, ComplaintSeries.OpenByCategory("sikesal", "banjir")));
        Assert.Equal(1, Value(opened.Samples, ComplaintSeries.OpenByDistrict("sikesal", "jelutung")));
        // Only what changed: the other source is not in the batch.
        Assert.DoesNotContain(opened.Samples, s => s.Series.Tags["source"] == "cc112");

        var progressed = aggregator.Apply([Event("a", ComplaintStatus.InProgress, Afternoon.AddHours(-1))]);
        Assert.Equal(2, Value(progressed.Samples, ComplaintSeries.Total("sikesal", ComplaintSeries.Open)));
        Assert.Equal(1, Value(progressed.Samples, ComplaintSeries.Total("sikesal", ComplaintSeries.InProgress)));
        Assert.Null(Value(progressed.Samples, ComplaintSeries.OpenByCategory("sikesal", "banjir")));

        _time.Advance(TimeSpan.FromMinutes(1));
        var resolved = aggregator.Apply([Event("a", ComplaintStatus.Resolved, Afternoon), Event("b", ComplaintStatus.Rejected, Afternoon)]);
        Assert.Equal(0, Value(resolved.Samples, ComplaintSeries.Total("sikesal", ComplaintSeries.Open)));
        Assert.Equal(1, Value(resolved.Samples, ComplaintSeries.Total("sikesal", ComplaintSeries.ResolvedToday)));
        Assert.Equal(1, Value(resolved.Samples, ComplaintSeries.Total("sikesal", ComplaintSeries.RejectedToday)));
        Assert.Equal(3, Value(resolved.Samples, ComplaintSeries.Total("sikesal", ComplaintSeries.MttrHours)));
        Assert.Equal(0, Value(resolved.Samples, ComplaintSeries.OpenByCategory("sikesal", "banjir")));
        Assert.Equal(0, Value(resolved.Samples, ComplaintSeries.OpenByDistrict("sikesal", "pelayangan")));
        Assert.All(resolved.Samples, s => Assert.Equal(_time.GetUtcNow(), s.Timestamp));
        Assert.Equal(5, aggregator.EventsApplied);
    }

    [Fact]
    public void Apply_MeanTimeToResolve_AveragesComplaintsResolvedToday()
    {
        var aggregator = new ComplaintAggregator(_time);

        aggregator.Apply([
            Event("a", ComplaintStatus.New, Afternoon.AddHours(-2)), Event("a", ComplaintStatus.Resolved, Afternoon),
            Event("b", ComplaintStatus.New, Afternoon.AddHours(-30)), Event("b", ComplaintStatus.Resolved, Afternoon.AddHours(-1)),
            // Resolved yesterday (WIB): not in today's mean.
            Event("c", ComplaintStatus.New, Afternoon.AddDays(-1).AddHours(-10)), Event("c", ComplaintStatus.Resolved, Afternoon.AddDays(-1)),
        ]);

        Assert.Equal((2 + 29) / 2.0, Now(aggregator, ComplaintSeries.MttrHours));
        Assert.Equal(2, Now(aggregator, ComplaintSeries.ResolvedToday));
        Assert.Equal(1, Now(aggregator, ComplaintSeries.Today));
    }

    [Fact]
    public void Apply_RepeatedEvent_CountedAsDuplicateAndChangesNothing()
    {
        var aggregator = new ComplaintAggregator(_time);
        aggregator.Apply([Event("a", ComplaintStatus.New, Afternoon.AddHours(-1))]);
        var before = aggregator.Snapshot();

        // Same (source, id, status), even with another time or category: a retransmission.
        var again = aggregator.Apply([Event("a", ComplaintStatus.New, Afternoon.AddHours(-1)), Event("a", ComplaintStatus.New, Afternoon, "banjir")]);

        Assert.Empty(again.Samples);
        Assert.Empty(again.Refused);
        Assert.Equal(2, aggregator.Duplicates);
        Assert.Equal(1, aggregator.EventsApplied);
        Assert.Equal(before.Select(s => (s.Series, s.Value)), aggregator.Snapshot().Select(s => (s.Series, s.Value)));
    }

    [Fact]
    public void Apply_SameIdOtherSource_AnotherComplaint()
    {
        var aggregator = new ComplaintAggregator(_time);

        aggregator.Apply([Event("7", ComplaintStatus.New, Afternoon), Event("7", ComplaintStatus.New, Afternoon, source: "cc112")]);

        Assert.Equal(0, aggregator.Duplicates);
        Assert.Equal(1, Now(aggregator, ComplaintSeries.Open, "sikesal"));
        Assert.Equal(1, Now(aggregator, ComplaintSeries.Open, "cc112"));
    }

    [Fact]
    public void Apply_ResolvedBeforeNew_NeverOpensAndStillDatesTheComplaint()
    {
        var aggregator = new ComplaintAggregator(_time);

        aggregator.Apply([Event("a", ComplaintStatus.Resolved, Afternoon.AddHours(-1))]);
        Assert.Equal(0, Now(aggregator, ComplaintSeries.Open));
        Assert.Equal(1, Now(aggregator, ComplaintSeries.ResolvedToday));
        Assert.Null(Now(aggregator, ComplaintSeries.MttrHours));

        aggregator.Apply([Event("a", ComplaintStatus.New, Afternoon.AddHours(-5)), Event("a", ComplaintStatus.InProgress, Afternoon.AddHours(-3))]);

        Assert.Equal(0, Now(aggregator, ComplaintSeries.Open));
        Assert.Equal(0, Now(aggregator, ComplaintSeries.InProgress));
        Assert.Equal(1, Now(aggregator, ComplaintSeries.Today));
        Assert.Equal(1, Now(aggregator, ComplaintSeries.ResolvedToday));
        Assert.Equal(4, Now(aggregator, ComplaintSeries.MttrHours));
        Assert.Equal(0, Value(aggregator.Snapshot(), ComplaintSeries.OpenByCategory("sikesal", "sampah")) ?? 0);
    }

    [Fact]
    public void Apply_InProgressBeforeNew_OpenOnceAsInProgress()
    {
        var aggregator = new ComplaintAggregator(_time);

        aggregator.Apply([Event("a", ComplaintStatus.InProgress, Afternoon.AddHours(-1)), Event("a", ComplaintStatus.New, Afternoon.AddHours(-2))]);

        Assert.Equal(1, Now(aggregator, ComplaintSeries.Open));
        Assert.Equal(1, Now(aggregator, ComplaintSeries.InProgress));
        Assert.Equal(0, Now(aggregator, ComplaintSeries.New));
        Assert.Equal(1, Now(aggregator, ComplaintSeries.Today));
    }

    [Fact]
    public void Apply_FirstFinalStatusWins()
    {
        var aggregator = new ComplaintAggregator(_time);

        aggregator.Apply([Event("a", ComplaintStatus.New, Afternoon.AddHours(-2)), Event("a", ComplaintStatus.Rejected, Afternoon.AddHours(-1)), Event("a", ComplaintStatus.Resolved, Afternoon)]);

        Assert.Equal(1, Now(aggregator, ComplaintSeries.RejectedToday));
        Assert.Equal(0, Now(aggregator, ComplaintSeries.ResolvedToday));
        Assert.Equal(0, Now(aggregator, ComplaintSeries.Open));
    }

    [Fact]
    public void Apply_RecategorisedWhileOpen_MovesBetweenBars()
    {
        var aggregator = new ComplaintAggregator(_time);
        aggregator.Apply([Event("a", ComplaintStatus.New, Afternoon.AddHours(-2), "lainnya", "jelutung")]);

        var moved = aggregator.Apply([Event("a", ComplaintStatus.InProgress, Afternoon.AddHours(-1), "banjir", "pelayangan")]);

        Assert.Equal(0, Value(moved.Samples, ComplaintSeries.OpenByCategory("sikesal", "lainnya")));
        Assert.Equal(1, Value(moved.Samples, ComplaintSeries.OpenByCategory("sikesal", "banjir")));
        Assert.Equal(0, Value(moved.Samples, ComplaintSeries.OpenByDistrict("sikesal", "jelutung")));
        Assert.Equal(1, Value(moved.Samples, ComplaintSeries.OpenByDistrict("sikesal", "pelayangan")));
    }

    [Fact]
    public void Snapshot_AtWibMidnight_TodayRestartsAndBacklogCarriesOver()
    {
        _time.SetUtcNow(new DateTimeOffset(2026, 3, 10, 23, 50, 0, Wib));
        var aggregator = new ComplaintAggregator(_time);
        aggregator.Apply([
            Event("a", ComplaintStatus.New, _time.GetUtcNow().AddMinutes(-20)),
            Event("b", ComplaintStatus.New, _time.GetUtcNow().AddMinutes(-10)),
            Event("c", ComplaintStatus.New, _time.GetUtcNow().AddHours(-5)),
            Event("c", ComplaintStatus.Resolved, _time.GetUtcNow().AddMinutes(-5)),
        ]);
        Assert.Equal(3, Now(aggregator, ComplaintSeries.Today));
        Assert.Equal(1, Now(aggregator, ComplaintSeries.ResolvedToday));

        // 23:59:59.999 WIB is still the same day; 00:00 WIB (17:00 UTC) is the next.
        _time.SetUtcNow(new DateTimeOffset(2026, 3, 10, 23, 59, 59, 999, Wib));
        Assert.Equal(3, Now(aggregator, ComplaintSeries.Today));
        _time.SetUtcNow(new DateTimeOffset(2026, 3, 10, 17, 0, 0, TimeSpan.Zero));
        var afterMidnight = aggregator.Snapshot();

        Assert.Equal(0, Value(afterMidnight, ComplaintSeries.Total("sikesal", ComplaintSeries.Today)));
        Assert.Equal(0, Value(afterMidnight, ComplaintSeries.Total("sikesal", ComplaintSeries.ResolvedToday)));
        Assert.Null(Value(afterMidnight, ComplaintSeries.Total("sikesal", ComplaintSeries.MttrHours)));
        Assert.Equal(2, Value(afterMidnight, ComplaintSeries.Total("sikesal", ComplaintSeries.Open)));

        // A late event stamped yesterday (WIB) is not today's.
        aggregator.Apply([Event("d", ComplaintStatus.New, new DateTimeOffset(2026, 3, 10, 23, 58, 0, Wib))]);
        Assert.Equal(0, Now(aggregator, ComplaintSeries.Today));
        Assert.Equal(3, Now(aggregator, ComplaintSeries.Open));
    }

    [Fact]
    public void Apply_FirstEventAfterMidnight_RollsTheDayWithoutASnapshot()
    {
        _time.SetUtcNow(new DateTimeOffset(2026, 3, 10, 23, 0, 0, Wib));
        var aggregator = new ComplaintAggregator(_time);
        aggregator.Apply([Event("a", ComplaintStatus.New, _time.GetUtcNow())]);

        _time.Advance(TimeSpan.FromHours(2));
        var outcome = aggregator.Apply([Event("b", ComplaintStatus.New, _time.GetUtcNow())]);

        Assert.Equal(1, Value(outcome.Samples, ComplaintSeries.Total("sikesal", ComplaintSeries.Today)));
        // The day roll republishes every source's totals, not only the one that had an event.
        Assert.Equal(0, Value(outcome.Samples, ComplaintSeries.Total("cc112", ComplaintSeries.Today)));
    }

    [Fact]
    public void Apply_ClosedComplaintsOlderThanRetention_Forgotten()
    {
        var aggregator = new ComplaintAggregator(_time);
        aggregator.Apply([Event("a", ComplaintStatus.New, Afternoon.AddHours(-1)), Event("a", ComplaintStatus.Resolved, Afternoon), Event("b", ComplaintStatus.New, Afternoon)]);
        Assert.Equal(2, aggregator.TrackedCount);

        _time.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));
        aggregator.Snapshot();

        Assert.Equal(1, aggregator.TrackedCount);
        Assert.Equal(1, Now(aggregator, ComplaintSeries.Open));

        // A final event older than the retention, for a complaint no longer known: ignored, not opened.
        var stale = aggregator.Apply([Event("a", ComplaintStatus.Resolved, Afternoon)]);
        Assert.Equal(1, aggregator.Stale);
        Assert.Empty(stale.Samples);
        Assert.Equal(1, aggregator.TrackedCount);
    }

    [Fact]
    public void Apply_DuplicateStaleAndRefused_OnlyEventsThatTookEffectAreListedAsApplied()
    {
        var aggregator = new ComplaintAggregator(_time, maxTracked: 1);
        var first = Event("a", ComplaintStatus.New, Afternoon);
        var duplicate = Event("a", ComplaintStatus.New, Afternoon);
        var stale = Event("old", ComplaintStatus.Resolved, Afternoon.AddDays(-5));
        var refused = Event("b", ComplaintStatus.New, Afternoon);

        var outcome = aggregator.Apply([first, duplicate, stale, refused]);

        Assert.Equal([first], outcome.Applied);
        Assert.Equal([refused], outcome.Refused);
    }

    [Fact]
    public void Apply_AtCapWithClosedComplaints_ForgetsTheOldestClosedEarly()
    {
        var aggregator = new ComplaintAggregator(_time, maxTracked: 3);
        aggregator.Apply([
            Event("a", ComplaintStatus.New, Afternoon.AddHours(-3)), Event("a", ComplaintStatus.Resolved, Afternoon.AddHours(-2)),
            Event("b", ComplaintStatus.New, Afternoon.AddHours(-3)), Event("b", ComplaintStatus.Resolved, Afternoon.AddHours(-1)),
            Event("c", ComplaintStatus.New, Afternoon),
        ]);

        var outcome = aggregator.Apply([Event("d", ComplaintStatus.New, Afternoon)]);

        Assert.Empty(outcome.Refused);
        Assert.Equal(1, aggregator.EvictedEarly);
        Assert.Equal(3, aggregator.TrackedCount);
        Assert.Equal(2, Now(aggregator, ComplaintSeries.Open));
        Assert.Equal(2, Now(aggregator, ComplaintSeries.ResolvedToday));
        // "a" was the oldest closed: forgotten, so its repeat is taken as news; "b" is still known.
        var repeat = aggregator.Apply([Event("b", ComplaintStatus.Resolved, Afternoon.AddHours(-1))]);
        Assert.Equal(1, aggregator.Duplicates);
        Assert.Empty(repeat.Samples);
    }

    [Fact]
    public void Apply_AtCapAndAllOpen_RefusesNewComplaintsButTakesEventsOfKnownOnes()
    {
        var aggregator = new ComplaintAggregator(_time, maxTracked: 2);
        aggregator.Apply([Event("a", ComplaintStatus.New, Afternoon), Event("b", ComplaintStatus.New, Afternoon)]);

        var batch = ComplaintEventParser.Parse("coc/complaints/sikesal", """
            [{"id": "c", "ts": "2026-03-10T07:00:00Z", "status": "new", "category": "sampah", "district": "jelutung"},
             {"id": "a", "ts": "2026-03-10T07:00:00Z", "status": "resolved", "category": "sampah", "district": "jelutung"}]
            """, _time.GetUtcNow());
        aggregator.Apply(batch);

        var rejection = Assert.Single(batch.Result.Rejections);
        Assert.Equal(RejectReason.TrackingFull, rejection.Reason);
        Assert.Contains("'c'", rejection.Detail, StringComparison.Ordinal);
        Assert.Equal(1, aggregator.Refused);
        Assert.Equal(1, Now(aggregator, ComplaintSeries.Open));
        Assert.Equal(1, Value(batch.Result.Samples, ComplaintSeries.Total("sikesal", ComplaintSeries.Open)));
    }

    [Fact]
    public void Apply_ConcurrentBatches_CountsAddUp()
    {
        var aggregator = new ComplaintAggregator(_time);

        Parallel.For(0, 8, worker =>
        {
            for (var i = 0; i < 500; i++)
            {
                var id = $"{worker}-{i}";
                aggregator.Apply([Event(id, ComplaintStatus.New, Afternoon.AddHours(-1)), Event(id, ComplaintStatus.New, Afternoon.AddHours(-1))]);
                if (i % 2 == 0)
                {
                    aggregator.Apply([Event(id, ComplaintStatus.Resolved, Afternoon)]);
                }
            }
        });

        Assert.Equal(8 * 250, Now(aggregator, ComplaintSeries.Open));
        Assert.Equal(8 * 500, Now(aggregator, ComplaintSeries.Today));
        Assert.Equal(8 * 250, Now(aggregator, ComplaintSeries.ResolvedToday));
        Assert.Equal(8 * 500, aggregator.Duplicates);
    }
}
