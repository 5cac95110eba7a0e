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
    private readonly List<ChannelSubscription> _subscriptions = [];
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

    /// <summary>Raised (on a Redis thread) when a link to Redis comes back, so users can catch up on what they missed; may come twice per outage.</summary>
    public event Action? Restored;

    /// <summary>The multiplexer, once its first connection attempt has ended, whether or not it succeeded.</summary>
    public Task<IConnectionMultiplexer> GetAsync() => _connect.Value;

    /// <summary>
    /// Listens to a channel (under the prefix) for the life of the server; <paramref name="onMessage"/>
    /// sees its messages one at a time, in the order Redis delivered them. The subscription is made
    /// while Redis is connected; one that fails is undone and made again when Redis is back.
    /// </summary>
    /// <remarks>
    /// Why not simply subscribe at start: StackExchange.Redis records a subscription before it asks the
    /// server, so a call that fails (Redis down) leaves a message queue registered that nobody reads,
    /// which fills for ever once Redis is back. Subscribing twice would apply each message twice.
    /// </remarks>
    public void Subscribe(string channel, Action<RedisValue> onMessage)
    {
        var subscription = new ChannelSubscription(channel, onMessage);
        lock (_gate)
        {
            _subscriptions.Add(subscription);
        }
        _ = TrySubscribeAsync(subscription);
    }

    private async Task TrySubscribeAsync(ChannelSubscription subscription)
    {
        var multiplexer = await GetAsync();
        if (!multiplexer.IsConnected || !subscription.TryBegin())
        {
            return; // made when Redis is back (Restored), or already made or under way
        }
        var subscriber = multiplexer.GetSubscriber();
        var channel = RedisChannel.Literal(subscription.Channel);
        try
        {
            var messages = await subscriber.SubscribeAsync(channel);
            messages.OnMessage(message => subscription.OnMessage(message.Message));
            subscription.End(made: true);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            _logger.LogWarning("Subscribing to Redis channel {Channel} failed ({Error}); trying again when Redis is back", subscription.Channel, ex.Message);
            try
            {
                // Drops the half-made subscription locally even when the server cannot be told.
                await subscriber.UnsubscribeAsync(channel);
            }
            catch (Exception undo) when (undo is RedisException or TimeoutException)
            {
                _logger.LogDebug(undo, "Undoing the failed subscription to {Channel}", subscription.Channel);
            }
            subscription.End(made: false);
        }
    }

    private void SubscribeMissing()
    {
        ChannelSubscription[] subscriptions;
        lock (_gate)
        {
            subscriptions = [.. _subscriptions];
        }
        foreach (var subscription in subscriptions)
        {
            _ = TrySubscribeAsync(subscription);
        }
    }

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
        var multiplexer = await ConnectionMultiplexer.ConnectAsync(Configuration);
        multiplexer.ConnectionFailed += (_, e) =>
        {
            // Two links (interactive, subscription) report separately: log the subscription one, which live sharing needs.
            if (e.ConnectionType == ConnectionType.Subscription)
            {
                MarkDown(Reason(e.FailureType, e.Exception));
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
            }
            // Either link may come back last, and a subscription needs both: try on each.
            // StackExchange.Redis renews the subscriptions it made; these make the ones that failed.
            SubscribeMissing();
            Restored?.Invoke();
        };
        if (multiplexer.IsConnected)
        {
            MarkUp();
            _logger.LogInformation("Connected to Redis at {Endpoints}", string.Join(", ", Configuration.EndPoints));
        }
        else
        {
            var reason = "could not connect";
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

    private sealed class ChannelSubscription(string channel, Action<RedisValue> onMessage)
    {
        private int _state; // 0 not made, 1 under way, 2 made

        public string Channel { get; } = channel;

        public Action<RedisValue> OnMessage { get; } = onMessage;

        public bool TryBegin() => Interlocked.CompareExchange(ref _state, 1, 0) == 0;

        public void End(bool made) => Volatile.Write(ref _state, made ? 2 : 0);
    }

    // StackExchange.Redis messages carry a whole status dump: the first sentence is what an operator needs.
    private static string Reason(ConnectionFailureType failure, Exception? exception)
    {
        var message = exception?.Message ?? "";
        var cut = message.IndexOfAny(['(', '\n']);
        message = (cut > 0 ? message[..cut] : message).Trim();
        return message.Length == 0 || message == failure.ToString() ? failure.ToString() : $"{failure}: {message[..Math.Min(message.Length, 160)]}";
    }

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
