using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.Server;

namespace Coc.Ingest.Mqtt;

/// <summary>The in-process MQTT broker, so one machine needs no other server.</summary>
public sealed class EmbeddedBroker(IOptions<MqttOptions> options, ILogger<EmbeddedBroker> logger) : IHostedService, IHealthCheck, IAsyncDisposable
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
        await _server.StartAsync();
        logger.LogInformation("Embedded MQTT broker listening on mqtt://{Address}:{Port}", o.BindAddress, o.Port);
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
