using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
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
/// Why the last attempt failed (refused password, untrusted certificate, refused subscription, lost
/// connection) is kept for <c>/health</c>; the password never appears in a log line or there.
/// </summary>
public sealed class MqttIngestClient(IOptions<MqttOptions> options, MqttMessageIngest ingest, EmbeddedBroker broker, TimeProvider time, ILogger<MqttIngestClient> logger)
    : BackgroundService, IHealthCheck
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(500);
    // A connection that lasted this long was not refused in disguise: the next loss retries at once.
    private static readonly TimeSpan StableConnection = TimeSpan.FromSeconds(10);
    // This many short connections in a row are a pattern worth a hint on /health.
    private const int FlappingConnections = 3;
    private int _shortConnections;
    private volatile bool _connected;
    private volatile string? _lastError;
    // Set by the certificate callback during a connect attempt: the TLS exception alone only says "rejected".
    private volatile string? _certificateProblem;
    // Set when the broker's certificate passed: a failure after it is the broker refusing us (a client certificate, mostly).
    private volatile bool _serverCertificateAccepted;

    /// <summary>True while MQTT messages reach the ingest queue: the embedded broker runs, or the client is subscribed.</summary>
    public bool IsReceiving => options.Value.EmbeddedBroker ? broker.IsRunning : _connected;

    /// <summary>Why the client is not (or was not last time) connected and subscribed; null before any failure.</summary>
    public string? LastError => _lastError;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (o.EmbeddedBroker)
        {
            return;
        }
        if (o.Tls.AllowUntrustedCertificates)
        {
            logger.LogWarning("Coc:Mqtt:Tls:AllowUntrustedCertificates is on: the certificate of MQTT broker {Host}:{Port} is NOT verified. "
                + "Anyone between Coc and the broker can read the feeds and inject false readings. Set Coc:Mqtt:Tls:CaCertificatePath instead.", o.Host, o.Port);
        }
        var factory = new MqttClientFactory();
        var delay = FirstRetryDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            // A fresh client per attempt: MQTTnet keeps the last disconnect reason across connects, and a late
            // Disconnected event of an earlier attempt must not touch this one.
            using var client = factory.CreateMqttClient();
            client.ApplicationMessageReceivedAsync += e => OnMessageAsync(e, stoppingToken);
            var lost = new TaskCompletionSource<MqttClientDisconnectedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
            client.DisconnectedAsync += e =>
            {
                // A refused CONNECT raises it too (ClientWasConnected false): ConnectAsync reports that one.
                if (e.ClientWasConnected)
                {
                    _connected = false;
                    lost.TrySetResult(e);
                }
                return Task.CompletedTask;
            };
            MqttClientOptions? clientOptions = null;
            try
            {
                _certificateProblem = null;
                _serverCertificateAccepted = false;
                clientOptions = MqttIngestConnection.Build(o, e => ValidateServerCertificate(e, o.Tls));
                await ConnectAsync(client, clientOptions, o, stoppingToken);
                var connectedAt = time.GetTimestamp();
                var loss = await lost.Task.WaitAsync(stoppingToken);
                var lasted = time.GetElapsedTime(connectedAt);
                _shortConnections = lasted < StableConnection ? _shortConnections + 1 : 0;
                _lastError = DescribeLoss(loss, lasted, o);
                if (_shortConnections == 0)
                {
                    // A connection that held: try again at once, as after a broker restart.
                    delay = FirstRetryDelay;
                    logger.LogWarning("MQTT connection to {Host}:{Port} lost: {Reason}; reconnecting", o.Host, o.Port, _lastError);
                    continue;
                }
                // Lost right after it was made: keep backing off, or two servers with one client id take turns at full speed.
                logger.LogWarning("MQTT connection to {Host}:{Port} lost: {Reason}; reconnecting in {Delay} ms", o.Host, o.Port, _lastError, delay.TotalMilliseconds);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                await DisconnectQuietlyAsync(client);
                break;
            }
            catch (Exception ex)
            {
                _connected = false;
                _lastError = Describe(ex, o);
                logger.LogWarning("MQTT connect to {Host}:{Port} as '{ClientId}' failed: {Error}; retrying in {Delay} ms",
                    o.Host, o.Port, MqttIngestConnection.ClientId(o), _lastError, delay.TotalMilliseconds);
                // Connected but not subscribed (a refused subscription): close it, the next attempt starts clean.
                await DisconnectQuietlyAsync(client);
            }
            finally
            {
                // Read afresh at every attempt (a renewed certificate is picked up): release this attempt's copies.
                DisposeCertificates(clientOptions);
            }
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
        _connected = false;
    }

    private async Task ConnectAsync(IMqttClient client, MqttClientOptions clientOptions, MqttOptions o, CancellationToken cancellationToken)
    {
        var connect = await client.ConnectAsync(clientOptions, cancellationToken);
        // MQTTnet 5 reports a refused CONNECT (bad password, banned client id) in the result, not as an exception.
        if (connect.ResultCode != MqttClientConnectResultCode.Success)
        {
            var reason = string.IsNullOrEmpty(connect.ReasonString) ? "" : $" ({connect.ReasonString})";
            var hint = connect.ResultCode is MqttClientConnectResultCode.BadUserNameOrPassword or MqttClientConnectResultCode.NotAuthorized
                ? $"; check Coc:Mqtt:Username ('{o.Username}') and its password"
                : "";
            throw new MqttBrokerRefusedException($"the broker refused the connection: {connect.ResultCode}{reason}{hint}");
        }
        var filters = MqttIngestConnection.Filters(o, ingest.SubscriptionFilters);
        if (!string.IsNullOrEmpty(o.SharedSubscriptionGroup) && !connect.SharedSubscriptionAvailable)
        {
            throw new MqttBrokerRefusedException("the broker does not support shared subscriptions (Coc:Mqtt:SharedSubscriptionGroup)");
        }
        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (var filter in filters)
        {
            subscribe = subscribe.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
        }
        var subscribed = await client.SubscribeAsync(subscribe.Build(), cancellationToken);
        var refused = subscribed.Items
            .Where(i => i.ResultCode is not (MqttClientSubscribeResultCode.GrantedQoS0 or MqttClientSubscribeResultCode.GrantedQoS1 or MqttClientSubscribeResultCode.GrantedQoS2))
            .Select(i => $"'{i.TopicFilter.Topic}': {i.ResultCode}")
            .ToList();
        if (refused.Count > 0)
        {
            // Silently half-subscribed would look healthy while a feed never arrives.
            throw new MqttBrokerRefusedException($"the broker refused the subscription to {string.Join(", ", refused)} (check the broker's ACL for user '{o.Username}')");
        }
        // A disconnect during the subscribe already fired its event: trust the client's own state.
        _connected = client.IsConnected;
        if (_connected)
        {
            _lastError = null;
        }
        logger.LogInformation("MQTT ingest subscribed to '{Topics}' on {Host}:{Port} as '{ClientId}'{Tls}",
            string.Join("', '", filters), o.Host, o.Port, MqttIngestConnection.ClientId(o), o.Tls.Enabled ? " over TLS" : "");
    }

    private bool ValidateServerCertificate(MqttClientCertificateValidationEventArgs e, MqttTlsOptions tls)
    {
        if (e.SslPolicyErrors == SslPolicyErrors.None || tls.AllowUntrustedCertificates)
        {
            _serverCertificateAccepted = true;
            return true;
        }
        var statuses = e.Chain?.ChainStatus.Select(s => s.Status).Where(s => s != X509ChainStatusFlags.NoError).Distinct().ToList() ?? [];
        var hints = new List<string>();
        if (e.SslPolicyErrors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
        {
            hints.Add(string.IsNullOrEmpty(tls.CaCertificatePath)
                ? "not signed by a CA this machine trusts: set Coc:Mqtt:Tls:CaCertificatePath to the broker's CA"
                : $"not signed by the CA in Coc:Mqtt:Tls:CaCertificatePath '{tls.CaCertificatePath}'");
        }
        if (e.SslPolicyErrors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            hints.Add($"it does not name the host '{options.Value.Host}' (Coc:Mqtt:Host)");
        }
        if (e.SslPolicyErrors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            hints.Add("the broker sent no certificate");
        }
        var chain = statuses.Count == 0 ? "" : $" [{string.Join(", ", statuses)}]";
        _certificateProblem = $"the broker's TLS certificate '{e.Certificate?.Subject}' is not trusted: {string.Join("; ", hints)} ({e.SslPolicyErrors}{chain})";
        return false;
    }

    private string Describe(Exception ex, MqttOptions o)
    {
        if (_certificateProblem is { } problem)
        {
            return problem;
        }
        if (ex is MqttBrokerRefusedException or InvalidDataException)
        {
            return ex.Message;
        }
        // MQTTnet wraps socket and TLS errors; the innermost one says what happened ("Connection refused", a TLS alert).
        var inner = ex.GetBaseException();
        var text = inner == ex ? ex.Message : $"{ex.Message}: {inner.Message}";
        if (o.Tls.Enabled && _serverCertificateAccepted)
        {
            // A broker that wants a client certificate (and did not get one it trusts) just drops the connection.
            text += string.IsNullOrEmpty(o.Tls.ClientCertificatePath)
                ? "; the broker closed the connection after checking TLS: if it requires a client certificate, set Coc:Mqtt:Tls:ClientCertificatePath"
                : $"; the broker closed the connection after checking TLS: does it trust the CA that signed Coc:Mqtt:Tls:ClientCertificatePath '{o.Tls.ClientCertificatePath}'?";
        }
        return text;
    }

    private string DescribeLoss(MqttClientDisconnectedEventArgs e, TimeSpan lasted, MqttOptions o)
    {
        // Mosquitto closes the older of two connections with one client id without a reason; MQTT 5 brokers that
        // give one say SessionTakenOver. Either way the sign is the same: connections that keep dropping at once.
        var detail = e.Reason == MqttClientDisconnectReason.NormalDisconnection ? e.Exception?.GetBaseException().Message : $"{e.Reason} {e.ReasonString}".Trim();
        var text = $"connection lost after {lasted.TotalSeconds:0.0} s{(string.IsNullOrEmpty(detail) ? "" : $" ({detail})")}";
        return _shortConnections >= FlappingConnections || e.Reason == MqttClientDisconnectReason.SessionTakenOver
            ? $"{text}; the broker keeps closing the connection right after it is made: does another client use the client id "
                + $"'{MqttIngestConnection.ClientId(o)}'? Every Coc server on one broker needs its own Coc:Mqtt:ClientId (e.g. 'coc-ingest-{{machine}}')"
            : text;
    }

    private static void DisposeCertificates(MqttClientOptions? clientOptions)
    {
        var tls = clientOptions?.ChannelOptions?.TlsOptions;
        foreach (var certificate in (tls?.ClientCertificatesProvider?.GetCertificates()?.Cast<X509Certificate>() ?? []).Concat(tls?.TrustChain ?? []))
        {
            certificate.Dispose();
        }
    }

    private static async Task DisconnectQuietlyAsync(IMqttClient client)
    {
        if (!client.IsConnected)
        {
            return;
        }
        try
        {
            await client.DisconnectAsync();
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException or OperationCanceledException)
        {
            // Already gone: nothing left to close.
        }
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e, CancellationToken stoppingToken) =>
        // Awaiting a full queue holds the MQTT connection: back-pressure instead of unbounded memory.
        ingest.IngestAsync(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload, stoppingToken);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var data = new Dictionary<string, object> { ["messagesReceived"] = ingest.MessagesReceived };
        if (o.EmbeddedBroker)
        {
            return Task.FromResult(IsReceiving
                ? HealthCheckResult.Healthy("ingesting directly from the embedded broker", data)
                : HealthCheckResult.Unhealthy("embedded broker is not running", data: data));
        }
        data["clientId"] = MqttIngestConnection.ClientId(o);
        data["tls"] = o.Tls.Enabled;
        if (!string.IsNullOrEmpty(o.SharedSubscriptionGroup))
        {
            data["sharedSubscriptionGroup"] = o.SharedSubscriptionGroup;
        }
        if (_lastError is { } error)
        {
            data["lastError"] = error;
        }
        var where = $"{o.Host}:{o.Port}";
        HealthCheckResult result;
        if (!IsReceiving)
        {
            result = HealthCheckResult.Unhealthy($"not connected to MQTT broker {where}" + (_lastError is null ? "" : $": {_lastError}"), data: data);
        }
        else
        {
            var subscribed = $"subscribed to '{string.Join("', '", MqttIngestConnection.Filters(o, ingest.SubscriptionFilters))}' on {where}";
            result = o.Tls.AllowUntrustedCertificates
                ? HealthCheckResult.Degraded($"{subscribed}, but the broker's TLS certificate is not verified (Coc:Mqtt:Tls:AllowUntrustedCertificates)", data: data)
                : HealthCheckResult.Healthy(subscribed, data);
        }
        return Task.FromResult(result);
    }
}
