using System.Diagnostics;
using System.Globalization;
using Coc.Core.Series;
using Coc.Ingest.Pipeline;
using Coc.Storage;
using Coc.Tests.Shared;
using Coc.Web.Scenes;
using Coc.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static Coc.Web.Tests.Cluster.ClusterProbe;

namespace Coc.Web.Tests.Cluster;

/// <summary>
/// Two real servers sharing a real Redis: a sample that enters through one reaches the other's wall and
/// every hub client once, and is stored once; a scene switched on one switches the other's screens.
/// </summary>
public sealed class TwoServerClusterTests : IClassFixture<TwoServerCluster>
{
    private readonly TwoServerCluster _cluster;
    private readonly ITestOutputHelper _output;

    public TwoServerClusterTests(TwoServerCluster cluster, ITestOutputHelper output)
    {
        _cluster = cluster;
        _output = output;
    }

    [Fact]
    public async Task Write_OnA_ReachesBLiveStateAndEveryHubClientExactlyOnceAndIsStoredOnlyOnA()
    {
        const int count = 200;
        var (a, b) = (_cluster.A, _cluster.B);
        var series = SeriesKey.Create("water_level", "value", ("sensor", "pos-cluster"));
        await using var onA = await HubFollower.ConnectAsync(a, series);
        await using var onB = await HubFollower.ConnectAsync(b, series);
        var samplesIntoB = b.Services.GetRequiredService<IngestMetrics>().SamplesIn;
        // Whole seconds, so the query range below holds every line's time.
        var t0 = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddMinutes(-30).ToUnixTimeSeconds());
        string Line(int value, int second) => $"water_level,sensor=pos-cluster value={value} {t0.AddSeconds(second).ToUnixTimeMilliseconds() * 1_000_000L}";

