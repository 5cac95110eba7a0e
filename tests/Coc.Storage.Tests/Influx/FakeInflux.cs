using System.IO.Compression;
using System.Net;
using System.Text;

namespace Coc.Storage.Tests.Influx;

/// <summary>
/// Plays an InfluxDB server for the store's HTTP client: down (connection refused) or up, with an answer
/// chosen per write body. Keeps every body it accepted, decompressed, in arrival order.
/// </summary>
public sealed class FakeInflux : HttpMessageHandler
{
    private readonly List<string> _written = [];
    private volatile bool _up;

    /// <summary>The status for a write body while up; 204 unless a test says otherwise.</summary>
    public Func<string, HttpStatusCode> Answer { get; set; } = _ => HttpStatusCode.NoContent;

    public bool Up
    {
        get => _up;
        set => _up = value;
    }

    public int WriteAttempts;

    /// <summary>Lines accepted so far, oldest first.</summary>
    public IReadOnlyList<string> WrittenLines
    {
        get
        {
            lock (_written)
            {
                return [.. _written.SelectMany(b => b.Split('\n', StringSplitOptions.RemoveEmptyEntries))];
            }
        }
    }

    /// <summary>The value of each accepted line (the number after the field's '='), oldest first.</summary>
    public IReadOnlyList<double> WrittenValues => [.. WrittenLines.Select(l => double.Parse(l.Split(' ')[1].Split('=')[1], System.Globalization.CultureInfo.InvariantCulture))];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!_up)
        {
            throw new HttpRequestException("Connection refused (fake)");
        }
        var path = request.RequestUri!.AbsolutePath;
        if (path.EndsWith("/ping", StringComparison.Ordinal))
        {
            return new HttpResponseMessage(HttpStatusCode.NoContent);
        }
        if (!path.EndsWith("/write", StringComparison.Ordinal))
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound);
        }
        Interlocked.Increment(ref WriteAttempts);
        var compressed = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
        using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(cancellationToken);
        var status = Answer(body);
        if (status == HttpStatusCode.NoContent)
        {
            lock (_written)
            {
                _written.Add(body);
            }
            return new HttpResponseMessage(status);
        }
        return new HttpResponseMessage(status) { Content = new StringContent($$"""{"error":"fake {{(int)status}}"}""") };
    }
}
