using Coc.Tests.Shared;
using Coc.Web.Tests.Support;

namespace Coc.Web.Tests.Cluster;

/// <summary>A real redis-server and two real Coc servers, A and B, sharing it: what a city runs behind one wall.</summary>
public sealed class TwoServerCluster : IAsyncLifetime
{
    public RedisServer Redis { get; private set; } = default!;

    public ClusterAppFactory A { get; private set; } = default!;

    public ClusterAppFactory B { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartNewAsync();
        A = new ClusterAppFactory(Redis.ConnectionString, "coc-a");
        B = new ClusterAppFactory(Redis.ConnectionString, "coc-b");
        await ClusterProbe.WaitUntilJoinedAsync(A, B);
    }

    public async Task DisposeAsync()
    {
        await B.DisposeAsync();
        await A.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
