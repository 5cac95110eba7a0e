using Coc.Core.Complaints;
using Coc.Core.Series;
using Microsoft.Extensions.Time.Testing;

namespace Coc.Core.Tests.Complaints;

public class ComplaintOverdueTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 14, 0, 0, TimeSpan.FromHours(7));

    private readonly FakeTimeProvider _time = new(Now);

    private static ComplaintEvent Event(string id, ComplaintStatus status, DateTimeOffset ts, string source = "sikesal") =>
        new(source, id, ts.ToUniversalTime(), status, "jalan-rusak", "jelutung");

    private static (double H24, double H48, double H72) Overdue(IReadOnlyList<Sample> samples, string source = "sikesal")
    {
        double Get(string field) => samples.Single(s => s.Series.Equals(ComplaintSeries.Total(source, field))).Value;
        return (Get(ComplaintSeries.Overdue24h), Get(ComplaintSeries.Overdue48h), Get(ComplaintSeries.Overdue72h));
    }

    [Fact]
    public void Snapshot_OpenComplaintsOfDifferentAges_CountedPerTarget()
    {
        var aggregator = new ComplaintAggregator(_time);
        aggregator.Apply([
            Event("fresh", ComplaintStatus.New, Now.AddHours(-2)),
            Event("day", ComplaintStatus.New, Now.AddHours(-30)),
            Event("two-days", ComplaintStatus.New, Now.AddHours(-50)),
            Event("old", ComplaintStatus.New, Now.AddHours(-80)),
            Event("old", ComplaintStatus.InProgress, Now.AddHours(-10)),
        ]);

        Assert.Equal((3, 2, 1), Overdue(aggregator.Snapshot()));
    }

    [Fact]
    public void Snapshot_ClosedComplaints_NotOverdue()
    {
        var aggregator = new ComplaintAggregator(_time);
        aggregator.Apply([
            Event("done", ComplaintStatus.New, Now.AddHours(-40)),
            Event("done", ComplaintStatus.Resolved, Now.AddHours(-1)),
            Event("refused", ComplaintStatus.New, Now.AddHours(-40)),
            Event("refused", ComplaintStatus.Rejected, Now.AddHours(-1)),
            Event("open", ComplaintStatus.New, Now.AddHours(-40)),
        ]);

        Assert.Equal((1, 0, 0), Overdue(aggregator.Snapshot()));
    }

    [Fact]
    public void Snapshot_TimePasses_ComplaintBecomesOverdueWithoutNewEvents()
    {
        var aggregator = new ComplaintAggregator(_time);
        aggregator.Apply([Event("a", ComplaintStatus.New, Now.AddHours(-23))]);
        Assert.Equal((0, 0, 0), Overdue(aggregator.Snapshot()));

        _time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));

        Assert.Equal((1, 0, 0), Overdue(aggregator.Snapshot()));
    }

    [Fact]
    public void Snapshot_ExactlyAtTarget_NotYetOverdue()
    {
        var aggregator = new ComplaintAggregator(_time);
        aggregator.Apply([Event("a", ComplaintStatus.New, Now.AddHours(-24))]);

        Assert.Equal((0, 0, 0), Overdue(aggregator.Snapshot()));
    }

    [Fact]
    public void Apply_InProgressWithoutNew_AgedFromItsOwnEvent()
    {
        var aggregator = new ComplaintAggregator(_time);

        var outcome = aggregator.Apply([Event("a", ComplaintStatus.InProgress, Now.AddHours(-49))]);

        Assert.Equal((1, 1, 0), Overdue(outcome.Samples));
    }

    [Fact]
    public void Snapshot_PerSource_CountsSeparately()
    {
        var aggregator = new ComplaintAggregator(_time);
        aggregator.Apply([Event("a", ComplaintStatus.New, Now.AddHours(-73), "cc112")]);

        var samples = aggregator.Snapshot();

        Assert.Equal((1, 1, 1), Overdue(samples, "cc112"));
        Assert.Equal((0, 0, 0), Overdue(samples, "sikesal"));
    }
}
