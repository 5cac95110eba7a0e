using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Coc.Web.Cluster;

/// <summary>
/// <see cref="IClusterState"/> in Redis: each map is a hash, and every write is one Lua script that
/// numbers it (a cluster-wide sequence), stores it and publishes it, so every server sees writes in
/// the same order and keeps the highest-numbered value: all servers end where the hash ends, even when
/// two officers switch at once. A write made while Redis is unreachable is kept (newest per key) and
/// sent when Redis is back: the officer's last choice is not lost to an outage.
/// Every few seconds it also re-reads the maps it watches and retries kept writes: a message missed
/// while a link was coming back (they reconnect separately) is caught up within <see cref="ReconcileEvery"/>.
/// </summary>
public sealed class RedisClusterState : IClusterState, IHostedService, IDisposable
{
    public const string Channel = "state";

    /// <summary>How often the watched maps are re-read; one small hash read per map.</summary>
    public static readonly TimeSpan ReconcileEvery = TimeSpan.FromSeconds(5);

    // KEYS[1] the map's hash, KEYS[2] the sequence; ARGV: key, value, server, channel (with prefix), map.
    private const string WriteScript = """
        local seq = redis.call('INCR', KEYS[2])
        local entry = cjson.encode({seq = seq, value = ARGV[2], server = ARGV[3]})
        redis.call('HSET', KEYS[1], ARGV[1], entry)
        redis.call('PUBLISH', ARGV[4], cjson.encode({map = ARGV[5], key = ARGV[1], seq = seq, value = ARGV[2], server = ARGV[3]}))
        return seq
        """;

    private readonly RedisConnection _redis;
    private readonly string _serverId;
    private readonly string _prefix;
    private readonly ILogger<RedisClusterState> _logger;
    private readonly object _gate = new();
    private readonly Dictionary<string, Action<string, string>[]> _watchers = new(StringComparer.Ordinal);
    // Highest sequence applied per map and key: older news (a late reply, a crossed message) is ignored.
    private readonly ConcurrentDictionary<(string Map, string Key), long> _applied = new();
    private readonly ConcurrentDictionary<(string Map, string Key), string> _pending = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly TimeProvider _time;
    private IConnectionMultiplexer? _multiplexer;

    public RedisClusterState(RedisConnection redis, ClusterIdentity identity, IOptions<ClusterOptions> options, TimeProvider time, ILogger<RedisClusterState> logger)
    {
        _redis = redis;
        _time = time;
        _serverId = identity.ServerId;
        _prefix = options.Value.ChannelPrefix;
        _logger = logger;
    }

