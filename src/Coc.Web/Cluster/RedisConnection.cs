using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Coc.Web.Cluster;

/// <summary>
/// This server's one connection to Redis, shared by the live fan-out, the cluster state and the
/// /hubs/live backplane. It never stops the server: a Redis that is down at start or later is
/// logged, shown on /health, and reconnected to by StackExchange.Redis on its own.
/// </summary>
public sealed class RedisConnection : IAsyncDisposable
{
    private readonly ILogger<RedisConnection> _logger;
    private readonly TimeProvider _time;
    private readonly Lazy<Task<IConnectionMultiplexer>> _connect;
    private readonly object _gate = new();
    private string? _lastError;
    private DateTimeOffset? _downSince;

    public RedisConnection(IOptions<ClusterOptions> options, TimeProvider time, ILogger<RedisConnection> logger)
    {
        _logger = logger;
        _time = time;
        var o = options.Value;
        Configuration = BuildConfiguration(o);
        _connect = new Lazy<Task<IConnectionMultiplexer>>(ConnectAsync);
    }

    public ConfigurationOptions Configuration { get; }

    /// <summary>Connected now (the interactive and the subscription link both up).</summary>
    public bool IsConnected => _connect.IsValueCreated && _connect.Value.IsCompletedSuccessfully && _connect.Value.Result.IsConnected;

    /// <summary>Why Redis is not reachable, and since when; null while it is.</summary>
    public (string Error, DateTimeOffset Since)? Outage
    {
        get
        {
            lock (_gate)
            {
                return _downSince is { } since ? (_lastError ?? "not connected yet", since) : null;
            }
        }
    }

    /// <summary>Raised (on a Redis thread) when the subscription link comes back, so users can catch up on what they missed.</summary>
    public event Action? Restored;

    /// <summary>The multiplexer, once its first connection attempt has ended, whether or not it succeeded.</summary>
    public Task<IConnectionMultiplexer> GetAsync() => _connect.Value;

    private static ConfigurationOptions BuildConfiguration(ClusterOptions o)
    {
        var config = ConfigurationOptions.Parse(o.Redis!);
        // Keep trying in the background instead of throwing at start: this server must come up and
        // serve its own wall while Redis is away.
        config.AbortOnConnectFail = false;
        // While disconnected, fail commands at once instead of holding them for seconds: a live batch
        // that arrives late is worth nothing, and the cluster state retries its writes itself.
        config.BacklogPolicy = BacklogPolicy.FailFast;
        // Every channel (ours and the hub backplane's) lives under the prefix.
        config.ChannelPrefix = RedisChannel.Literal(o.ChannelPrefix + ":");
        config.ClientName ??= "coc-" + o.ServerId;
        return config;
    }

    private async Task<IConnectionMultiplexer> ConnectAsync()
    {
        MarkDown("not connected yet");
        var writer = new StringWriter();
        var multiplexer = await ConnectionMultiplexer.ConnectAsync(Configuration, writer);
        multiplexer.ConnectionFailed += (_, e) =>
        {
            // Two links (interactive, subscription) report separately: log the subscription one, which live sharing needs.
            if (e.ConnectionType == ConnectionType.Subscription)
            {
                MarkDown($"{e.FailureType}: {e.Exception?.Message}");
                _logger.LogWarning("Redis at {Endpoint} lost ({Failure}): this server keeps serving its own ingest and wall; samples and scene switches are not shared until it is back",
                    e.EndPoint, e.FailureType);
            }
        };
        multiplexer.ConnectionRestored += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Subscription)
            {
                MarkUp();
                _logger.LogInformation("Redis at {Endpoint} is back: sharing live samples and scene switches again", e.EndPoint);
                Restored?.Invoke();
            }
        };
        if (multiplexer.IsConnected)
        {
            MarkUp();
            _logger.LogInformation("Connected to Redis at {Endpoints}", string.Join(", ", Configuration.EndPoints));
        }
        else
        {
            var reason = LastLine(writer.ToString()) ?? "no answer";
            MarkDown(reason);
            _logger.LogWarning("Redis at {Endpoints} is unreachable ({Reason}): this server serves its own ingest and wall alone and keeps trying",
                string.Join(", ", Configuration.EndPoints), reason);
        }
        return multiplexer;
    }

    private void MarkDown(string error)
    {
        lock (_gate)
        {
            _lastError = error;
            _downSince ??= _time.GetUtcNow();
        }
    }

    private void MarkUp()
    {
        lock (_gate)
        {
            _lastError = null;
            _downSince = null;
        }
    }

    private static string? LastLine(string log) =>
        log.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();

    public async ValueTask DisposeAsync()
    {
        if (_connect.IsValueCreated)
        {
            try
            {
                var multiplexer = await _connect.Value;
                await multiplexer.CloseAsync(allowCommandsToComplete: false);
                multiplexer.Dispose();
            }
            catch (Exception ex) when (ex is RedisException or ObjectDisposedException)
            {
                _logger.LogDebug(ex, "Closing the Redis connection");
            }
        }
    }
}
