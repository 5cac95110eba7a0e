using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Protocol;

namespace Coc.Simulator;

/// <summary>
/// Plays a <see cref="JambiFeedModel"/> into an MQTT broker: connects (and reconnects with back-off
/// while the broker is not up or goes away), then publishes one round of messages every
/// <see cref="SimulatorOptions.IntervalMs"/>, or a steady stream at
/// <see cref="SimulatorOptions.MessagesPerSecond"/> in load mode. QoS 0: a lost reading is replaced by
/// the next one a second later, which is what real sensors do too.
/// </summary>
public sealed class SimulatorRunner : ISimulatorOutput
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan DisconnectTimeout = TimeSpan.FromSeconds(2);

    // QoS 0 publishes are cheap: in load mode send whatever is due, then let a slice pass.
    private static readonly LoadBatching Batching = new(Min: 1, Max: int.MaxValue, RestAfterBatch: true);

    private readonly SimulatorOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SimMessagePacer _pacer;
    private long _published;
    private long _failures;
    private long _connectFailures;
    private long _connections;
    private volatile bool _isConnected;
    private int _running;

    public SimulatorRunner(SimulatorOptions options, TimeProvider? timeProvider = null, ILogger<SimulatorRunner>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        SimulatorOptionsValidator.ThrowIfInvalid(options);
        _options = options.Clone();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<SimulatorRunner>.Instance;
        _pacer = new SimMessagePacer(_options, _timeProvider, Batching);
    }

    /// <summary><c>host:port</c> of the broker, for logs and status lines.</summary>
    public string Broker => $"{_options.Host}:{_options.Port}";

    public SimulatorOptions Options => _options.Clone();

    /// <summary>Messages handed to the broker connection.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Publish attempts that failed (the broker went away mid-round, or refused a message).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Connection attempts that failed; counted apart from <see cref="Failures"/>, since a broker that is not up yet is normal at start.</summary>
    public long ConnectFailures => Interlocked.Read(ref _connectFailures);

    /// <summary>Successful connections, including reconnections.</summary>
    public long Connections => Interlocked.Read(ref _connections);

    public bool IsConnected => _isConnected;

    string ISimulatorOutput.Target => $"MQTT broker {Broker}";

    string ISimulatorOutput.ProblemCounts => $"failed {Failures}";

    // The MQTT runner never gives up by itself: a broker that is down is retried until stopped.
    string? ISimulatorOutput.Fatal => null;

    string ISimulatorOutput.Summary =>
        $"sent {Published}, failed {Failures}, connections {Connections}, failed connection attempts {ConnectFailures}";

    string ISimulatorOutput.NothingSentHint => $"nothing was published; is an MQTT broker listening on {Broker}?";

    /// <summary>
    /// Runs until <paramref name="cancellationToken"/> is cancelled, then disconnects, disposes the
    /// client and returns normally. One run at a time.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            throw new InvalidOperationException("The simulator runner is already running.");
        }
        using var client = new MqttClientFactory().CreateMqttClient();
        // Status shows a lost broker at once, not at the next round's first publish.
        client.DisconnectedAsync += _ =>
        {
            _isConnected = false;
            return Task.CompletedTask;
        };
        try
        {
            var clientOptions = BuildClientOptions();
            var backoff = new SimBackoff(_timeProvider);
            var failedAttempts = 0;
            while (!cancellationToken.IsCancellationRequested)
            {
                if (!await TryConnectAsync(client, clientOptions, ++failedAttempts, cancellationToken).ConfigureAwait(false))
                {
                    await backoff.WaitAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }
                backoff.Reset();
                failedAttempts = 0;
                await PublishUntilLostAsync(client, cancellationToken).ConfigureAwait(false);
                if (!cancellationToken.IsCancellationRequested)
                {
                    SimulatorLog.ConnectionLost(_logger, Broker);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping is the normal way out.
        }
        finally
        {
            _isConnected = false;
            await DisconnectQuietlyAsync(client).ConfigureAwait(false);
            SimulatorLog.Stopped(_logger, Published, Failures);
            Volatile.Write(ref _running, 0);
        }
    }

    private MqttClientOptions BuildClientOptions()
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_options.Host, _options.Port)
            .WithClientId(_options.EffectiveClientId)
            .WithCleanSession()
            .WithTimeout(ConnectTimeout);
        if (!string.IsNullOrEmpty(_options.Username))
        {
            builder = builder.WithCredentials(_options.Username, _options.Password);
        }
        return builder.Build();
    }

    private async Task<bool> TryConnectAsync(IMqttClient client, MqttClientOptions clientOptions, int attempt, CancellationToken cancellationToken)
    {
        try
        {
            if (client.IsConnected)
            {
                // A half-dead connection (publishes failing): start over.
                await DisconnectQuietlyAsync(client).ConfigureAwait(false);
            }
            var result = await client.ConnectAsync(clientOptions, cancellationToken).ConfigureAwait(false);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                throw new InvalidOperationException($"broker refused the connection: {result.ResultCode} {result.ReasonString}");
            }
            _isConnected = true;
            Interlocked.Increment(ref _connections);
            SimulatorLog.Connected(_logger, Broker, clientOptions.ClientId);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            Interlocked.Increment(ref _connectFailures);
            // One warning per outage; the retries are detail.
            if (attempt == 1)
            {
                SimulatorLog.ConnectFailed(_logger, Broker, ex.Message);
            }
            else
            {
                SimulatorLog.ConnectRetryFailed(_logger, Broker, attempt, ex.Message);
            }
            return false;
        }
    }

    private async Task PublishUntilLostAsync(IMqttClient client, CancellationToken cancellationToken)
    {
        await foreach (var messages in _pacer.DueAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var message in messages)
            {
                if (!await PublishAsync(client, message, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
    }

    /// <summary>Publishes one message; false when the connection is gone and the caller should reconnect.</summary>
    private async Task<bool> PublishAsync(IMqttClient client, SimMessage message, CancellationToken cancellationToken)
    {
        if (!client.IsConnected)
        {
            _isConnected = false;
            return false;
        }
        var mqttMessage = new MqttApplicationMessageBuilder()
            .WithTopic(message.Topic)
            .WithPayload(message.Payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce)
            .Build();
        try
        {
            var result = await client.PublishAsync(mqttMessage, cancellationToken).ConfigureAwait(false);
            if (result.IsSuccess)
            {
                Interlocked.Increment(ref _published);
            }
            else
            {
                Interlocked.Increment(ref _failures);
            }
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            Interlocked.Increment(ref _failures);
            SimulatorLog.PublishFailed(_logger, message.Topic, ex);
            if (!client.IsConnected)
            {
                _isConnected = false;
                return false;
            }
            return true;
        }
    }

    private async Task DisconnectQuietlyAsync(IMqttClient client)
    {
        if (!client.IsConnected)
        {
            return;
        }
        try
        {
            using var timeout = new CancellationTokenSource(DisconnectTimeout);
            await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The broker is gone or slow; the client is disposed next anyway.
            SimulatorLog.PublishFailed(_logger, "(disconnect)", ex);
        }
    }
}
