using Coc.Core.Ingest;
using Coc.Ingest.Pipeline;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;

namespace Coc.Ingest.Mqtt;

/// <summary>
/// Subscribes to an external broker (Mosquitto, EMQX, ...), parses each message and queues its
/// samples. Reconnects by itself with back-off; a bad message is counted and never stops the
/// listener. With the embedded broker it stays idle: the broker hands messages over directly.
/// </summary>
public sealed class MqttIngestClient(IOptions<MqttOptions> options, MqttMessageIngest ingest, EmbeddedBroker broker, TimeProvider time, ILogger<MqttIngestClient> logger)
    : BackgroundService, IHealthCheck
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(500);
    private volatile bool _connected;

    /// <summary>True while MQTT messages reach the ingest queue: the embedded broker runs, or the client is subscribed.</summary>
    public bool IsReceiving => options.Value.EmbeddedBroker ? broker.IsRunning : _connected;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (o.EmbeddedBroker)
        {
            return;
        }
        using var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e => OnMessageAsync(e, stoppingToken);
        var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.DisconnectedAsync += _ =>
        {
            _connected = false;
            lost.TrySetResult();
            return Task.CompletedTask;
        };

        var delay = FirstRetryDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                await ConnectAsync(client, o, stoppingToken);
                delay = FirstRetryDelay;
                await lost.Task.WaitAsync(stoppingToken);
                logger.LogWarning("MQTT connection to {Host}:{Port} lost; reconnecting", o.Host, o.Port);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogWarning("MQTT connect to {Host}:{Port} failed ({Error}); retrying in {Delay} ms", o.Host, o.Port, ex.Message, delay.TotalMilliseconds);
                try
                {
                    await Task.Delay(delay, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, o.MaxReconnectDelayMs));
            }
        }
        if (client.IsConnected)
        {
            await client.DisconnectAsync();
        }
    }

    private async Task ConnectAsync(IMqttClient client, MqttOptions o, CancellationToken cancellationToken)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(o.Host, o.Port)
            .WithClientId(o.ClientId)
            .WithCleanSession()
            .WithTimeout(TimeSpan.FromSeconds(5));
        if (!string.IsNullOrEmpty(o.Username))
        {
            builder = builder.WithCredentials(o.Username, o.Password);
        }
        await client.ConnectAsync(builder.Build(), cancellationToken);
        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (var filter in ingest.SubscriptionFilters)
        {
            subscribe = subscribe.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
        }
        await client.SubscribeAsync(subscribe.Build(), cancellationToken);
        // A disconnect during the subscribe already fired its event: trust the client's own state.
        _connected = client.IsConnected;
        logger.LogInformation("MQTT ingest subscribed to '{Topics}' on {Host}:{Port}", string.Join("', '", ingest.SubscriptionFilters), o.Host, o.Port);
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e, CancellationToken stoppingToken) =>
        // Awaiting a full queue holds the MQTT connection: back-pressure instead of unbounded memory.
        ingest.IngestAsync(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload, stoppingToken);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var data = new Dictionary<string, object> { ["messagesReceived"] = ingest.MessagesReceived };
        var result = o.EmbeddedBroker
            ? (IsReceiving ? HealthCheckResult.Healthy("ingesting directly from the embedded broker", data) : HealthCheckResult.Unhealthy("embedded broker is not running", data: data))
            : (IsReceiving ? HealthCheckResult.Healthy($"subscribed to '{o.Topic}' on {o.Host}:{o.Port}", data) : HealthCheckResult.Unhealthy($"not connected to MQTT broker {o.Host}:{o.Port}", data: data));
        return Task.FromResult(result);
    }
}