        // Four requests of 50 lines: several pump batches, as a real feed sends.
        for (var request = 0; request < 4; request++)
        {
            await WriteAsync(a, string.Join('\n', Enumerable.Range(request * 50, 50).Select(i => Line(i, i))));
        }
        // The marker comes last on every path: once a client has it, nothing of the 200 can still be on its way.
        var markerOnA = onA.ArrivalOf(-1);
        var markerOnB = onB.ArrivalOf(-1);
        var sent = Stopwatch.GetTimestamp();
        await WriteAsync(a, Line(-1, count));
        var answered = Stopwatch.GetTimestamp();
        var arrivedOnA = await markerOnA.WaitAsync(TimeSpan.FromSeconds(10));
        var arrivedOnB = await markerOnB.WaitAsync(TimeSpan.FromSeconds(10));
        // Reported, not asserted: a figure for the README, read from one run on a shared 2-core machine.
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"POST /write to A -> answered {Stopwatch.GetElapsedTime(sent, answered).TotalMilliseconds:0.0} ms, hub client on A {Stopwatch.GetElapsedTime(sent, arrivedOnA).TotalMilliseconds:0.0} ms, on B {Stopwatch.GetElapsedTime(sent, arrivedOnB).TotalMilliseconds:0.0} ms"));

        double[] expected = [.. Enumerable.Range(0, count).Select(i => (double)i), -1];
        Assert.Equal(expected, onA.Values);
        Assert.Equal(expected, onB.Values);
        Assert.Equal(-1, Live(b).Get(series)!.Latest!.Value.Value);
        Assert.Equal(count + 1, Live(b).Get(series)!.PointsAfter(DateTimeOffset.MinValue).Count);
        // Stored where it entered, once; B took nothing through its pump, the only way to its store.
        var storeA = a.Services.GetRequiredService<ITimeSeriesStore>();
        var storeB = b.Services.GetRequiredService<ITimeSeriesStore>();
        await Eventually.TrueAsync(async () => (await storeA.QueryAsync(series, t0, t0.AddHours(1))).Count == count + 1, "A to store all 201");
        Assert.Empty(await storeB.QueryAsync(series, t0, t0.AddHours(1)));
        Assert.Equal(samplesIntoB, b.Services.GetRequiredService<IngestMetrics>().SamplesIn);
        Assert.True(FanOut(b).Counters.ReceivedFrom.GetValueOrDefault("coc-a") >= count + 1);
        Assert.Equal(0, FanOut(a).Counters.SamplesDropped);
    }

    [Fact]
    public async Task Switch_OnA_BSwitchesWithinASecondEveryHubClientHearsItOnceAndANewServerStartsInIt()
    {
        var (a, b) = (_cluster.A, _cluster.B);
        var scenesA = a.Services.GetRequiredService<WallSceneState>();
        var scenesB = b.Services.GetRequiredService<WallSceneState>();
        var wallA = a.Services.GetRequiredService<Coc.Web.Layouts.WallLayoutStore>().Find("jambi-coc")!;
        var wallB = b.Services.GetRequiredService<Coc.Web.Layouts.WallLayoutStore>().Find("jambi-coc")!;
        await using var onA = await HubFollower.ConnectAsync(a);
        await using var onB = await HubFollower.ConnectAsync(b);
        var switchedOnB = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var watch = scenesB.Watch(wall =>
        {
            if (wall == "jambi-coc" && scenesB.Current(wallB).Id == "banjir")
            {
                switchedOnB.TrySetResult(Stopwatch.GetTimestamp());
            }
        });

        var tapped = Stopwatch.GetTimestamp();
        Assert.True(scenesA.TrySet("jambi-coc", "banjir", out var error), error);
        var switchedAt = await switchedOnB.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var elapsed = Stopwatch.GetElapsedTime(tapped, switchedAt);
        _output.WriteLine($"switch on A -> B's watchers told after {elapsed.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture)} ms");
        Assert.True(elapsed < TimeSpan.FromSeconds(1), $"B switched after {elapsed.TotalMilliseconds} ms");
        Assert.Equal("banjir", scenesA.Current(wallA).Id);

        // Each client hears each switch once, whichever server it is on and wherever the switch was made.
        // Every step waits for the one before, so the order is fixed, and the last switch (from A) is the
        // marker: an echo of an earlier message would reach a client before it.
        await Eventually.TrueAsync(() => onA.Scenes.Length == 1 && onB.Scenes.Length == 1, "both hub clients told of A's switch");
        Assert.True(scenesB.TrySet("jambi-coc", "lalu-lintas", out error), error);
        await Eventually.TrueAsync(() => scenesA.Current(wallA).Id == "lalu-lintas", "A to follow B's switch");
        await Eventually.TrueAsync(() => onA.Scenes.Length == 2 && onB.Scenes.Length == 2, "both hub clients told of B's switch");
        Assert.True(scenesA.TrySet("jambi-coc", "briefing", out error), error);
        await Eventually.TrueAsync(() => onA.Scenes.Contains("jambi-coc:briefing") && onB.Scenes.Contains("jambi-coc:briefing"), "both hub clients told of A's second switch");
        Assert.Equal(["jambi-coc:banjir", "jambi-coc:lalu-lintas", "jambi-coc:briefing"], onA.Scenes);
        Assert.Equal(["jambi-coc:banjir", "jambi-coc:lalu-lintas", "jambi-coc:briefing"], onB.Scenes);
        await Eventually.TrueAsync(() => scenesB.Current(wallB).Id == "briefing", "B to follow A's second switch");

        // A server that starts now (its own empty data folder) reads the wall's scene from Redis.
        await using var c = new ClusterAppFactory(_cluster.Redis.ConnectionString, "coc-c");
        var scenesC = c.Services.GetRequiredService<WallSceneState>();
        var wallC = c.Services.GetRequiredService<Coc.Web.Layouts.WallLayoutStore>().Find("jambi-coc")!;
        await Eventually.TrueAsync(() => scenesC.Current(wallC).Id == "briefing", "the new server to start in the cluster's scene");
    }
}
