using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;

namespace Coc.Web.Cluster;

/// <summary>
/// The /hubs/live backplane: a message for every client (<c>Clients.All</c>, the <c>scene</c> message)
/// goes to this server's clients at once and, through Redis, to every other server's clients, once each.
/// Everything else (connections, groups, so the live updates) stays in-process, as on a single server:
/// groups stay on their server on purpose, see <see cref="Coc.Web.Hub.HubBroadcaster"/>.
/// </summary>
/// <remarks>
/// Why not Microsoft.AspNetCore.SignalR.StackExchangeRedis: measured here, with Redis down its
/// manager refuses new /hubs/live connections (it subscribes a Redis channel per connection before
/// accepting it: WebSocket closed with InternalServerError), and a subscription it makes during an
/// outage leaves a message queue that nobody reads once Redis is back. Hub clients must keep working
/// from their own server's live state while Redis is away, and "all" is the only message that has to
/// cross servers.
/// </remarks>
public sealed class ClusterHubLifetimeManager<THub> : DefaultHubLifetimeManager<THub> where THub : Microsoft.AspNetCore.SignalR.Hub
{
    private readonly RedisConnection _redis;
    private readonly Guid _runId;
    private readonly string _channel = "hub:" + typeof(THub).Name + ":all";
    private readonly ILogger _logger;

    public ClusterHubLifetimeManager(RedisConnection redis, ClusterIdentity identity, ILogger<DefaultHubLifetimeManager<THub>> logger)
        : base(logger)
    {
        _redis = redis;
        _runId = identity.Origin.RunId;
        _logger = logger;
        redis.Subscribe(_channel, OnMessage);
    }

    public override async Task SendAllAsync(string methodName, object?[] args, CancellationToken cancellationToken = default)
    {
        await base.SendAllAsync(methodName, args, cancellationToken);
        await PublishAsync(new AllMessage(_runId, methodName, Serialize(args), null));
    }

    public override async Task SendAllExceptAsync(string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default)
    {
        await base.SendAllExceptAsync(methodName, args, excludedConnectionIds, cancellationToken);
        await PublishAsync(new AllMessage(_runId, methodName, Serialize(args), [.. excludedConnectionIds]));
    }

    private async Task PublishAsync(AllMessage message)
    {
        var multiplexer = await _redis.GetAsync();
        if (!multiplexer.IsConnected)
        {
            _logger.LogWarning("Hub message {Method} reached this server's clients only: Redis is unreachable", message.Method);
            return;
        }
        try
        {
            await multiplexer.GetSubscriber().PublishAsync(RedisChannel.Literal(_channel), JsonSerializer.SerializeToUtf8Bytes(message));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            _logger.LogWarning("Hub message {Method} reached this server's clients only: {Error}", message.Method, ex.Message);
        }
    }

    private void OnMessage(RedisValue payload)
    {
        try
        {
            var message = JsonSerializer.Deserialize<AllMessage>((byte[])payload!);
            if (message is null || message.Run == _runId)
            {
                return; // ours: this server's clients already have it
            }
            // The JSON hub protocol writes a JsonElement as it is: clients get what the sender's server would have sent.
            object?[] args = [.. message.Args.Cast<object?>()];
            var send = message.Except is { Length: > 0 } except
                ? base.SendAllExceptAsync(message.Method, args, except)
                : base.SendAllAsync(message.Method, args);
            _ = send.ContinueWith(t => _logger.LogWarning(t.Exception, "Hub message {Method} from another server failed", message.Method),
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
        catch (JsonException ex)
        {
            _logger.LogWarning("Unreadable hub message from Redis skipped: {Error}", ex.Message);
        }
    }

    // The hub protocol's own naming (camelCase) so a forwarded message reads like a local one.
    private static readonly JsonSerializerOptions ArgsFormat = new(JsonSerializerDefaults.Web);

    private static JsonElement[] Serialize(object?[] args) =>
        [.. args.Select(a => a is null ? JsonSerializer.SerializeToElement<object?>(null) : JsonSerializer.SerializeToElement(a, a.GetType(), ArgsFormat))];

    private sealed record AllMessage(
        [property: JsonPropertyName("run")] Guid Run,
        [property: JsonPropertyName("method")] string Method,
        [property: JsonPropertyName("args")] JsonElement[] Args,
        [property: JsonPropertyName("except")] string[]? Except);
}
