using System.Buffers;
using System.Text.Json;
using Coc.Core.Ingest;
using Coc.Ingest.Complaints;
using Coc.Ingest.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Coc.Ingest.Http;

/// <summary>
/// JSON webhooks, <c>POST /api/ingest/{feed}</c> for <c>atcs</c>, <c>sensors</c>, <c>etle</c> and
/// <c>complaints</c>: the same JSON as the MQTT payloads, one object or an array, each item naming
/// its device (which over MQTT the topic names). Each item is checked alone; refusals come back as
/// RFC 7807 problem details naming the item and the field, and the good items are kept.
/// </summary>
public static class JsonIngestEndpoints
{
    /// <summary>Per feed: the properties that name the device, in the order of the MQTT topic's segments.</summary>
    private static readonly Dictionary<string, string[]> Identity = new(StringComparer.Ordinal)
    {
        [MqttTopicContract.AtcsFeed] = ["intersection"],
        [MqttTopicContract.SensorsFeed] = ["kind", "sensor"],
        [MqttTopicContract.EtleFeed] = ["camera"],
        [MqttTopicContract.ComplaintsFeed] = ["source"],
    };

    public static IEndpointRouteBuilder MapCocJsonIngest(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/ingest/{feed}", (RequestDelegate)IngestAsync);
        return endpoints;
    }

    private static async Task IngestAsync(HttpContext context)
    {
        var feed = context.Request.RouteValues["feed"] as string ?? "";
        var services = context.RequestServices;
        if (!Identity.TryGetValue(feed, out var identity))
        {
            await ProblemAsync(context, StatusCodes.Status404NotFound, "Unknown feed", $"'{feed}' is not a feed: use {string.Join(", ", Identity.Keys)}");
            return;
        }
        if (!await services.GetRequiredService<IIngestAuthorizer>().IsAllowedAsync(context, feed))
        {
            await ProblemAsync(context, StatusCodes.Status401Unauthorized, "Not authorised", $"no valid key for feed '{feed}'");
            return;
        }
        if (!services.GetRequiredService<IngestRateLimiter>().TryAcquire(context, out var retryAfter))
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await ProblemAsync(context, StatusCodes.Status429TooManyRequests, "Too many requests", "this key is over its request rate (Coc:IngestKeys:RequestsPerSecond); retry later");
            return;
        }
        var limit = services.GetRequiredService<IOptions<LineProtocolOptions>>().Value.MaxBodyBytes;
        using var body = context.Request.ContentLength > limit ? null
            : await LimitedBody.ReadAsync(context.Request.Body, limit, (int)Math.Min(context.Request.ContentLength ?? 4096, limit), context.RequestAborted);
        if (body is null)
        {
            await ProblemAsync(context, StatusCodes.Status413PayloadTooLarge, "Body too large", $"the body is over {limit} bytes");
            return;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.Span.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            await ProblemAsync(context, StatusCodes.Status400BadRequest, "Body is not JSON", ex.Message);
            return;
        }
        using (document)
        {
            var items = document.RootElement.ValueKind switch
            {
                JsonValueKind.Object => [document.RootElement],
                JsonValueKind.Array => document.RootElement.EnumerateArray().ToArray(),
                _ => [],
            };
            if (items.Length == 0)
            {
                await ProblemAsync(context, StatusCodes.Status400BadRequest, "No items", "send one JSON object or a non-empty array of them");
                return;
            }
            var errors = new List<object>();
            for (var i = 0; i < items.Length; i++)
            {
                foreach (var rejection in await IngestItemAsync(services, feed, identity, items[i], context.RequestAborted))
                {
                    errors.Add(new { item = i, reason = rejection.Reason, detail = rejection.Detail });
                }
            }
            if (errors.Count == 0)
            {
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            }
            await ProblemAsync(context, StatusCodes.Status400BadRequest, "Some input was refused",
                $"{errors.Count} problem(s) in {items.Length} item(s); everything else was accepted", errors);
        }
    }

    /// <summary>One item: its identity becomes the MQTT topic it stands for, the rest goes through that door's parser.</summary>
    private static async Task<IReadOnlyList<Rejection>> IngestItemAsync(IServiceProvider services, string feed, string[] identity, JsonElement item, CancellationToken cancellationToken)
    {
        var time = services.GetRequiredService<TimeProvider>();
        var queue = services.GetRequiredService<IngestQueue>();
        var segments = new List<string>();
        foreach (var name in identity)
        {
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String
                || value.GetString() is not { Length: > 0 and <= 128 } text || text.Contains('/') || text.Contains('#') || text.Contains('+'))
            {
                var refused = new ParseResult(feed);
                refused.Rejections.Add(new Rejection(feed, RejectReason.NoFields, $"\"{name}\" is missing or not a device name (1-128 characters, no '/', '#', '+')", $"POST /api/ingest/{feed}", time.GetUtcNow()));
                await queue.SubmitAsync(refused, cancellationToken);
                return refused.Rejections;
            }
            segments.Add(text);
        }
        var topic = $"{MqttTopicContract.Root}/{feed}/{string.Join('/', segments)}";
        var payload = new ReadOnlySequence<byte>(Without(item, identity));
        if (feed == MqttTopicContract.ComplaintsFeed)
        {
            return (await services.GetRequiredService<ComplaintIngest>().IngestAsync(topic, payload, cancellationToken)).Rejections;
        }
        var result = MqttPayloadParser.Parse(topic, payload, time.GetUtcNow());
        await queue.SubmitAsync(result, cancellationToken);
        return result.Rejections;
    }

    /// <summary>The item without its identity properties: what a device would publish on its topic.</summary>
    private static byte[] Without(JsonElement item, string[] identity)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            foreach (var property in item.EnumerateObject())
            {
                if (!identity.Contains(property.Name))
                {
                    property.WriteTo(writer);
                }
            }
            writer.WriteEndObject();
        }
        return stream.ToArray();
    }

    private static Task ProblemAsync(HttpContext context, int status, string title, string detail, IReadOnlyList<object>? errors = null) =>
        Results.Problem(detail: detail, statusCode: status, title: title,
            extensions: errors is null ? null : new Dictionary<string, object?> { ["errors"] = errors }).ExecuteAsync(context);
}
