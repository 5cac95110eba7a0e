using System.Text.Json;

namespace Coc.Bench;

/// <summary>Reads Coc's <c>/health</c>: whether MQTT ingest is subscribed, and the ingest counters.</summary>
public sealed class HealthProbe(Uri baseUri) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>Null while the app does not answer yet.</summary>
    public async Task<HealthSnapshot?> TryReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            // /health answers 503 with the same JSON body when a check is unhealthy: read it anyway.
            using var response = await _http.GetAsync("/health", cancellationToken);
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var doc = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
            return Parse(doc.RootElement);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    public async Task<HealthSnapshot> ReadAsync(CancellationToken cancellationToken) =>
        await TryReadAsync(cancellationToken) ?? throw new BenchException("Coc stopped answering /health during the run.");

    private static HealthSnapshot Parse(JsonElement root)
    {
        var checks = root.GetProperty("checks");
        var ingestStatus = checks.TryGetProperty("mqtt-ingest", out var mqtt) ? mqtt.GetProperty("status").GetString() : null;
        var data = checks.GetProperty("ingest").GetProperty("data");
        long Read(string name) => data.TryGetProperty(name, out var v) ? v.GetInt64() : 0;
        return new HealthSnapshot(
            ingestStatus == "Healthy",
            Read("samplesIn"),
            Read("samplesStored"),
            Read("storeDropped"),
            Read("storeFailures"),
            Read("ingestQueueDepth"),
            Read("storeQueueDepth"),
            Read("liveSeries"));
    }

    public void Dispose() => _http.Dispose();
}

public sealed record HealthSnapshot(
    bool MqttIngestHealthy,
    long SamplesIn,
    long SamplesStored,
    long StoreDropped,
    long StoreFailures,
    long IngestQueueDepth,
    long StoreQueueDepth,
    long LiveSeries);