    /// <summary>Writes waiting for Redis to come back.</summary>
    public int PendingWrites => _pending.Count;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Not awaited: an unreachable Redis must not hold the server's start.
        _ = RunAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        return Task.CompletedTask;
    }

    public void Dispose() => _stopping.Dispose();

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        await ConnectAsync();
        using var timer = new PeriodicTimer(ReconcileEvery, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (_multiplexer is { IsConnected: true })
                {
                    await SendKeptAsync();
                    await CatchUpAllAsync();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public void Set(string map, string key, string value)
    {
        // The synchronous part issues the command, so one server's writes reach Redis in call order.
        _ = WriteAsync(map, key, value);
    }

    public IDisposable Watch(string map, Action<string, string> onChange)
    {
        lock (_gate)
        {
            _watchers[map] = _watchers.TryGetValue(map, out var list) ? [.. list, onChange] : [onChange];
        }
        if (_multiplexer is { IsConnected: true })
        {
            _ = CatchUpAsync(map);
        }
        return new Subscription(() =>
        {
            lock (_gate)
            {
                if (_watchers.TryGetValue(map, out var list))
                {
                    _watchers[map] = [.. list.Where(w => w != onChange)];
                }
            }
        });
    }

    private async Task ConnectAsync()
    {
        try
        {
            _redis.Subscribe(Channel, OnMessage);
            var multiplexer = await _redis.GetAsync();
            _redis.Restored += () => _ = OnRestoredAsync();
            _multiplexer = multiplexer;
            if (multiplexer.IsConnected)
            {
                await CatchUpAllAsync();
            }
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Connecting the cluster state to Redis failed");
        }
    }

    private async Task OnRestoredAsync()
    {
        // A Redis restarted without persistence counts from 1 again: forget the numbers seen before it.
        _applied.Clear();
        await SendKeptAsync();
        await CatchUpAllAsync();
    }

    private async Task SendKeptAsync()
    {
        foreach (var ((map, key), value) in _pending.ToArray())
        {
            // Only if nothing newer was queued meanwhile; a failed send puts it back.
            if (_pending.TryRemove(new KeyValuePair<(string, string), string>((map, key), value)))
            {
                _logger.LogInformation("Sending the cluster state {Map}/{Key} = {Value} kept while Redis was away", map, key, value);
                await WriteAsync(map, key, value);
            }
        }
    }

    private async Task WriteAsync(string map, string key, string value)
    {
        var multiplexer = _multiplexer;
        if (multiplexer is not { IsConnected: true })
        {
            Keep(map, key, value, "Redis is unreachable");
            return;
        }
        try
        {
            await multiplexer.GetDatabase().ScriptEvaluateAsync(WriteScript,
                [HashKey(map), SequenceKey()],
                [key, value, _serverId, _prefix + ":" + Channel, map]);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Keep(map, key, value, ex.Message);
        }
    }

    private void Keep(string map, string key, string value, string reason)
    {
        _pending[(map, key)] = value;
        _logger.LogWarning("Cluster state {Map}/{Key} = {Value} holds on this server only for now ({Reason}); it is sent when Redis is back",
            map, key, value, reason);
    }

    private async Task CatchUpAllAsync()
    {
        string[] maps;
        lock (_gate)
        {
            maps = [.. _watchers.Keys];
        }
        foreach (var map in maps)
        {
            await CatchUpAsync(map);
        }
    }

    private async Task CatchUpAsync(string map)
    {
        try
        {
            var entries = await _multiplexer!.GetDatabase().HashGetAllAsync(HashKey(map));
            foreach (var entry in entries)
            {
                if (Parse<StoredEntry>(entry.Value) is { } stored)
                {
                    Apply(map, entry.Name!, stored.Seq, stored.Value);
                }
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            _logger.LogWarning("Reading the cluster state {Map} from Redis failed ({Error}); read again when Redis is back", map, ex.Message);
        }
    }

    private void OnMessage(RedisValue message)
    {
        if (Parse<PublishedEntry>(message) is { } change)
        {
            Apply(change.Map, change.Key, change.Seq, change.Value);
        }
    }

    private void Apply(string map, string key, long seq, string value)
    {
        var newer = false;
        _applied.AddOrUpdate((map, key), _ => { newer = true; return seq; }, (_, known) => { newer = seq > known; return Math.Max(seq, known); });
        if (!newer)
        {
            return;
        }
        Action<string, string>[]? watchers;
        lock (_gate)
        {
            _watchers.TryGetValue(map, out watchers);
        }
        foreach (var watcher in watchers ?? [])
        {
            try
            {
                watcher(key, value);
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "A cluster state watcher of {Map} failed for {Key}", map, key);
            }
        }
    }

    private T? Parse<T>(RedisValue value) where T : class
    {
        try
        {
            return value.IsNullOrEmpty ? null : JsonSerializer.Deserialize<T>((string)value!);
        }
        catch (JsonException ex)
        {
            _logger.LogWarning("Unreadable cluster state entry skipped: {Error}", ex.Message);
            return null;
        }
    }

    // The hash tag keeps a map and the sequence in one slot, so the script also runs on a Redis Cluster.
    private RedisKey HashKey(string map) => $"{{{_prefix}:state}}:{map}";

    private RedisKey SequenceKey() => $"{{{_prefix}:state}}:seq";

    private sealed record StoredEntry(
        [property: JsonPropertyName("seq")] long Seq,
        [property: JsonPropertyName("value")] string Value,
        [property: JsonPropertyName("server")] string? Server);

    private sealed record PublishedEntry(
        [property: JsonPropertyName("map")] string Map,
        [property: JsonPropertyName("key")] string Key,
        [property: JsonPropertyName("seq")] long Seq,
        [property: JsonPropertyName("value")] string Value,
        [property: JsonPropertyName("server")] string? Server);

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
