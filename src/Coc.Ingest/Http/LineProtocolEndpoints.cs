using System.IO.Compression;
using System.Text.Json.Serialization;
using Coc.Core.Ingest.LineProtocol;
using Coc.Ingest.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Coc.Ingest.Http;

/// <summary>
/// The InfluxDB 1.x write door: <c>POST /write?db={feed}&amp;precision=ns|u|ms|s</c> with line protocol (plain or gzip),
/// and <c>GET|HEAD /ping</c>. Answers as InfluxDB does, so Telegraf, the influx CLI and client libraries write unchanged.
/// </summary>
public static class LineProtocolEndpoints
{
    /// <summary>The InfluxDB version Coc answers as; clients only check that the header is there.</summary>
    public const string InfluxDbVersion = "1.8.10";

    public static IEndpointRouteBuilder MapCocLineProtocol(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/ping", ["GET", "HEAD"], (RequestDelegate)Ping);
        endpoints.MapPost("/write", (RequestDelegate)WriteAsync);
        return endpoints;
    }

    private static Task Ping(HttpContext context)
    {
        SetVersionHeaders(context.Response);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    private static async Task WriteAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var services = context.RequestServices;
        var options = services.GetRequiredService<IOptions<LineProtocolOptions>>().Value;
        SetVersionHeaders(response);

        var feed = request.Query["db"].ToString();
        if (feed.Length == 0)
        {
            await ErrorAsync(response, StatusCodes.Status400BadRequest, "database is required");
            return;
        }
        if (!IsFeedName(feed))
        {
            await ErrorAsync(response, StatusCodes.Status400BadRequest,
                $"database \"{Shorten(feed)}\" is not a feed name: 1-64 letters, digits, '-', '_' or '.'");
            return;
        }
        var precisionText = request.Query["precision"].ToString();
        if (!LineProtocolPrecisions.TryParse(precisionText, out var precision))
        {
            await ErrorAsync(response, StatusCodes.Status400BadRequest, $"invalid precision \"{Shorten(precisionText)}\" (use ns, u, ms, s, m or h)");
            return;
        }
        if (!await services.GetRequiredService<IIngestAuthorizer>().IsAllowedAsync(context, feed))
        {
            await ErrorAsync(response, StatusCodes.Status401Unauthorized, "authorization failed");
            return;
        }
        if (!services.GetRequiredService<IngestRateLimiter>().TryAcquire(context, out var retryAfter))
        {
            response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await ErrorAsync(response, StatusCodes.Status429TooManyRequests, "too many requests for this key, retry later");
            return;
        }

        using var body = await ReadBodyAsync(context, options);
        if (body is null)
        {
            return;
        }

        var time = services.GetRequiredService<TimeProvider>();
        var batch = services.GetRequiredService<LineProtocolParser>().Parse(feed, body.Span, precision, time.GetUtcNow(), $"POST /write?db={feed}");

        if (!await TrySubmitAsync(context, batch, options))
        {
            return;
        }

        if (batch.LinesRefused > 0)
        {
            var kept = batch.LinesSeen - batch.LinesRefused;
            var text = kept > 0
                ? $"partial write: {batch.FirstError} dropped={batch.LinesRefused}"
                : $"{batch.FirstError} dropped={batch.LinesRefused}";
            await ErrorAsync(response, StatusCodes.Status400BadRequest, text);
            return;
        }
        response.StatusCode = StatusCodes.Status204NoContent;
    }

    /// <summary>The decoded body, or null once an error answer has been written.</summary>
    private static async Task<LimitedBody?> ReadBodyAsync(HttpContext context, LineProtocolOptions options)
    {
        var request = context.Request;
        var limit = options.MaxBodyBytes;
        if (request.ContentLength > limit)
        {
            await TooLargeAsync(context.Response, limit);
            return null;
        }
        // Kestrel's own cap (30 MB) would otherwise stand in for ours, with a less useful answer.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit + 1L;
        }

        var encoding = request.Headers.ContentEncoding.ToString();
        var gzip = encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase);
        if (!gzip && encoding.Length > 0 && !encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            await ErrorAsync(context.Response, StatusCodes.Status415UnsupportedMediaType, $"unsupported Content-Encoding \"{Shorten(encoding)}\" (use gzip or none)");
            return null;
        }

        LimitedBody? raw;
        try
        {
            raw = await LimitedBody.ReadAsync(request.Body, limit, (int)Math.Min(request.ContentLength ?? 64 * 1024, limit), context.RequestAborted);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            raw = null;
        }
        if (raw is null)
        {
            await TooLargeAsync(context.Response, limit);
            return null;
        }
        if (!gzip)
        {
            return raw;
        }

        using (raw)
        {
            try
            {
                await using var inflate = new GZipStream(raw.AsStream(), CompressionMode.Decompress);
                var inflated = await LimitedBody.ReadAsync(inflate, limit, raw.Length * 4, context.RequestAborted);
                if (inflated is null)
                {
                    await TooLargeAsync(context.Response, limit);
                }
                return inflated;
            }
            catch (InvalidDataException ex)
            {
                await ErrorAsync(context.Response, StatusCodes.Status400BadRequest, $"body is not valid gzip: {ex.Message}");
                return null;
            }
        }
    }

    /// <summary>
    /// Queues the batch, or answers 503 with Retry-After when the queue stays full: a sender retries
    /// later instead of requests piling up without bound.
    /// </summary>
    private static async Task<bool> TrySubmitAsync(HttpContext context, LineProtocolBatch batch, LineProtocolOptions options)
    {
        var services = context.RequestServices;
        var queue = services.GetRequiredService<IngestQueue>();
        var capacity = services.GetRequiredService<IOptions<IngestOptions>>().Value.QueueCapacity;
        // Refused before counting when the queue is plainly full: the sender will send the same lines again.
        if (batch.Result.Samples.Count > 0 && queue.QueuedSamples >= capacity)
        {
            await BusyAsync(context.Response, options);
            return false;
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(options.QueueTimeoutMs);
        try
        {
            await queue.SubmitAsync(batch.Result, timeout.Token);
            return true;
        }
        catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            await BusyAsync(context.Response, options);
            return false;
        }
    }

    private static Task BusyAsync(HttpResponse response, LineProtocolOptions options)
    {
        response.Headers.RetryAfter = options.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ErrorAsync(response, StatusCodes.Status503ServiceUnavailable, "ingest queue is full, retry later");
    }

    private static Task TooLargeAsync(HttpResponse response, int limit) =>
        ErrorAsync(response, StatusCodes.Status413PayloadTooLarge, $"Request Entity Too Large: body over {limit} bytes (after gzip decompression too)");

    private static Task ErrorAsync(HttpResponse response, int status, string error)
    {
        response.StatusCode = status;
        return response.WriteAsJsonAsync(new WriteError(error));
    }

    private static void SetVersionHeaders(HttpResponse response)
    {
        response.Headers["X-Influxdb-Version"] = InfluxDbVersion;
        response.Headers["X-Influxdb-Build"] = "OSS";
    }

    private static bool IsFeedName(string name) =>
        name.Length <= 64 && name.AsSpan().IndexOfAnyExcept("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") < 0;

    private static string Shorten(string text) => text.Length <= 100 ? text : text[..100] + "…";

    private sealed record WriteError([property: JsonPropertyName("error")] string Error);
}
