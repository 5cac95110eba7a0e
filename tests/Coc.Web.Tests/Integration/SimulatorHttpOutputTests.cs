using System.Globalization;
using Coc.Core.Complaints;
using Coc.Core.Ingest;
using Coc.Simulator;
using Coc.Tests.Shared;
using Coc.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Coc.Web.Tests.Integration;

/// <summary>
/// The simulator's HTTP output (<c>--url</c>) against the real app on Kestrel: what it posts is what
/// the JSON webhooks take, Coc's answers (401, 400 problem details, 429 Retry-After) steer it.
/// Each test has its own app, so one test's refusals cannot show in another's counters.
/// </summary>
public sealed class SimulatorHttpOutputTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(15);

    private static readonly string[] SampleFeeds = [MqttTopicContract.AtcsFeed, MqttTopicContract.SensorsFeed, MqttTopicContract.EtleFeed];

    private static SimulatorHttpOptions Target(int port, string? key) => new(new Uri($"http://127.0.0.1:{port}"), key);

    [Fact]
    public async Task RunAsync_ValidKey_EveryFeedAcceptedComplaintsAppliedNothingRejected()
    {
        await using var app = new KestrelAppFactory();
        var stats = app.Services.GetRequiredService<FeedStats>();
        var complaints = app.Services.GetRequiredService<ComplaintAggregator>();
        var runner = new SimulatorHttpRunner(new SimulatorOptions { IntervalMs = 100 }, Target(app.HttpPort, CocAppFactory.IngestKey));
        using var stop = new CancellationTokenSource();

        var run = runner.RunAsync(stop.Token);
        // Three rounds at least: each round carries every intersection's four fields.
        var threeRounds = 3 * JambiFeeds.AtcsIntersections.Count * 4;
        await Eventually.TrueAsync(() => stats.For(MqttTopicContract.AtcsFeed).Accepted >= threeRounds || runner.Rejected > 0 || run.IsCompleted,
            "three rounds of ATCS accepted");
        // Fail at once, with Coc's reasons, when the webhook refused what the simulator sent.
        Assert.True(runner.Rejected == 0, string.Join("; ", stats.RecentRejections.Take(3).Select(r => r.Detail)));
        Assert.True(runner.IsConnected, runner.Fatal);
        await Eventually.TrueAsync(() => SampleFeeds.All(f => stats.For(f).Accepted > 0), "sensors and etle samples accepted");
        await Eventually.TrueAsync(() => complaints.EventsApplied > 0, "complaint events applied");
        await stop.CancelAsync();
        await run.WaitAsync(RunTimeout);

        Assert.Null(runner.Fatal);
        Assert.Equal(0, runner.Rejected);
        Assert.Equal(0, runner.Failures);
        Assert.True(runner.Published > 0);
        Assert.All(SampleFeeds.Append(MqttTopicContract.ComplaintsFeed), f => Assert.Equal(0, stats.For(f).RejectedTotal));
        Assert.Equal(0, complaints.Refused);
        // One array per feed per round, not one request per message.
        Assert.True(runner.Requests < runner.Published / 4, $"{runner.Requests} requests for {runner.Published} items");
    }

    [Fact]
    public async Task RunAsync_LoadMode_BatchedRequestsAllAccepted()
    {
        await using var app = new KestrelAppFactory();
        var stats = app.Services.GetRequiredService<FeedStats>();
        var runner = new SimulatorHttpRunner(new SimulatorOptions { MessagesPerSecond = 2000, Devices = 5 }, Target(app.HttpPort, CocAppFactory.IngestKey));
        using var stop = new CancellationTokenSource();

        var run = runner.RunAsync(stop.Token);
        await Eventually.TrueAsync(() => runner.Published >= 2000 || runner.Rejected > 0 || run.IsCompleted, "2000 items accepted");
        await stop.CancelAsync();
        await run.WaitAsync(RunTimeout);

        Assert.Null(runner.Fatal);
        Assert.Equal(0, runner.Rejected);
        Assert.All(SampleFeeds, f => Assert.True(stats.For(f).Accepted > 0, f));
        // Load mode waits for a fifth of a second's messages per send: tens of items per request, not one.
        Assert.True(runner.Requests * 20 <= runner.Published, $"{runner.Requests} requests for {runner.Published} items");
    }

    [Fact]
    public async Task RunAsync_WrongKey_StopsByItselfWith401Error()
    {
        await using var app = new KestrelAppFactory();
        var runner = new SimulatorHttpRunner(new SimulatorOptions { IntervalMs = 100 }, Target(app.HttpPort, "kunci-salah"));

        // No cancellation: a refused key must end the run on its own.
        await runner.RunAsync(CancellationToken.None).WaitAsync(RunTimeout);

        Assert.NotNull(runner.Fatal);
        Assert.Contains("401", runner.Fatal, StringComparison.Ordinal);
        Assert.Contains("--api-key", runner.Fatal, StringComparison.Ordinal);
        Assert.Equal(0, runner.Published);
        Assert.Equal(1, runner.Requests);
        Assert.False(runner.IsConnected);
        Assert.All(SampleFeeds, f => Assert.Equal(0, app.Services.GetRequiredService<FeedStats>().For(f).Accepted));
    }

    [Fact]
    public async Task ProgramRunAsync_WrongKey_Exits1NamingTheKey()
    {
        await using var app = new KestrelAppFactory();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var url = $"http://127.0.0.1:{app.HttpPort.ToString(CultureInfo.InvariantCulture)}";

        var exitCode = await SimulatorProgram.RunAsync(["--url", url, "--api-key", "kunci-salah", "--interval-ms", "100"], output, error, CancellationToken.None)
            .WaitAsync(RunTimeout);

        Assert.Equal(1, exitCode);
        Assert.Contains("refused the key given with --api-key (401", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_TimestampsCocRefuses_EveryItemCountedRejectedNoneSent()
    {
        await using var app = new KestrelAppFactory();
        // A simulated clock in 1999: Coc refuses timestamps before 2000, so every item of the round comes back as a problem.
        var clock = new FakeTimeProvider(new DateTimeOffset(1999, 6, 1, 3, 0, 0, TimeSpan.Zero));
        var expected = HttpFeedBatches.Build(new JambiFeedModel(new FakeTimeProvider(clock.GetUtcNow()), 2026).Tick());
        var runner = new SimulatorHttpRunner(new SimulatorOptions(), Target(app.HttpPort, CocAppFactory.IngestKey), clock);
        using var stop = new CancellationTokenSource();

        // The fake clock never ticks the round timer: exactly the first round is sent.
        var run = runner.RunAsync(stop.Token);
        await Eventually.TrueAsync(() => runner.Requests >= expected.Count || run.IsCompleted, "the first round posted");
        await stop.CancelAsync();
        await run.WaitAsync(RunTimeout);

        Assert.Null(runner.Fatal);
        Assert.Equal(expected.Count, runner.Requests);
        Assert.Equal(expected.Sum(b => b.Items), runner.Rejected);
        Assert.Equal(0, runner.Published);
        var stats = app.Services.GetRequiredService<FeedStats>();
        Assert.All(SampleFeeds, f => Assert.True(stats.For(f).RejectedByReason.ContainsKey(RejectReason.TimestampOutOfRange), f));
    }

    [Fact]
    public async Task RunAsync_CocRateLimits_HonoursRetryAfterAndDeliversEverything()
    {
        await using var app = new RateLimitedAppFactory();
        var stats = app.Services.GetRequiredService<FeedStats>();
        var runner = new SimulatorHttpRunner(new SimulatorOptions { IntervalMs = 60_000 }, Target(app.HttpPort, CocAppFactory.IngestKey));
        using var stop = new CancellationTokenSource();

        // One round is four requests (one per feed); at 1 request/s (burst 2) the third must wait.
        var run = runner.RunAsync(stop.Token);
        await Eventually.TrueAsync(() => runner.Retries > 0 && SampleFeeds.All(f => stats.For(f).Accepted > 0) || run.IsCompleted,
            "a 429 and every feed delivered anyway");
        await stop.CancelAsync();
        await run.WaitAsync(RunTimeout);

        Assert.Null(runner.Fatal);
        Assert.True(runner.Retries > 0);
        Assert.Equal(0, runner.Rejected);
        Assert.Equal(0, runner.Failures);
        Assert.Equal(0, runner.ConnectFailures);
    }

    /// <summary>The Kestrel app with a tight per-key request rate, so Coc answers 429 with Retry-After.</summary>
    private sealed class RateLimitedAppFactory : KestrelAppFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
            [new("Coc:IngestKeys:RequestsPerSecond", "1")];
    }
}
