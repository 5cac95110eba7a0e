using System.Buffers;
using Coc.Core.Ingest;
using Coc.Core.Ingest.LineProtocol;
using Coc.Ingest.Complaints;
using Coc.Ingest.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;

namespace Coc.Ingest.Mqtt;

/// <summary>
/// Turns one MQTT message into queued samples: the same code for the embedded broker's
/// interceptor and the client of an external broker. A bad message is counted, never thrown.
/// <c>coc/complaints/...</c> carries events, not samples: those go to <see cref="ComplaintIngest"/>.
/// </summary>
public sealed class MqttMessageIngest(IngestQueue queue, TimeProvider time, IOptions<MqttOptions> options, ILogger<MqttMessageIngest> logger,
    ComplaintIngest? complaints = null, LineProtocolParser? lineProtocol = null)
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
        if (complaints is not null && MqttTopicContract.IsComplaintTopic(topic))
        {
            await IngestComplaintsAsync(complaints, topic, payload, cancellationToken);
            return;
        }
        ParseResult result;
        try
        {
            result = lineProtocol is not null && MqttTopicContract.LineProtocolFeed(topic) is { } feed
                // Telegraf's MQTT output: line protocol, nanosecond timestamps.
                ? lineProtocol.Parse(feed, payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray(), LineProtocolPrecision.Nanoseconds, time.GetUtcNow(), topic).Result
                : MqttPayloadParser.Parse(topic, payload, time.GetUtcNow());
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

    private async Task IngestComplaintsAsync(ComplaintIngest door, string topic, ReadOnlySequence<byte> payload, CancellationToken cancellationToken)
    {
        try
        {
            await door.IngestAsync(topic, payload, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // As for the sample parser: bad input is a rejection, an exception is our bug and must not kill the listener.
            logger.LogError(ex, "Complaint ingest failed on topic {Topic}", topic);
        }
    }
}
