using System.Collections.Concurrent;
using System.Text.Json;
using Coc.Tests.Shared;
using Coc.Web.Cluster;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Coc.Web.Tests.Cluster;

/// <summary>The shared state on a real Redis, without web servers: two "servers" are two state objects with their own connections.</summary>
public sealed class RedisClusterStateTests : IAsyncLifetime
{
    private const string Map = "uji";
    private readonly List<IAsyncDisposable> _owned = [];
    private RedisServer _redis = default!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartNewAsync();

    public async Task DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync();
        }
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task Set_TwoServersWriteOneKeyAtOnce_BothEndOnTheValueRedisKept()
    {
        var (a, seenByA) = await StartServerAsync("coc-a");
        var (b, seenByB) = await StartServerAsync("coc-b");

        // Interleaved writes to one key from both sides: the officer-at-two-tablets case, a hundred times over.
        await Task.WhenAll(
            Task.Run(() => { for (var i = 0; i < 100; i++) a.Set(Map, "wall", $"a{i}"); }),
            Task.Run(() => { for (var i = 0; i < 100; i++) b.Set(Map, "wall", $"b{i}"); }));

        string? kept = null;
        await Eventually.TrueAsync(async () =>
        {
            kept = await KeptValueAsync("wall");
            return kept is "a99" or "b99" && seenByA.GetValueOrDefault("wall") == kept && seenByB.GetValueOrDefault("wall") == kept;
        }, "both servers to settle on the value Redis kept");
        Assert.Equal(0, a.PendingWrites + b.PendingWrites);
    }

    [Fact]
    public async Task Set_WhileRedisIsDown_KeptAndSentWhenItIsBack()
    {
        var (a, _) = await StartServerAsync("coc-a");
        var (_, seenByB) = await StartServerAsync("coc-b");
        a.Set(Map, "wall", "normal");
        await Eventually.TrueAsync(() => seenByB.GetValueOrDefault("wall") == "normal", "B to hear A's first write");

        await _redis.StopAsync();
        await Eventually.TrueAsync(() => !_redisConnections[0].IsConnected, "A to notice Redis is gone");
        a.Set(Map, "wall", "banjir");
        await Eventually.TrueAsync(() => a.PendingWrites == 1, "A to keep its write");
        await _redis.StartAsync();

        // The restarted Redis is empty (no persistence): the kept write is what the cluster learns.
        await Eventually.TrueAsync(() => seenByB.GetValueOrDefault("wall") == "banjir", "B to hear the write A kept", TimeSpan.FromSeconds(30));
        Assert.Equal(0, a.PendingWrites);
        Assert.Equal("banjir", await KeptValueAsync("wall"));
    }

    private readonly List<RedisConnection> _redisConnections = [];

    private async Task<(RedisClusterState State, ConcurrentDictionary<string, string> Seen)> StartServerAsync(string serverId)
    {
        var options = Options.Create(new ClusterOptions { Redis = _redis.ConnectionString, ServerId = serverId });
        var connection = new RedisConnection(options, TimeProvider.System, NullLogger<RedisConnection>.Instance);
        _owned.Add(connection);
        _redisConnections.Add(connection);
        var state = new RedisClusterState(connection, new ClusterIdentity(options), options, TimeProvider.System, NullLogger<RedisClusterState>.Instance);
        _owned.Add(new Stopper(state));
        var seen = new ConcurrentDictionary<string, string>();
        state.Watch(Map, (key, value) => seen[key] = value);
        await state.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => connection.IsConnected, $"{serverId} connected to Redis");
        return (state, seen);
    }

    /// <summary>What the hash holds for a key, read as an operator would with redis-cli.</summary>
    private async Task<string?> KeptValueAsync(string key)
    {
        await using var reader = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        var entry = await reader.GetDatabase().HashGetAsync($"{{coc:state}}:{Map}", key);
        return entry.IsNullOrEmpty ? null : JsonDocument.Parse((string)entry!).RootElement.GetProperty("value").GetString();
    }

    private sealed class Stopper(RedisClusterState state) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await state.StopAsync(CancellationToken.None);
            state.Dispose();
        }
    }
}
