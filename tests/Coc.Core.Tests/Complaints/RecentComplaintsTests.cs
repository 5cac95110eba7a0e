using Coc.Core.Complaints;
using Microsoft.Extensions.Time.Testing;

namespace Coc.Core.Tests.Complaints;

public class RecentComplaintsTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero));

    private static ComplaintEvent Event(string id, ComplaintStatus status = ComplaintStatus.New, string source = "sikesal") =>
        new(source, id, new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero), status, "jalan-rusak", "kota-baru");

    [Fact]
    public void Latest_SeveralRecorded_NewestFirstWithArrivalTime()
    {
        var recent = new RecentComplaints(_time);
        recent.Record([Event("a"), Event("b")]);
        _time.Advance(TimeSpan.FromSeconds(5));
        recent.Record([Event("c")]);

        var latest = recent.Latest(10);

        Assert.Equal(["c", "b", "a"], latest.Select(r => r.Event.Id));
        Assert.Equal(_time.GetUtcNow(), latest[0].ReceivedAt);
        Assert.Equal(_time.GetUtcNow() - TimeSpan.FromSeconds(5), latest[2].ReceivedAt);
    }

    [Fact]
    public void Record_MoreThanCapacity_KeepsOnlyTheNewest()
    {
        var recent = new RecentComplaints(_time, capacity: 3);

        recent.Record(Enumerable.Range(1, 7).Select(i => Event($"e{i}")));

        Assert.Equal(["e7", "e6", "e5"], recent.Latest(10).Select(r => r.Event.Id));
    }

    [Fact]
    public void Latest_CountSmallerThanHeld_ReturnsThatMany()
    {
        var recent = new RecentComplaints(_time);
        recent.Record(Enumerable.Range(1, 5).Select(i => Event($"e{i}")));

        Assert.Equal(["e5", "e4"], recent.Latest(2).Select(r => r.Event.Id));
        Assert.Empty(recent.Latest(0));
    }

    [Fact]
    public void Record_SameSourceIdAndStatusAgain_NotShownTwiceAndVersionUnchanged()
    {
        var recent = new RecentComplaints(_time);
        Assert.Equal(1, recent.Record([Event("a")]));
        var version = recent.Version;

        Assert.Equal(0, recent.Record([Event("a")]));

        Assert.Single(recent.Latest(10));
        Assert.Equal(version, recent.Version);
    }

    [Fact]
    public void Record_SameIdWithNextStatusOrOtherSource_IsShown()
    {
        var recent = new RecentComplaints(_time);

        recent.Record([Event("a"), Event("a", ComplaintStatus.InProgress), Event("a", source: "cc112")]);

        Assert.Equal(3, recent.Latest(10).Count);
    }

    [Fact]
    public void Record_DuplicateOlderThanTheRememberedKeys_IsShownAgain()
    {
        // The seen set is bounded: memory stays fixed however long the wall runs.
        var recent = new RecentComplaints(_time, capacity: 1);
        recent.Record([Event("first")]);
        recent.Record(Enumerable.Range(1, RecentComplaints.SeenFactor).Select(i => Event($"e{i}")));

        Assert.Equal(1, recent.Record([Event("first")]));
    }

    [Fact]
    public void Watch_EventsRecorded_CalledOncePerCallAndVersionGrows()
    {
        var recent = new RecentComplaints(_time);
        var calls = 0;
        using var watch = recent.Watch(() => calls++);

        recent.Record([Event("a"), Event("b")]);
        recent.Record([Event("a")]);

        Assert.Equal(1, calls);
        Assert.Equal(1, recent.Version);
    }

    [Fact]
    public void Watch_Disposed_NoLongerCalledAndCountedOut()
    {
        var recent = new RecentComplaints(_time);
        var calls = 0;
        var watch = recent.Watch(() => calls++);
        Assert.Equal(1, recent.WatcherCount);

        watch.Dispose();
        watch.Dispose();
        recent.Record([Event("a")]);

        Assert.Equal(0, calls);
        Assert.Equal(0, recent.WatcherCount);
    }

    [Fact]
    public async Task Record_FromManyThreads_KeepsCapacityAndEveryKeyOnce()
    {
        var recent = new RecentComplaints(_time, capacity: 50);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                recent.Record([Event($"t{t}-{i}")]);
            }
        })));

        var latest = recent.Latest(1000);
        Assert.Equal(50, latest.Count);
        Assert.Equal(50, latest.Select(r => r.Event.Id).Distinct().Count());
        Assert.Equal(4000, recent.Version);
    }
}
