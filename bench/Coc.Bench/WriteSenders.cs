using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Coc.Bench;

/// <summary>
/// An HTTP ingest load: bodies made before the clock starts (for <c>write</c>, <c>--lines</c> lines of line
/// protocol cut into <c>--batch</c>-line bodies; for <c>json</c>, see <see cref="JsonBodies"/>) and a few
/// senders that each POST one body at a time as fast as 204s come back. A 503 is retried with the same
/// body after its Retry-After; any other answer counts as a failed POST and is not retried. The same
/// bodies go to Coc and to the peer.
/// </summary>
public sealed class WriteSenders
{
    /// <summary>Distinct <c>intersection</c> tag values: a few hundred series, as a city's ATCS feed has.</summary>
    public const int Intersections = 300;

    public const int FieldsPerLine = 3;

    private readonly string _contentType;
    private readonly string _unit;

    /// <param name="itemsPerBody">Lines (or JSON items) in each body.</param>
    /// <param name="unit">What an item is called in the description: "lines", "items".</param>
    public WriteSenders(IReadOnlyList<byte[]> bodies, IReadOnlyList<int> itemsPerBody, int batch, int senders, int fieldsPerItem, string contentType, string unit)
    {
        Bodies = bodies;
        ItemsPerBody = itemsPerBody;
        Batch = batch;
        Senders = senders;
        FieldsPerItem = fieldsPerItem;
        _contentType = contentType;
        _unit = unit;
    }

    public IReadOnlyList<byte[]> Bodies { get; }

    public IReadOnlyList<int> ItemsPerBody { get; }

    /// <summary>Items (lines) per full body.</summary>
    public int Batch { get; }

    /// <summary>Concurrent senders, one POST in flight each.</summary>
    public int Senders { get; }

    /// <summary>Samples each item carries: one per field.</summary>
    public int FieldsPerItem { get; }

    public long TotalItems => ItemsPerBody.Sum(n => (long)n);

    public long TotalBytes => Bodies.Sum(b => (long)b.Length);

    /// <summary>
    /// Typical lines, e.g. <c>atcs,intersection=simpang-042 vehicles=41i,queue_m=35,speed_kmh=22.5 1700000000000000000</c>:
    /// timestamps in ns, 1 ms apart and increasing, ending about now (each intersection gets a point every 300 ms).
    /// </summary>
    public static WriteSenders Build(BenchOptions options)
    {
        var bodies = new List<byte[]>();
        var lines = new List<int>();
        var step = 1_000_000L;
        var first = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000L) - (options.Lines * step);
        var random = new Random(20_251_123);
        var sb = new StringBuilder(options.Batch * 90);
        for (long i = 0; i < options.Lines; i += options.Batch)
        {
            sb.Clear();
            var count = (int)Math.Min(options.Batch, options.Lines - i);
            for (var j = 0; j < count; j++)
            {
                var n = i + j;
                sb.Append(CultureInfo.InvariantCulture,
                    $"atcs,intersection=simpang-{n % Intersections:D3} vehicles={random.Next(0, 120)}i,queue_m={random.Next(0, 200)},speed_kmh={random.Next(50, 600) / 10.0:F1} {first + (n * step)}\n");
            }
            bodies.Add(Encoding.UTF8.GetBytes(sb.ToString()));
            lines.Add(count);
        }
        return new WriteSenders(bodies, lines, options.Batch, options.Senders, FieldsPerLine, "text/plain", "lines");
    }

    public string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"{TotalItems:N0} {_unit} × {FieldsPerItem} fields in {Bodies.Count:N0} POSTs of {Batch:N0} {_unit} ({TotalBytes / (double)Bodies.Count / 1024:F0} KiB each), {Senders} sender(s)");

    /// <summary>Sends every body to <paramref name="writeUri"/>; <paramref name="started"/> gets the Stopwatch time just before the first POST.</summary>
    public async Task<WriteSummary> RunAsync(Uri writeUri, string? authorization, Action<long> started, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = Senders, UseProxy = false, AutomaticDecompression = DecompressionMethods.None };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(100) };
        var next = -1;
        long itemsAccepted = 0, posts = 0, busy = 0, failed = 0;
        long lastAcceptedAt = 0;
        string? firstError = null;
        var gate = new object();

        async Task SendAsync()
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < Bodies.Count)
            {
                while (true)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, writeUri) { Content = new ByteArrayContent(Bodies[index]) };
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue(_contentType) { CharSet = "utf-8" };
                    if (authorization is not null)
                    {
                        request.Headers.TryAddWithoutValidation("Authorization", authorization);
                    }
                    Interlocked.Increment(ref posts);
                    using var response = await http.SendAsync(request, cancellationToken);
                    if (response.StatusCode == HttpStatusCode.NoContent)
                    {
                        Interlocked.Add(ref itemsAccepted, ItemsPerBody[index]);
                        var at = Stopwatch.GetTimestamp();
                        lock (gate)
                        {
                            lastAcceptedAt = Math.Max(lastAcceptedAt, at);
                        }
                        break;
                    }
                    if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                    {
                        Interlocked.Increment(ref busy);
                        var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
                        await Task.Delay(wait, cancellationToken);
                        continue;
                    }
                    Interlocked.Increment(ref failed);
                    var text = await response.Content.ReadAsStringAsync(cancellationToken);
                    lock (gate)
                    {
                        firstError ??= $"{(int)response.StatusCode} {text}";
                    }
                    break;
                }
            }
        }

        started(Stopwatch.GetTimestamp());
        await Task.WhenAll(Enumerable.Range(0, Senders).Select(_ => Task.Run(SendAsync, cancellationToken)));
        return new WriteSummary(itemsAccepted, posts, busy, failed, firstError, lastAcceptedAt);
    }
}

/// <summary>What the senders saw: lines (or JSON items) in 204-answered POSTs, POSTs sent (retries too), 503s, other failures, and when the last 204 came.</summary>
public sealed record WriteSummary(long ItemsAccepted, long Posts, long Busy, long Failed, string? FirstError, long LastAcceptedAt);
