using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Coc.Core.Ingest;

namespace Coc.Core.Complaints;

/// <summary>
/// Parses the payload of <c>coc/complaints/{source}</c>: one event object or an array of them,
/// <c>{"id", "ts", "status", "category", "district"}</c>. Each bad event is refused alone, with a
/// reason and a detail naming the event's index and the field; the other events still flow.
/// </summary>
public static class ComplaintEventParser
{
    /// <summary>Longest id, category or district accepted: they become tags and memory.</summary>
    public const int MaxTextLength = 64;

    private const int MaxDetailLength = 200;

    public static ComplaintBatch Parse(string topic, ReadOnlySequence<byte> payload, DateTimeOffset receivedAt)
    {
        var result = new ParseResult(MqttTopicContract.ComplaintsFeed);
        var batch = new ComplaintBatch(result, SourceOf(topic));
        if (batch.Source is null)
        {
            Reject(result, topic, receivedAt, RejectReason.UnknownSource,
                $"topic '{Shorten(topic)}' is not coc/complaints/{{source}} with source one of: {string.Join(", ", MqttTopicContract.ComplaintSources)}");
            return batch;
        }
        var doc = JsonPayload.TryOpen(payload, maxDepth: 8, out var reason, out var detail);
        if (doc is null)
        {
            Reject(result, topic, receivedAt, reason, detail);
            return batch;
        }

        using (doc)
        {
            var root = doc.RootElement;
            switch (root.ValueKind)
            {
                case JsonValueKind.Object:
                    ReadEvent(root, null, batch, topic, receivedAt);
                    break;
                case JsonValueKind.Array:
                    var index = 0;
                    foreach (var item in root.EnumerateArray())
                    {
                        ReadEvent(item, index++, batch, topic, receivedAt);
                    }
                    if (index == 0)
                    {
                        Reject(result, topic, receivedAt, RejectReason.NoFields, "payload is an empty array");
                    }
                    break;
                default:
                    Reject(result, topic, receivedAt, RejectReason.MalformedJson,
                        $"payload is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, expected an event object or an array of them");
                    break;
            }
        }
        return batch;
    }

