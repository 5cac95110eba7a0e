using Microsoft.Extensions.Time.Testing;

namespace Coc.Simulator.Tests;

public class ComplaintCountsTests
{
    private static readonly TimeSpan Wib = TimeSpan.FromHours(7);

    [Fact]
    public void Tick_ThreeDays_CountsNeverNegativeAndBacklogConsistent()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 13, 0, 0, 0, Wib)); // a Friday: crosses a weekend
        var model = new JambiFeedModel(time, seed: 2026);
        var previous = new Dictionary<string, (DateOnly Day, Counts Total)>();

        for (var step = 0; step < 3 * 24 * 12; step++)
        {
            var messages = model.Tick();
            var day = DateOnly.FromDateTime(time.GetUtcNow().ToOffset(Wib).DateTime);
            foreach (var source in JambiFeeds.ComplaintSources)
            {
                var total = Totals(messages, source);
                var byCategory = Breakdown(messages, $"coc/sensors/complaints_category/{source}");
                var byKecamatan = Breakdown(messages, $"coc/sensors/complaints_kecamatan/{source}");

                Assert.All(byCategory.Concat(byKecamatan), c => Assert.True(c.Open >= 0 && c.Today >= 0, $"{source}: negative count"));
                Assert.True(total.Open >= 0 && total.Today >= 0 && total.ResolvedToday >= 0);
                Assert.Equal(total.Open, byCategory.Sum(c => c.Open));
                Assert.Equal(total.Open, byKecamatan.Sum(c => c.Open));
                Assert.Equal(total.Today, byCategory.Sum(c => c.Today));
                Assert.Equal(total.Today, byKecamatan.Sum(c => c.Today));

                if (previous.TryGetValue(source, out var before) && before.Day == day)
                {
                    // Within a day, the backlog moves by exactly what came in minus what was resolved.
                    Assert.Equal(total.Open - before.Total.Open,
                        (total.Today - before.Total.Today) - (total.ResolvedToday - before.Total.ResolvedToday));
                    Assert.True(total.Today >= before.Total.Today && total.ResolvedToday >= before.Total.ResolvedToday);
                }
                previous[source] = (day, total);
            }
            time.Advance(TimeSpan.FromMinutes(5));
        }
    }

    [Fact]
    public void Tick_AcrossWibMidnight_TodayStartsAgain()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 23, 55, 0, Wib));
        var model = new JambiFeedModel(time, seed: 2026);

        var lateEvening = Totals(model.Tick(), "sikesal");
        time.Advance(TimeSpan.FromMinutes(10));
        var justAfterMidnight = Totals(model.Tick(), "sikesal");

        Assert.True(lateEvening.Today > 10, $"a day of SiKesal complaints should be more than 10, was {lateEvening.Today}");
        Assert.True(justAfterMidnight.Today < lateEvening.Today);
        Assert.True(justAfterMidnight.ResolvedToday < lateEvening.ResolvedToday);
        Assert.True(justAfterMidnight.Open > 0, "the backlog carries over midnight");
    }

    [Fact]
    public void Tick_DaytimeVersusNight_MoreComplaintsArriveByDay()
    {
        var arrivalsByDay = 0;
        var arrivalsByNight = 0;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 9, 0, 0, 0, Wib));
        var model = new JambiFeedModel(time, seed: 11);
        var last = Totals(model.Tick(), "sikesal");
        for (var hour = 1; hour <= 5 * 24; hour++)
        {
            time.Advance(TimeSpan.FromHours(1));
            var now = Totals(model.Tick(), "sikesal");
            var arrived = now.Today >= last.Today ? now.Today - last.Today : now.Today;
            var hourOfDay = time.GetUtcNow().ToOffset(Wib).Hour;
            if (hourOfDay is >= 9 and < 13)
            {
                arrivalsByDay += arrived;
            }
            else if (hourOfDay is >= 1 and < 5)
            {
                arrivalsByNight += arrived;
            }
            last = now;
        }

        Assert.True(arrivalsByDay > 2 * arrivalsByNight, $"09–13 WIB: {arrivalsByDay}, 01–05 WIB: {arrivalsByNight}");
    }

    private static Counts Totals(IReadOnlyList<SimMessage> messages, string source)
    {
        var fields = JambiFeedModelTests.FieldsOf(Assert.Single(messages, m => m.Topic == $"coc/sensors/complaints_total/{source}"));
        return new Counts((int)fields["open"], (int)fields["today"], (int)fields["resolved_today"]);
    }

    private static List<(int Open, int Today)> Breakdown(IReadOnlyList<SimMessage> messages, string topic) =>
        [.. messages.Where(m => m.Topic == topic)
            .Select(JambiFeedModelTests.FieldsOf)
            .Select(f => ((int)f["open"], (int)f["today"]))];

    private readonly record struct Counts(int Open, int Today, int ResolvedToday);
}
