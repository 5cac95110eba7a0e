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
/// Subscribes to the broker (embedded or external), parses each message and queues its samples.
/// Reconnects by itself with back-off; a bad message is counted and never stops the listener.
/// </summary>
public sealed class MqttIngestClient(IOptions<MqttOptions> options, IngestQueue queue, TimeProvider time, ILogger<MqttIngestClient> logger)
    : BackgroundService, IHealthCheck
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(500);
    private volatile bool _connected;
    private long _messages;

    public bool IsConnected => _connected;

    public long MessagesReceived => Interlocked.Read(ref _messages);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
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
        var subscribe = new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(o.Topic, MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        await client.SubscribeAsync(subscribe, cancellationToken);
        // A disconnect during the subscribe already fired its event: trust the client's own state.
        _connected = client.IsConnected;
        logger.LogInformation("MQTT ingest subscribed to '{Topic}' on {Host}:{Port}", o.Topic, o.Host, o.Port);
    }

    private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e, CancellationToken stoppingToken)
    {
        Interlocked.Increment(ref _messages);
        ParseResult result;
        try
        {
            result = MqttPayloadParser.Parse(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload, time.GetUtcNow());
        }
        catch (Exception ex)
        {
            // The parser reports bad input as rejections; reaching here is our bug, and still must not kill the listener.
            logger.LogError(ex, "Parser failed on topic {Topic}", e.ApplicationMessage.Topic);
            return;
        }
        try
        {
            // Awaiting a full queue holds the MQTT connection: back-pressure instead of unbounded memory.
            await queue.SubmitAsync(result, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_connected
            ? HealthCheckResult.Healthy($"subscribed on {options.Value.Host}:{options.Value.Port}")
            : HealthCheckResult.Unhealthy($"not connected to MQTT broker {options.Value.Host}:{options.Value.Port}"));
}