    public static ComplaintBatch Parse(string topic, string payload, DateTimeOffset receivedAt) =>
        Parse(topic, new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(payload)), receivedAt);

    /// <summary>The source named by the topic, or null when the topic names none Coc knows.</summary>
    public static string? SourceOf(string topic)
    {
        var parts = topic.Split('/');
        return parts.Length == 3 && parts[0] == MqttTopicContract.Root && parts[1] == MqttTopicContract.ComplaintsFeed
            && MqttTopicContract.ComplaintSources.Contains(parts[2], StringComparer.Ordinal)
            ? parts[2]
            : null;
    }

    private static void ReadEvent(JsonElement item, int? index, ComplaintBatch batch, string topic, DateTimeOffset receivedAt)
    {
        var result = batch.Result;
        var where = index is { } i ? $"event [{i}]" : "event";
        if (item.ValueKind != JsonValueKind.Object)
        {
            Reject(result, topic, receivedAt, RejectReason.MalformedJson, $"{where} is a JSON {item.ValueKind.ToString().ToLowerInvariant()}, expected an object");
            return;
        }

        if (!TryReadId(item, out var id, out var idReason, out var idDetail))
        {
            Reject(result, topic, receivedAt, idReason, $"{where}: {idDetail}");
            return;
        }
        where += $" id '{Shorten(id ?? "")}'";

        if (!item.TryGetProperty("ts", out var tsElement) || tsElement.ValueKind == JsonValueKind.Null)
        {
            Reject(result, topic, receivedAt, RejectReason.MissingField, $"{where}: \"ts\" is missing");
            return;
        }
        if (!MqttPayloadParser.TryReadTimestamp(tsElement, receivedAt, out var timestamp, out var tsReason, out var tsDetail))
        {
            Reject(result, topic, receivedAt, tsReason, $"{where}: {tsDetail}");
            return;
        }

        if (!item.TryGetProperty("status", out var statusElement) || statusElement.ValueKind == JsonValueKind.Null)
        {
            Reject(result, topic, receivedAt, RejectReason.MissingField, $"{where}: \"status\" is missing");
            return;
        }
        if (statusElement.ValueKind != JsonValueKind.String || !ComplaintStatusNames.TryParse(statusElement.GetString()!, out var status))
        {
            Reject(result, topic, receivedAt, RejectReason.UnknownStatus,
                $"{where}: \"status\" {Shorten(statusElement.GetRawText())} is not one of new, in_progress, resolved, rejected");
            return;
        }

        if (!TryReadSlug(item, "category", out var category, out var reason, out var detail)
            || !TryReadSlug(item, "district", out var district, out reason, out detail))
        {
            Reject(result, topic, receivedAt, reason, $"{where}: {detail}");
            return;
        }

        batch.Events.Add(new ComplaintEvent(batch.Source!, id!, timestamp, status, category!, district!));
    }

    private static bool TryReadId(JsonElement item, out string? id, out string reason, out string detail)
    {
        id = null;
        reason = RejectReason.MissingField;
        detail = "\"id\" is missing";
        if (!item.TryGetProperty("id", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return false;
        }
        reason = RejectReason.BadField;
        switch (element.ValueKind)
        {
            // Some systems number their tickets; "42" and 42 are the same complaint.
            case JsonValueKind.Number when element.TryGetInt64(out var number):
                id = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return true;
            case JsonValueKind.String:
                id = element.GetString()!;
                if (id.Trim().Length == 0)
                {
                    reason = RejectReason.MissingField;
                    detail = "\"id\" is empty";
                    return false;
                }
                if (id.Length > MaxTextLength)
                {
                    detail = $"\"id\" is longer than {MaxTextLength} characters";
                    return false;
                }
                return true;
            default:
                detail = $"\"id\" {Shorten(element.GetRawText())} must be a string or an integer";
                return false;
        }
    }

    /// <summary>Category and district become tags of the aggregate series: lower-case slugs only, so one place is one series.</summary>
    private static bool TryReadSlug(JsonElement item, string name, out string? value, out string reason, out string detail)
    {
        value = null;
        reason = RejectReason.MissingField;
        detail = $"\"{name}\" is missing";
        if (!item.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return false;
        }
        if (element.ValueKind == JsonValueKind.String && element.GetString() is { Length: 0 })
        {
            detail = $"\"{name}\" is empty";
            return false;
        }
        reason = RejectReason.BadField;
        if (element.ValueKind != JsonValueKind.String || !IsSlug(element.GetString()!))
        {
            detail = $"\"{name}\" {Shorten(element.GetRawText())} must be a slug: 1-{MaxTextLength} of a-z, 0-9, '-', '_'";
            return false;
        }
        value = element.GetString();
        return true;
    }

    private static bool IsSlug(string text)
    {
        if (text.Length is 0 or > MaxTextLength)
        {
            return false;
        }
        foreach (var c in text)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_'))
            {
                return false;
            }
        }
        return true;
    }

    private static void Reject(ParseResult result, string topic, DateTimeOffset at, string reason, string detail) =>
        result.Rejections.Add(new Rejection(result.Feed, reason, Shorten(detail), Shorten(topic), at));

    private static string Shorten(string text) => text.Length <= MaxDetailLength ? text : text[..MaxDetailLength] + "…";
}

/// <summary>One message's events and what was refused; <see cref="ParseResult.Samples"/> is filled later with the aggregates the events changed.</summary>
public sealed class ComplaintBatch(ParseResult result, string? source)
{
    public ParseResult Result { get; } = result;

    /// <summary>The source the topic names; null when the topic was refused.</summary>
    public string? Source { get; } = source;

    public List<ComplaintEvent> Events { get; } = [];
}
