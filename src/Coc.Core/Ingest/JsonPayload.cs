using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Coc.Core.Ingest;

/// <summary>Opens a message body as JSON, or says why it cannot be: the first step every JSON door shares.</summary>
public static class JsonPayload
{
    /// <summary>The document, or null with a reason code and a detail (empty, invalid UTF-8, or not JSON).</summary>
    public static JsonDocument? TryOpen(ReadOnlySequence<byte> payload, int maxDepth, out string reason, out string detail)
    {
        reason = detail = "";
        if (payload.IsEmpty)
        {
            (reason, detail) = (RejectReason.EmptyPayload, "payload is empty");
            return null;
        }
        // JsonDocument does not check UTF-8 inside strings; reading such a name or value later would throw.
        if (!(payload.IsSingleSegment ? Utf8.IsValid(payload.FirstSpan) : Utf8.IsValid(payload.ToArray())))
        {
            (reason, detail) = (RejectReason.MalformedJson, $"payload is not valid UTF-8 (payload: {Preview(payload)})");
            return null;
        }
        try
        {
            return JsonDocument.Parse(payload, new JsonDocumentOptions { MaxDepth = maxDepth });
        }
        catch (JsonException ex)
        {
            (reason, detail) = (RejectReason.MalformedJson, $"payload is not JSON: {ex.Message} (payload: {Preview(payload)})");
            return null;
        }
    }

    /// <summary>The first 60 bytes as text, for log lines and rejection details.</summary>
    public static string Preview(ReadOnlySequence<byte> payload)
    {
        var head = payload.Length > 60 ? payload.Slice(0, 60) : payload;
        // Replacement characters stand in for invalid UTF-8 so the line stays readable.
        return Encoding.UTF8.GetString(head.ToArray()) + (payload.Length > 60 ? "…" : "");
    }
}
