using System.Buffers;
using Coc.Core.Ingest;
using Coc.Core.Ingest.LineProtocol;
using Coc.Core.Ingest.Mapping;
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
    private readonly MqttTopicMappings _mappings = MqttTopicMappings.Compile(options.Value.Mappings, out _);
    private long _messages;

    public long MessagesReceived => Interlocked.Read(ref _messages);

    /// <summary>Whether a topic is one Coc ingests: the <c>Coc:Mqtt:Topic</c> filter or a configured mapping.</summary>
    public bool Wants(string topic) => IsContractTopic(topic) || Match(topic) is not null;

    private bool IsContractTopic(string topic) =>
        MqttTopicFilterComparer.Compare(topic, options.Value.Topic) == MqttTopicFilterCompareResult.IsMatch;

    /// <summary>The configured mapping that takes <paramref name="topic"/>, if any: matched once per message.</summary>
    private (MqttTopicMappings.Entry Entry, Dictionary<string, string> Segments)? Match(string topic) =>
        _mappings.TryMatch(topic, out var entry, out var segments) ? (entry, segments) : null;

    /// <summary>
    /// The embedded broker's door: <see cref="IngestAsync"/> for a topic Coc <see cref="Wants"/>, nothing for any
    /// other. The mapping match is made once and used for both the decision and the parse.
    /// </summary>
    public Task IngestIfWantedAsync(string topic, ReadOnlySequence<byte> payload, CancellationToken cancellationToken)
    {
        var mapped = Match(topic);
        return mapped is not null || IsContractTopic(topic) ? IngestAsync(topic, mapped, payload, cancellationToken) : Task.CompletedTask;
    }

    /// <summary>Every filter an external broker must deliver: the contract's and each mapping's.</summary>
    public IReadOnlyList<string> SubscriptionFilters => [options.Value.Topic, .. _mappings.Filters];

    /// <summary>Parses and queues; waits while the ingest queue is full, which holds back the sender.</summary>
    public Task IngestAsync(string topic, ReadOnlySequence<byte> payload, CancellationToken cancellationToken) =>
        IngestAsync(topic, Match(topic), payload, cancellationToken);

    private async Task IngestAsync(string topic, (MqttTopicMappings.Entry Entry, Dictionary<string, string> Segments)? mapped,
        ReadOnlySequence<byte> payload, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _messages);
        if (payload.Length > options.Value.MaxPayloadBytes)
        {
            // Refused before parsing: one huge message must not cost a parse of megabytes.
            var feed = mapped?.Entry.Feed ?? MqttTopicContract.LineProtocolFeed(topic) ?? MqttTopicContract.FeedOf(topic);
            var refused = new ParseResult(feed);
            refused.Rejections.Add(new Rejection(feed, RejectReason.PayloadTooLarge,
                $"payload of {payload.Length} bytes is over Coc:Mqtt:MaxPayloadBytes ({options.Value.MaxPayloadBytes})", topic, time.GetUtcNow()));
            await SubmitAsync(refused, cancellationToken);
            return;
        }
        if (complaints is not null && MqttTopicContract.IsComplaintTopic(topic))
        {
            await IngestComplaintsAsync(complaints, topic, payload, cancellationToken);
            return;
        }
        ParseResult result;
        try
        {
            result = mapped is { } m
                ? MapConfigured(m.Entry, m.Segments, topic, payload)
                : lineProtocol is not null && MqttTopicContract.LineProtocolFeed(topic) is { } feed
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
        await SubmitAsync(result, cancellationToken);
    }

    private async Task SubmitAsync(ParseResult result, CancellationToken cancellationToken)
    {
        try
        {
            await queue.SubmitAsync(result, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private ParseResult MapConfigured(MqttTopicMappings.Entry entry, Dictionary<string, string> segments, string topic, ReadOnlySequence<byte> payload)
    {
        var result = new ParseResult(entry.Feed);
        var receivedAt = time.GetUtcNow();
        using var doc = JsonPayload.TryOpen(payload, maxDepth: 16, out var reason, out var detail);
        if (doc is null)
        {
            result.Rejections.Add(new Rejection(entry.Feed, reason, detail, topic, receivedAt));
            return result;
        }
        JsonRecordMapper.Map(entry.Mapping, doc.RootElement, segments, topic, receivedAt, result);
        return result;
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
