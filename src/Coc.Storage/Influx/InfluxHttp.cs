using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Coc.Storage.Influx;

/// <summary>
/// The v1 HTTP API, as 1.x, 2.x (v1 compatibility) and 3.x serve it: <c>POST /write</c> with a gzip
/// line-protocol body, <c>GET /query</c> for reads, <c>POST /query</c> for <c>CREATE DATABASE</c>, <c>GET /ping</c>.
/// </summary>
internal sealed partial class InfluxHttp : IDisposable
{
    private readonly HttpClient _client;
    private readonly string _writePath;
    private readonly string _queryPrefix;
    private readonly string _database;

    public InfluxHttp(InfluxOptions options, HttpMessageHandler? handler = null)
    {
        _database = options.Database;
        var inner = handler ?? new SocketsHttpHandler
        {
            // A dead host must fail within the request timeout, not the OS's two-minute connect timeout.
            ConnectTimeout = TimeSpan.FromSeconds(Math.Min(options.TimeoutSeconds, 5)),
            AutomaticDecompression = DecompressionMethods.GZip,
        };
        // The base URL may carry a path (behind a reverse proxy); a trailing slash keeps it when resolving.
        _client = new HttpClient(inner, disposeHandler: true)
        {
            BaseAddress = new Uri(options.Url.TrimEnd('/') + "/"),
            Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
        };
        if (!string.IsNullOrEmpty(options.Token))
        {
            _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", options.Token);
        }
        else if (!string.IsNullOrEmpty(options.Username))
        {
            var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Username}:{options.Password}"));
            _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", basic);
        }
        var rp = options.RetentionPolicyOrDefault is { } r ? "&rp=" + Uri.EscapeDataString(r) : "";
        _writePath = $"write?db={Uri.EscapeDataString(options.Database)}{rp}&precision=ms";
        _queryPrefix = $"query?db={Uri.EscapeDataString(options.Database)}&epoch=ms&chunked=true&chunk_size=10000&q=";
    }

    public string Describe => _client.BaseAddress!.GetLeftPart(UriPartial.Path);

    /// <summary>Sends one gzip body. Never throws for the server's or the network's failures: the outcome says what happened.</summary>
    public async Task<WriteOutcome> WriteAsync(byte[] gzipBody, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(gzipBody);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
        content.Headers.ContentEncoding.Add("gzip");
        try
        {
            using var response = await _client.PostAsync(_writePath, content, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return WriteOutcome.Written;
            }
            var error = await ErrorOf(response, cancellationToken).ConfigureAwait(false);
            return response.StatusCode switch
            {
                // The points themselves are wrong (parse error, field type conflict, outside the retention
                // policy): sending them again cannot succeed. A "partial write" has stored the good ones.
                HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity => WriteOutcome.Rejected(error, DroppedCount(error)),
                HttpStatusCode.RequestEntityTooLarge => WriteOutcome.TooLarge(error),
                // Anything else (401/403 credentials, 404 database not found, 429, 5xx) is the server's or
                // the configuration's state, which someone fixes: keep the points and try again.
                _ => WriteOutcome.Failed(error),
            };
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return WriteOutcome.Failed(Unreachable(ex));
        }
    }

    /// <summary>Runs a read query; the answer's series, chunks merged. Throws <see cref="InfluxException"/> on any failure.</summary>
    public async Task<List<ResultSeries>> QueryAsync(string query, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _client.GetAsync(_queryPrefix + Uri.EscapeDataString(query), HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new InfluxException($"InfluxDB at {Describe} answered {Status(response)} to a query: {await ErrorOf(response, cancellationToken).ConfigureAwait(false)}");
            }
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                return await ReadSeriesAsync(body, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or JsonException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new InfluxException($"InfluxDB at {Describe} did not answer a query: {Unreachable(ex)}", ex);
        }
    }

    /// <summary><c>CREATE DATABASE</c> must be a POST (1.x refuses writes to the catalogue over GET); it is a no-op when the database exists.</summary>
    public async Task CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        using var form = new FormUrlEncodedContent([KeyValuePair.Create("q", InfluxQl.CreateDatabase(_database))]);
        using var response = await _client.PostAsync("query", form, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"CREATE DATABASE answered {Status(response)}: {await ErrorOf(response, cancellationToken).ConfigureAwait(false)}");
        }
        var answer = await response.Content.ReadFromJsonAsync<QueryResponse>(QueryResponse.Json, cancellationToken).ConfigureAwait(false);
        if (FirstError(answer) is { } error)
        {
            throw new HttpRequestException($"CREATE DATABASE failed: {error}");
        }
    }

    /// <summary>True when the server answers <c>/ping</c> with a 2xx.</summary>
    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _client.GetAsync("ping", cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }

    public void Dispose() => _client.Dispose();

    private static async Task<List<ResultSeries>> ReadSeriesAsync(Stream body, CancellationToken cancellationToken)
    {
        var series = new List<ResultSeries>();
        var documents = JsonSerializer.DeserializeAsyncEnumerable<QueryResponse>(body, topLevelValues: true, QueryResponse.Json, cancellationToken);
        await foreach (var document in documents.ConfigureAwait(false))
        {
            if (FirstError(document) is { } error)
            {
                // A database nobody has written to yet holds no series; that is an empty answer, not a failure.
                if (error.StartsWith("database not found", StringComparison.Ordinal))
                {
                    return [];
                }
                throw new InfluxException($"InfluxDB refused a query: {error}");
            }
            foreach (var part in document!.Results?.SelectMany(r => r.Series ?? []) ?? [])
            {
                // Chunks cut a series into parts; the parts of one series come one after another.
                if (series.Count > 0 && SameSeries(series[^1], part))
                {
                    series[^1].Values.AddRange(part.Values);
                }
                else
                {
                    series.Add(part);
                }
            }
        }
        return series;
    }

    private static string? FirstError(QueryResponse? response) =>
        response?.Error ?? response?.Results?.Select(r => r.Error).FirstOrDefault(e => e is not null);

    private static bool SameSeries(ResultSeries a, ResultSeries b) =>
        a.Name == b.Name && (a.Tags ?? []).Count == (b.Tags ?? []).Count && (a.Tags ?? []).All(t => b.Tags!.TryGetValue(t.Key, out var v) && v == t.Value);

    private static async Task<string> ErrorOf(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return Status(response);
        }
        try
        {
            // 1.x and 2.x answer {"error": "..."} (2.x also {"code", "message"}); 3.x may answer plain text.
            using var json = JsonDocument.Parse(text);
            foreach (var name in new[] { "error", "message" })
            {
                if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    return $"{Status(response)}: {value.GetString()}";
                }
            }
        }
        catch (JsonException)
        {
            // not JSON: the text itself is the best description there is
        }
        return $"{Status(response)}: {(text.Length > 500 ? text[..500] + "…" : text)}";
    }

    private static string Status(HttpResponseMessage response) => $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";

    private string Unreachable(Exception ex) => ex switch
    {
        TaskCanceledException => $"no answer from {Describe} within {_client.Timeout.TotalSeconds:0} s",
        _ => $"{Describe}: {ex.GetBaseException().Message}",
    };

    // "partial write: ... dropped=2": how many points the server refused; the rest of the body was stored.
    private static int? DroppedCount(string error) =>
        DroppedPattern().Match(error) is { Success: true } m && int.TryParse(m.Groups[1].ValueSpan, out var n) ? n : null;

    [GeneratedRegex(@"dropped=(\d+)")]
    private static partial Regex DroppedPattern();
}
