using System.Buffers;
using Coc.Core.Complaints;
using Coc.Core.Ingest;
using Coc.Core.Series;
using Microsoft.Extensions.Time.Testing;

namespace Coc.Simulator.Tests;

public class ComplaintEventsTests
{
    private static readonly TimeSpan Wib = TimeSpan.FromHours(7);

    [Fact]
    public void Tick_ThreeDays_EveryEventParsesAndEveryLifecycleIsConsistent()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 13, 0, 0, 0, Wib)); // a Friday: crosses a weekend
        var model = new JambiFeedModel(time, seed: 2026);
        var aggregator = new ComplaintAggregator(time);
        var lifecycles = new Dictionary<(string Source, string Id), List<ComplaintEvent>>();

        for (var step = 0; step < 3 * 24 * 12; step++)
        {
            var now = time.GetUtcNow();
            foreach (var message in model.Tick().Where(m => MqttTopicContract.IsComplaintTopic(m.Topic)))
            {
                var batch = ComplaintEventParser.Parse(message.Topic, new ReadOnlySequence<byte>(message.Payload), now);
                Assert.True(batch.Result.Rejections.Count == 0, string.Join("; ", batch.Result.Rejections.Select(r => r.Detail)));
                Assert.InRange(batch.Events.Count, 1, 200);
                foreach (var e in batch.Events)
                {
                    Assert.True(e.Timestamp <= now, $"{e.Id} {e.Status} is stamped after the tick that sent it");
                    var list = lifecycles.TryGetValue((e.Source, e.Id), out var l) ? l : lifecycles[(e.Source, e.Id)] = [];
                    list.Add(e);
                }
                aggregator.Apply(batch);
                Assert.Empty(batch.Result.Rejections);
            }
            time.Advance(TimeSpan.FromMinutes(5));
        }

        Assert.Equal(0, aggregator.Duplicates);
        Assert.Equal(0, aggregator.Refused);
        Assert.True(lifecycles.Count > 300, $"three days of complaints from two sources, got {lifecycles.Count}");
        var closed = 0;
        foreach (var ((source, id), events) in lifecycles)
        {
            var statuses = events.Select(e => e.Status).ToList();
            var expected = new List<ComplaintStatus> { ComplaintStatus.New, ComplaintStatus.InProgress, ComplaintStatus.Resolved };
            Assert.True(statuses.Count <= 3 && statuses.Distinct().Count() == statuses.Count, $"{source}/{id}: {string.Join(",", statuses)}");
            // The replay leaves out complaints closed long ago, so every lifecycle starts with "new".
            Assert.Equal(ComplaintStatus.New, statuses[0]);
            if (statuses.Count > 1)
            {
                Assert.Equal(ComplaintStatus.InProgress, statuses[1]);
            }
            if (statuses.Count == 3)
            {
                Assert.Contains(statuses[2], new[] { ComplaintStatus.Resolved, ComplaintStatus.Rejected });
                closed++;
            }
            Assert.True(events.Zip(events.Skip(1)).All(p => p.First.Timestamp < p.Second.Timestamp), $"{source}/{id}: times go back");
            Assert.Single(events.Select(e => (e.Category, e.District)).Distinct());
        }
        Assert.True(closed > 100, $"complaints get closed, {closed} were");

        // What the aggregator says is open is what the lifecycles leave open.
        foreach (var source in JambiFeeds.ComplaintSources)
        {
            var open = lifecycles.Where(l => l.Key.Source == source && l.Value.Count < 3).Count();
            Assert.Equal(open, Value(aggregator.Snapshot(), ComplaintSeries.Total(source, ComplaintSeries.Open)));
        }
    }

    [Fact]
    public void Tick_FirstTick_ReplaysTheWarmUpBacklog()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 16, 0, 0, Wib));
        var model = new JambiFeedModel(time, seed: 2026);
        var aggregator = new ComplaintAggregator(time);

        foreach (var message in model.Tick().Where(m => MqttTopicContract.IsComplaintTopic(m.Topic)))
        {
            aggregator.Apply(ComplaintEventParser.Parse(message.Topic, new ReadOnlySequence<byte>(message.Payload), time.GetUtcNow()));
        }

        var snapshot = aggregator.Snapshot();
        foreach (var source in JambiFeeds.ComplaintSources)
        {
            Assert.True(Value(snapshot, ComplaintSeries.Total(source, ComplaintSeries.Open)) > 0, $"{source}: a backlog from the warm-up");
            Assert.True(Value(snapshot, ComplaintSeries.Total(source, ComplaintSeries.Today)) > 5, $"{source}: complaints since midnight");
            Assert.True(Value(snapshot, ComplaintSeries.Total(source, ComplaintSeries.ResolvedToday)) > 0, $"{source}: resolved since midnight");
            Assert.True(Value(snapshot, ComplaintSeries.Total(source, ComplaintSeries.MttrHours)) > 0, $"{source}: a time to resolve");
        }
        Assert.Equal(0, aggregator.Stale);
    }

    [Fact]
    public void Tick_DaytimeVersusNight_MoreComplaintsArriveByDay()
    {
        var arrivalsByDay = 0;
        var arrivalsByNight = 0;
        var start = new DateTimeOffset(2026, 3, 9, 0, 0, 0, Wib);
        var time = new FakeTimeProvider(start);
        var model = new JambiFeedModel(time, seed: 11);
        model.Tick();
        for (var hour = 1; hour <= 5 * 24; hour++)
        {
            time.Advance(TimeSpan.FromHours(1));
            foreach (var e in Events(model.Tick(), time.GetUtcNow()).Where(e => e.Source == "sikesal" && e.Status == ComplaintStatus.New))
            {
                var hourOfDay = e.Timestamp.ToOffset(Wib).Hour;
                if (hourOfDay is >= 9 and < 13)
                {
                    arrivalsByDay++;
                }
                else if (hourOfDay is >= 1 and < 5)
                {
                    arrivalsByNight++;
                }
            }
        }

        Assert.True(arrivalsByDay > 2 * arrivalsByNight, $"09–13 WIB: {arrivalsByDay}, 01–05 WIB: {arrivalsByNight}");
    }

    [Fact]
    public void Tick_RunsStartedAtDifferentTimes_UseDifferentIds()
    {
        var first = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 12, 0, 0, Wib));
        var second = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 12, 5, 0, Wib));

        var firstIds = Events(new JambiFeedModel(first, seed: 1).Tick(), first.GetUtcNow()).Select(e => e.Id).ToHashSet();
        var secondIds = Events(new JambiFeedModel(second, seed: 1).Tick(), second.GetUtcNow()).Select(e => e.Id).ToHashSet();

        Assert.NotEmpty(firstIds);
        Assert.Empty(firstIds.Intersect(secondIds));
    }

    private static List<ComplaintEvent> Events(IEnumerable<SimMessage> messages, DateTimeOffset now) =>
        [.. messages.Where(m => MqttTopicContract.IsComplaintTopic(m.Topic))
            .SelectMany(m => ComplaintEventParser.Parse(m.Topic, new ReadOnlySequence<byte>(m.Payload), now).Events)];

    private static double Value(IReadOnlyList<Sample> samples, SeriesKey key) => samples.Single(s => s.Series.Equals(key)).Value;
}
