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
        _server.ValidatingConnectionAsync += AssignClientIdWhenEmpty;
        _server.InterceptingPublishAsync += IngestPublishAsync;
        await _server.StartAsync();
        logger.LogInformation("Embedded MQTT broker listening on mqtt://{Address}:{Port}", o.BindAddress, o.Port);
    }

    private Task IngestPublishAsync(InterceptingPublishEventArgs e)
    {
        var message = e.ApplicationMessage;
        return ingest.Wants(message.Topic) ? ingest.IngestAsync(message.Topic, message.Payload, e.CancellationToken) : Task.CompletedTask;
    }

    /// <summary>
    /// MQTT lets a client with a clean session connect without an id and have the server assign
    /// one; a recognisable prefix makes such devices easy to spot in logs. MQTTnet 5 honours the
    /// assignment for MQTT 5 clients only: an MQTT 3.1.1 client must bring its own id.
    /// </summary>
    private static Task AssignClientIdWhenEmpty(ValidatingConnectionEventArgs e)
    {
        if (string.IsNullOrEmpty(e.ClientId))
        {
            e.AssignedClientIdentifier = "coc-auto-" + Guid.NewGuid().ToString("N")[..12];
            e.ReasonCode = MQTTnet.Protocol.MqttConnectReasonCode.Success;
        }
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.StopAsync();
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(!options.Value.EmbeddedBroker ? HealthCheckResult.Healthy("embedded broker disabled")
            : IsRunning ? HealthCheckResult.Healthy($"listening on {options.Value.BindAddress}:{options.Value.Port}")
            : HealthCheckResult.Unhealthy("embedded broker is not running"));

    public ValueTask DisposeAsync()
    {
        _server?.Dispose();
        return ValueTask.CompletedTask;
    }
}
