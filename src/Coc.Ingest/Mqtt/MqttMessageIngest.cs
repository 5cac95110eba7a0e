using System.Buffers;
using Coc.Core.Ingest;
using Coc.Ingest.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;

namespace Coc.Ingest.Mqtt;

/// <summary>
/// Turns one MQTT message into queued samples: the same code for the embedded broker's
/// interceptor and the client of an external broker. A bad message is counted, never thrown.
/// </summary>
public sealed class MqttMessageIngest(IngestQueue queue, TimeProvider time, IOptions<MqttOptions> options, ILogger<MqttMessageIngest> logger)
{
    private long _messages;

    public long MessagesReceived => Interlocked.Read(ref _messages);

    /// <summary>Whether a topic is one Coc ingests (the configured <c>Coc:Mqtt:Topic</c> filter).</summary>
    public bool Wants(string topic) =>
        MqttTopicFilterComparer.Compare(topic, options.Value.Topic) == MqttTopicFilterCompareResult.IsMatch;

    /// <summary>Parses and queues; waits while the ingest queue is full, which holds back the sender.</summary>
    public async Task IngestAsync(string topic, ReadOnlySequence<byte> payload, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _messages);
        ParseResult result;
        try
        {
            result = MqttPayloadParser.Parse(topic, payload, time.GetUtcNow());
        }
        catch (Exception ex)
        {
            // The parser reports bad input as rejections; reaching here is our bug, and still must not kill the listener.
            logger.LogError(ex, "Parser failed on topic {Topic}", topic);
            return;
        }
        try
        {
            await queue.SubmitAsync(result, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
