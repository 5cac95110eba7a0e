using Coc.Ingest.Pull;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using static Coc.Ingest.Tests.Pull.PollerHarness;

namespace Coc.Ingest.Tests.Pull;

/// <summary>The schedule, on a fake clock: the interval while polls succeed, doubling waits while they fail, capped, reset by a success.</summary>
public sealed class PullBackoffTests : IAsyncLifetime
{
    private PullTestServer _server = null!;

    public async Task InitializeAsync() => _server = await PullTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Poll_Succeeding_NextPollOneIntervalAfterTheLast()
    {
        _server.RespondJson(PullSources.TwoStations);
        await using var harness = await StartAsync(PullSources.WaterLevel(_server.BaseUrl + "/d", intervalSeconds: 30));

        Assert.Equal(T0.AddSeconds(30), (await harness.PollsAsync("sungai", 1)).NextPollAt);
        harness.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(T0.AddSeconds(60), (await harness.PollsAsync("sungai", 2)).NextPollAt);
        harness.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(T0.AddSeconds(90), (await harness.PollsAsync("sungai", 3)).NextPollAt);

        Assert.Equal(3, _server.Requests);
        Assert.Equal(6, harness.Stats.For("sungai").Accepted);
    }

    [Fact]
    public async Task Poll_Failing_WaitDoublesUpToTheCapAndASuccessResetsIt()
    {
        _server.RespondStatus(StatusCodes.Status502BadGateway);
        await using var harness = await StartAsync(PullSources.WaterLevel(_server.BaseUrl + "/d", intervalSeconds: 10, maxBackoffSeconds: 50));
        var now = T0;

        // Failures 1, 2, 3, 4: waits 20, 40, then 80 capped to 50, and 50 again.
        foreach (var (polls, wait) in new[] { (1, 20), (2, 40), (3, 50), (4, 50) })
        {
            var status = await harness.PollsAsync("sungai", polls);
            Assert.Equal(polls, status.ConsecutiveFailures);
            Assert.Equal(now.AddSeconds(wait), status.NextPollAt);
            if (polls == 4)
            {
                // The source recovers before the clock reaches the 5th poll: advancing first let that poll fail too.
                _server.RespondJson(PullSources.TwoStations);
            }
            harness.Time.Advance(TimeSpan.FromSeconds(wait));
            now = now.AddSeconds(wait);
        }

        var recovered = await harness.PollsAsync("sungai", 5);
        Assert.Equal(0, recovered.ConsecutiveFailures);
        Assert.Equal(now, recovered.LastSuccessAt);
        Assert.Equal(now.AddSeconds(10), recovered.NextPollAt);
        Assert.Contains("HTTP 502", recovered.LastError, StringComparison.Ordinal);

        // The next failure starts the back-off from the beginning again.
        _server.RespondStatus(StatusCodes.Status502BadGateway);
        harness.Time.Advance(TimeSpan.FromSeconds(10));
        var again = await harness.PollsAsync("sungai", 6);
        Assert.Equal(1, again.ConsecutiveFailures);
        Assert.Equal(now.AddSeconds(10 + 20), again.NextPollAt);
        Assert.Equal(6, _server.Requests);
        Assert.Equal(5, harness.Stats.For("sungai").RejectedTotal);
    }

    [Fact]
    public async Task Health_ThreeFailuresInARow_DegradedNamingTheSourceUntilItRecovers()
    {
        _server.RespondStatus(StatusCodes.Status500InternalServerError);
        await using var harness = await StartAsync(PullSources.WaterLevel(_server.BaseUrl + "/d", intervalSeconds: 1, maxBackoffSeconds: 4));

        await harness.PollsAsync("sungai", 1);
        harness.Time.Advance(TimeSpan.FromSeconds(2));
        await harness.PollsAsync("sungai", 2);
        Assert.Equal(HealthStatus.Healthy, (await harness.Poller.CheckHealthAsync(new HealthCheckContext())).Status);
        harness.Time.Advance(TimeSpan.FromSeconds(4));
        await harness.PollsAsync("sungai", 3);

        var degraded = await harness.Poller.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Degraded, degraded.Status);
        Assert.Contains("sungai (3 polls in a row", degraded.Description, StringComparison.Ordinal);
        Assert.Contains("HTTP 500", degraded.Description, StringComparison.Ordinal);
        Assert.Equal(3, degraded.Data["sungai"]);

        _server.RespondJson(PullSources.TwoStations);
        harness.Time.Advance(TimeSpan.FromSeconds(4));
        await harness.PollsAsync("sungai", 4);
        Assert.Equal(HealthStatus.Healthy, (await harness.Poller.CheckHealthAsync(new HealthCheckContext())).Status);
    }

    [Theory]
    [InlineData(0, 60)]
    [InlineData(1, 120)]
    [InlineData(3, 480)]
    [InlineData(4, 600)]
    [InlineData(1000, 600)]
    public void DelayAfter_Failures_IntervalTimesTwoToTheNCappedAtMaxBackoff(int failures, int expectedSeconds)
    {
        var source = new PullSource { IntervalSeconds = 60, MaxBackoffSeconds = 600 };

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), PullPoller.DelayAfter(source, failures));
    }

    [Theory]
    [InlineData(0, 900)]
    [InlineData(1, 900)]
    [InlineData(5, 900)]
    public void DelayAfter_CapBelowTheInterval_NeverShorterThanTheInterval(int failures, int expectedSeconds)
    {
        var source = new PullSource { IntervalSeconds = 900, MaxBackoffSeconds = 600 };

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), PullPoller.DelayAfter(source, failures));
    }
}
