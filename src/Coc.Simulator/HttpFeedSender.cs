using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Coc.Simulator;

/// <summary>What Coc made of one batch, reduced to what the runner must do next.</summary>
public enum HttpSendKind
{
    /// <summary>Answered: every item kept (2xx), or some or all refused as bad input (other 4xx) — counted, not resent.</summary>
    Answered,

    /// <summary>429 or 503: Coc asks to come back after <see cref="HttpSendOutcome.RetryAfter"/>; resend the same batch.</summary>
    RetryLater,

    /// <summary>401 or 403: the key is missing, wrong or not allowed this feed. Resending cannot help.</summary>
    Unauthorized,

    /// <summary>No answer: connection refused, DNS, TLS or timeout. Back off and resend.</summary>
    Unreachable,

    /// <summary>Any other 5xx: Coc failed on its side; the batch is counted as failed.</summary>
    ServerError,
}

/// <param name="Rejected">Items Coc refused (for <see cref="HttpSendKind.Answered"/>).</param>
/// <param name="Detail">The first problem detail Coc gave, or the transport error.</param>
public readonly record struct HttpSendOutcome(HttpSendKind Kind, int Status = 0, int Rejected = 0, string? Detail = null, TimeSpan RetryAfter = default);

/// <summary>
/// Posts batches to Coc's JSON webhooks over one <see cref="HttpClient"/> and classifies the answer.
/// Knows HTTP, not the retry policy: that is <see cref="SimulatorHttpRunner"/>'s job.
/// </summary>
public sealed class HttpFeedSender : IDisposable
{
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(1);

    /// <summary>A problem body is read this far at most: a 500-item refusal is ~50 KB, a hostile proxy could send gigabytes.</summary>
    private const int MaxProblemBytes = 256 * 1024;

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly SimulatorHttpOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly HttpClient _client;

    public HttpFeedSender(SimulatorHttpOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        // Pooled connections are recycled so a Coc moved behind DNS is found again.
        var handler = new SocketsHttpHandler { ConnectTimeout = ConnectTimeout, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        _client = new HttpClient(handler) { Timeout = RequestTimeout };
    }

    public async Task<HttpSendOutcome> SendAsync(HttpFeedBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var request = new HttpRequestMessage(HttpMethod.Post, _options.IngestUri(batch.Feed))
        {
            Content = new ByteArrayContent(batch.Json) { Headers = { ContentType = Json } },
        };
        if (!string.IsNullOrEmpty(_options.ApiKey))
        {
            request.Headers.TryAddWithoutValidation("X-Api-Key", _options.ApiKey);
        }
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return new HttpSendOutcome(HttpSendKind.Answered, status);
            }
            if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
            {
                return new HttpSendOutcome(HttpSendKind.RetryLater, status, RetryAfter: RetryAfterOf(response));
            }
            var (rejected, detail) = await ReadProblemAsync(response, batch.Items, cancellationToken).ConfigureAwait(false);
            return response.StatusCode switch
            {
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new HttpSendOutcome(HttpSendKind.Unauthorized, status, Detail: detail),
                _ when status < 500 => new HttpSendOutcome(HttpSendKind.Answered, status, rejected, detail),
                _ => new HttpSendOutcome(HttpSendKind.ServerError, status, Detail: detail),
            };
        }
        catch (HttpRequestException ex)
        {
            return new HttpSendOutcome(HttpSendKind.Unreachable, Detail: ex.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient reports its own timeout as a cancellation; the caller did not cancel.
            return new HttpSendOutcome(HttpSendKind.Unreachable, Detail: $"no answer within {RequestTimeout.TotalSeconds:0} s");
        }
    }

    private TimeSpan RetryAfterOf(HttpResponseMessage response)
    {
        var retryAfter = response.Headers.RetryAfter;
        var wait = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - _timeProvider.GetUtcNow() : DefaultRetryAfter);
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    /// <summary>
    /// How many items an error answer refused and its first detail. Coc's problem details list
    /// <c>errors[].item</c> for refused items; without that list the whole batch was refused.
    /// </summary>
    private static async Task<(int Rejected, string Detail)> ReadProblemAsync(HttpResponseMessage response, int items, CancellationToken cancellationToken)
    {
        var fallback = $"{(int)response.StatusCode} {response.ReasonPhrase}";
        byte[] body;
        try
        {
            body = await ReadBoundedAsync(response.Content, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            return (items, fallback);
        }
        try
        {
            using var problem = JsonDocument.Parse(body);
            var root = problem.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (items, fallback);
            }
            var detail = root.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? $"{fallback}: {d.GetString()}" : fallback;
            if (!root.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array)
            {
                return (items, detail);
            }
            var refused = new HashSet<int>();
            string? first = null;
            foreach (var error in errors.EnumerateArray())
            {
                if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("item", out var item) && item.TryGetInt32(out var index))
                {
                    refused.Add(index);
                    first ??= error.TryGetProperty("detail", out var itemDetail) ? $"{fallback}: item {index}: {itemDetail}" : null;
                }
            }
            return refused.Count == 0 ? (items, detail) : (Math.Min(items, refused.Count), first ?? detail);
        }
        catch (JsonException)
        {
            return (items, fallback);
        }
    }

    private static async Task<byte[]> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        // Pooled: a Coc refusing every batch answers each one with a problem body.
        var buffer = ArrayPool<byte>.Shared.Rent(MaxProblemBytes);
        try
        {
            var length = 0;
            int read;
            while (length < MaxProblemBytes && (read = await stream.ReadAsync(buffer.AsMemory(length, MaxProblemBytes - length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
            }
            return buffer[..length];
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public void Dispose() => _client.Dispose();
}
