using Coc.Core.Series;
using Coc.Tests.Shared;
using Coc.Web.Tests.Support;
using static Coc.Web.Tests.Cluster.ClusterProbe;

namespace Coc.Web.Tests.Cluster;

/// <summary>Two servers given the same ServerId by mistake: they still share, and /health names the mistake.</summary>
public sealed class DuplicateServerIdTests : IAsyncLifetime
{
    private RedisServer _redis = default!;
    private ClusterAppFactory _first = default!;
    private ClusterAppFactory _second = default!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartNewAsync();
        _first = new ClusterAppFactory(_redis.ConnectionString, "coc-sama");
        _second = new ClusterAppFactory(_redis.ConnectionString, "coc-sama");
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task Write_TwoServersOneServerId_SamplesStillSharedAndHealthNamesTheDuplicate()
    {
        var series = SeriesKey.Create("rainfall", "mm", ("sensor", "duplikat"));
        var round = 0;
        await Eventually.TrueAsync(async () =>
        {
            // Again until the second server listens: its subscription is made in the background at start.
            await WriteAsync(_first, $"rainfall,sensor=duplikat mm={++round}");
            return Live(_second).Get(series) is not null;
        }, "the first server's sample at the second", TimeSpan.FromSeconds(30));

        var (status, description) = await ClusterHealthAsync(_second);
        Assert.Equal("Degraded", status);
        Assert.Contains("another running server also uses Coc:Cluster:ServerId 'coc-sama'", description, StringComparison.Ordinal);
    }
}
