using Coc.Core.Series;
using Coc.Tests.Shared;
using Coc.Web.Tests.Support;
using static Coc.Web.Tests.Cluster.ClusterProbe;

namespace Coc.Web.Tests.Cluster;

/// <summary>
/// Redis away, at start and later: each server keeps serving its own ingest, wall and hub clients,
/// says so on /health, and shares again once Redis is back. Its own Redis and servers: it stops Redis.
/// </summary>
public sealed class RedisOutageTests : IAsyncLifetime
{
    private readonly RedisServer _redis = new();
    private ClusterAppFactory _a = default!;
    private ClusterAppFactory _b = default!;

    public Task InitializeAsync()
    {
        // Redis is not started: the servers must come up without it.
        _a = new ClusterAppFactory(_redis.ConnectionString, "coc-a");
        _b = new ClusterAppFactory(_redis.ConnectionString, "coc-b");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task Redis_DownAtStartThenUpThenDownThenUp_ServersServeTheirOwnIngestAloneAndShareWhileItIsUp()
    {
        // Down at start: both serve alone and say why.
        await ExpectAloneAsync("at start");

        await _redis.StartAsync();
        await WaitUntilJoinedAsync(_a, _b);
        await ExpectHealthyAsync();

        await _redis.StopAsync();
        await ExpectAloneAsync("after Redis stopped");

        await _redis.StartAsync();
        await WaitUntilJoinedAsync(_a, _b);
        await ExpectHealthyAsync();
        var series = SeriesKey.Create("rainfall", "mm", ("sensor", "after-outage"));
        await WriteAsync(_a, "rainfall,sensor=after-outage mm=7.5");
        await Eventually.TrueAsync(() => Live(_b).Get(series)?.Latest?.Value == 7.5, "A's sample at B after Redis came back");
    }

    /// <summary>Each server takes a sample of its own into its own wall and hub clients, and /health says the cluster is degraded.</summary>
    private async Task ExpectAloneAsync(string when)
    {
        foreach (var server in new[] { _a, _b })
        {
            await Eventually.TrueAsync(async () => (await ClusterHealthAsync(server)).Status == "Degraded", $"{server.ServerId} cluster health Degraded {when}");
            var (_, description) = await ClusterHealthAsync(server);
            Assert.Contains("Redis unreachable", description, StringComparison.Ordinal);
            Assert.Contains($"'{server.ServerId}' serves its own ingest and wall alone", description, StringComparison.Ordinal);

            var series = SeriesKey.Create("rainfall", "mm", ("sensor", $"{server.ServerId}-{when.Replace(' ', '-')}"));
            await using var follower = await HubFollower.ConnectAsync(server, series);
            await WriteAsync(server, $"rainfall,sensor={server.ServerId}-{when.Replace(' ', '-')} mm=1.25");
            await Eventually.TrueAsync(() => Live(server).Get(series)?.Latest?.Value == 1.25, $"{server.ServerId}'s own sample on its wall {when}");
            await Eventually.TrueAsync(() => follower.Values.SequenceEqual([1.25]), $"{server.ServerId}'s own hub client to get its sample {when}");
        }
    }

    private async Task ExpectHealthyAsync()
    {
        foreach (var server in new[] { _a, _b })
        {
            await Eventually.TrueAsync(async () => (await ClusterHealthAsync(server)).Status == "Healthy", $"{server.ServerId} cluster health Healthy with Redis up");
        }
    }
}
