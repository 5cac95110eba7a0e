using System.Buffers;
using Coc.Core.Ingest;
using Coc.Core.Ingest.Mapping;
using Coc.Ingest.Http;

namespace Coc.Ingest.Pull;

/// <summary>
/// One poll of one source: GET within the source's timeout, the body read bounded, opened as JSON
/// and mapped. Never throws for a bad answer: a failure comes back as a rejection in the result,
/// its detail naming the URL (without query or credentials) and what went wrong.
/// </summary>
internal sealed class PullFetcher(HttpClient http, TimeProvider time)
{
    // Remote APIs nest deeper than device payloads (BMKG: data → cuaca → [day] → [hour]).
    private const int MaxJsonDepth = 64;

    public async Task<ParseResult> FetchAsync(PullTarget target, CancellationToken stoppingToken)
    {
        var source = target.Source;
        var result = new ParseResult(source.Name);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(source.TimeoutSeconds), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, target.Url);
            foreach (var (name, value) in target.Headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            if (!response.IsSuccessStatusCode)
            {
                Fail(result, target, $"GET {target.ShownUrl} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd());
                return result;
            }
            var announced = response.Content.Headers.ContentLength;
            if (announced > source.MaxResponseBytes)
            {
                Fail(result, target, $"GET {target.ShownUrl} announced {announced} bytes, over MaxResponseBytes ({source.MaxResponseBytes}); not read");
                return result;
            }
            await using var stream = await response.Content.ReadAsStreamAsync(linked.Token);
            using var body = await LimitedBody.ReadAsync(stream, source.MaxResponseBytes, (int)Math.Min(announced ?? 16 * 1024, source.MaxResponseBytes), linked.Token);
            if (body is null)
            {
                Fail(result, target, $"GET {target.ShownUrl} sent more than MaxResponseBytes ({source.MaxResponseBytes}); refused");
                return result;
            }
            var receivedAt = time.GetUtcNow();
            using var doc = JsonPayload.TryOpen(new ReadOnlySequence<byte>(body.Memory), MaxJsonDepth, out var reason, out var detail);
            if (doc is null)
            {
                result.Rejections.Add(new Rejection(source.Name, reason, $"GET {target.ShownUrl}: {detail}", target.ShownUrl, receivedAt));
                return result;
            }
            JsonRecordMapper.Map(target.Mapping, doc.RootElement, segments: null, target.ShownUrl, receivedAt, result);
            return result;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            Fail(result, target, $"GET {target.ShownUrl} timed out after {source.TimeoutSeconds} s (TimeoutSeconds)");
            return result;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            // The messages name the host and port or the TLS problem, never the query.
            Fail(result, target, $"GET {target.ShownUrl} failed: {Innermost(ex).Message}");
            return result;
        }
    }

    private void Fail(ParseResult result, PullTarget target, string detail) =>
        result.Rejections.Add(new Rejection(result.Feed, RejectReason.PullFailed, detail, target.ShownUrl, time.GetUtcNow()));

    private static Exception Innermost(Exception ex)
    {
        while (ex.InnerException is { } inner)
        {
            ex = inner;
        }
        return ex;
    }
}
