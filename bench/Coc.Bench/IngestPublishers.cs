using System.Diagnostics;
using MQTTnet;
using MQTTnet.Protocol;

namespace Coc.Bench;

/// <summary>
/// The ingest load, the same against Coc and against the bare broker: P connections publish M messages
/// of K fields at QoS 1, each keeping at most a window of publishes awaiting PUBACK, as fast as PUBACKs
/// come (or paced with --ingest-rate). Messages are JSON on <c>coc/sensors/benchin/…</c>, or with
/// <paramref name="lineProtocol"/> one line of line protocol each on <c>coc/lp/bench</c>.
/// </summary>
public sealed class IngestPublishers : IAsyncDisposable
{
    private const int SensorsPerPublisher = 100;
    private static readonly TimeSpan TailAckTimeout = TimeSpan.FromSeconds(60);

    private readonly BenchOptions _options;
    private readonly List<IMqttClient> _clients;
    private readonly bool _lineProtocol;

    private IngestPublishers(BenchOptions options, List<IMqttClient> clients, bool lineProtocol)
    {
        _options = options;
        _clients = clients;
        _lineProtocol = lineProtocol;
    }

    /// <summary>Unacknowledged publishes allowed per connection: the in-flight total shared out.</summary>
    public int Window => Math.Max(1, _options.InFlight / _options.Publishers);

    public string Describe() =>
        FormattableString.Invariant(
            $"{_options.Messages:N0} {(_lineProtocol ? "line-protocol" : "JSON")} messages × {_options.Fields} fields = {(long)_options.Messages * _options.Fields:N0} samples, {_options.Publishers} publishers, QoS 1, {Window} in flight each, {(_options.IngestRate > 0 ? $"paced at {_options.IngestRate:N0} msg/s" : "unpaced")}");

    /// <summary>Connects every publisher before any publishes, so connecting is not part of the timed stretch.</summary>
    public static async Task<IngestPublishers> ConnectAsync(BenchOptions options, int port, string name, bool lineProtocol, CancellationToken cancellationToken)
    {
        var factory = new MqttClientFactory();
        var clients = new List<IMqttClient>();
        var publishers = new IngestPublishers(options, clients, lineProtocol);
        try
        {
            for (var p = 0; p < options.Publishers; p++)
            {
                clients.Add(await BenchMqtt.ConnectAsync(factory, port, $"{name}-{p}", cancellationToken));
            }
            return publishers;
        }
        catch
        {
            await publishers.DisposeAsync();
            throw;
        }
    }

    /// <summary>Publishes everything and waits for every PUBACK; the result's times are on the Stopwatch clock.</summary>
    public async Task<PublishSummary> RunAsync(CancellationToken cancellationToken)
    {
        var outcomes = await Task.WhenAll(_clients.Select((c, p) => PublishAllAsync(c, p, cancellationToken)));
        return new PublishSummary(
            outcomes.Sum(o => o.Acked),
            outcomes.Sum(o => o.Failed),
            outcomes.Select(o => o.FirstError).FirstOrDefault(e => e is not null),
            outcomes.Max(o => o.LastAckAt));
    }

    /// <summary>Publishes messages p, p+P, p+2P… keeping at most <see cref="Window"/> awaiting PUBACK.</summary>
    private async Task<PublisherOutcome> PublishAllAsync(IMqttClient client, int publisher, CancellationToken cancellationToken)
    {
        var window = Window;
        // Not disposed: a publish still completing after a cancellation may release it.
        var slots = new SemaphoreSlim(window, window);
        var outcome = new PublisherOutcome();
        var pacer = _options.IngestRate > 0 ? new Pacer((double)_options.IngestRate / _options.Publishers) : null;
        pacer?.Start();
        long sent = 0;
        for (long m = publisher; m < _options.Messages; m += _options.Publishers, sent++)
        {
            if (pacer is not null)
            {
                await pacer.WaitForSlotAsync(sent, cancellationToken);
            }
            await slots.WaitAsync(cancellationToken);
            var sensor = (int)(m / _options.Publishers % SensorsPerPublisher);
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(_lineProtocol ? BenchMessages.LineProtocolTopic : BenchMessages.IngestTopic(publisher, sensor))
                .WithPayload(_lineProtocol ? BenchMessages.LineProtocolPayload(publisher, sensor, m, _options.Fields) : BenchMessages.IngestPayload(m, _options.Fields))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            _ = PublishOneAsync(client, message, slots, outcome, cancellationToken);
        }
        // The tail: every slot back means every publish was acknowledged or failed.
        for (var i = 0; i < window; i++)
        {
            if (!await slots.WaitAsync(TailAckTimeout, cancellationToken))
            {
                throw new BenchException($"publisher {publisher}: PUBACKs still missing {TailAckTimeout.TotalSeconds:0} s after the last publish");
            }
        }
        outcome.LastAckAt = Stopwatch.GetTimestamp();
        return outcome;
    }

    private static async Task PublishOneAsync(IMqttClient client, MqttApplicationMessage message, SemaphoreSlim slots, PublisherOutcome outcome, CancellationToken cancellationToken)
    {
        try
        {
            var result = await client.PublishAsync(message, cancellationToken);
            if (result.IsSuccess)
            {
                outcome.AddAcked();
            }
            else
            {
                outcome.AddFailed($"PUBACK {result.ReasonCode}");
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            outcome.AddFailed(ex.Message);
        }
        finally
        {
            slots.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await BenchMqtt.DisconnectQuietlyAsync(client);
        }
    }
}

/// <summary>All publishers together: PUBACKs, failures (with the first reason) and when the last PUBACK came (Stopwatch ticks).</summary>
public sealed record PublishSummary(long Acked, long Failed, string? FirstError, long LastAckAt);
