using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.Server;

namespace Coc.Ingest.Mqtt;

/// <summary>
/// The in-process MQTT broker, so one machine needs no other server. Coc takes messages straight
/// from the broker's publish pipeline: the publisher's PUBACK waits until the sample is queued, so
/// a flood slows the sender down instead of overflowing a subscriber queue inside the broker
/// (which drops messages silently once full).
/// </summary>
public sealed class EmbeddedBroker(IOptions<MqttOptions> options, MqttMessageIngest ingest, ILogger<EmbeddedBroker> logger)
    : IHostedService, IHealthCheck, IAsyncDisposable
{
    private MqttServer? _server;

    public bool IsRunning => _server?.IsStarted == true;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.EmbeddedBroker)
        {
            return;
        }
        var serverOptions = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Parse(o.BindAddress))
            .WithDefaultEndpointPort(o.Port)
            .Build();
        _server = new MqttServerFactory().CreateMqttServer(serverOptions);
        _server.ValidatingConnectionAsync += ValidateConnectionAsync;
        _server.InterceptingPublishAsync += IngestPublishAsync;
        await _server.StartAsync();
        logger.LogInformation("Embedded MQTT broker listening on mqtt://{Address}:{Port}", o.BindAddress, o.Port);
    }

    private Task IngestPublishAsync(InterceptingPublishEventArgs e)
    {
        var message = e.ApplicationMessage;
        return ingest.IngestIfWantedAsync(message.Topic, message.Payload, e.CancellationToken);
    }

    /// <summary>
    /// The broker's own account for in-process clients (the built-in simulator): random per run,
    /// so anonymous access can stay off without any configuration.
    /// </summary>
    public (string Username, string Password) LocalAccount { get; } =
        ("coc-local-" + Guid.NewGuid().ToString("N")[..8], Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));

    private long _refusedConnections;

    /// <summary>Connections refused for a missing or wrong username/password.</summary>
    public long RefusedConnections => Interlocked.Read(ref _refusedConnections);

    private Task ValidateConnectionAsync(ValidatingConnectionEventArgs e)
    {
        if (!IsAllowed(e.UserName, e.Password))
        {
            Interlocked.Increment(ref _refusedConnections);
            e.ReasonCode = MQTTnet.Protocol.MqttConnectReasonCode.BadUserNameOrPassword;
            logger.LogWarning("MQTT connection refused from {Endpoint} (client id '{ClientId}', user '{User}'): {Why}",
                e.RemoteEndPoint, e.ClientId, e.UserName, string.IsNullOrEmpty(e.UserName) ? "anonymous access is off (Coc:Mqtt:AllowAnonymous)" : "unknown user or wrong password");
            return Task.CompletedTask;
        }
        // MQTT lets a client with a clean session connect without an id and have the server assign
        // one; a recognisable prefix makes such devices easy to spot in logs. MQTTnet 5 honours the
        // assignment for MQTT 5 clients only: an MQTT 3.1.1 client must bring its own id.
        if (string.IsNullOrEmpty(e.ClientId))
        {
            e.AssignedClientIdentifier = "coc-auto-" + Guid.NewGuid().ToString("N")[..12];
        }
        return Task.CompletedTask;
    }

    private bool IsAllowed(string? username, string? password)
    {
        if (string.IsNullOrEmpty(username))
        {
            return options.Value.AllowAnonymous;
        }
        if (username == LocalAccount.Username)
        {
            return System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(password ?? ""), System.Text.Encoding.UTF8.GetBytes(LocalAccount.Password));
        }
        var user = options.Value.Users.FirstOrDefault(u => u.Username == username);
        return user is not null && Coc.Core.Security.SecretHash.Verify(password, user.PasswordHash);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is null)
        {
            return;
        }
        try
        {
            await _server.StopAsync();
        }
        catch (InvalidOperationException ex)
        {
            // MQTTnet 5 can race its own listener clean-up against a client connection closing at the
            // same moment ("collection was modified"). The server is going down either way; Dispose
            // closes the sockets, and a failed stop must not fail the host's shutdown.
            logger.LogWarning(ex, "Embedded MQTT broker did not stop cleanly; disposing it");
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(!options.Value.EmbeddedBroker ? HealthCheckResult.Healthy("embedded broker disabled")
            : IsRunning ? HealthCheckResult.Healthy($"listening on {options.Value.BindAddress}:{options.Value.Port}")
            : HealthCheckResult.Unhealthy("embedded broker is not running"));

    public ValueTask DisposeAsync()
    {
        try
        {
            _server?.Dispose();
        }
        catch (InvalidOperationException ex)
        {
            // The same clean-up race as in StopAsync.
            logger.LogWarning(ex, "Embedded MQTT broker did not dispose cleanly");
        }
        return ValueTask.CompletedTask;
    }
}
