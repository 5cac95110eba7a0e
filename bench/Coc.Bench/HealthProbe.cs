using System.Text.Json;

namespace Coc.Bench;

/// <summary>Reads Coc's <c>/health</c>: whether MQTT ingest is subscribed, the ingest counters, and the process's memory.</summary>
public sealed class HealthProbe(Uri baseUri) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(5), DefaultRequestHeaders = { Authorization = BenchAuth.OperatorBasic } };

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
        ProcessMemory? memory = null;
        if (checks.TryGetProperty("process", out var process) && process.TryGetProperty("data", out var p))
        {
            long P(string name) => p.TryGetProperty(name, out var v) ? v.GetInt64() : 0;
            memory = new ProcessMemory(P("workingSetBytes"), P("heapAfterLastGcBytes"), P("heapCommittedBytes"), P("gen2Collections"), P("uptimeSeconds"));
        }
        return new HealthSnapshot(
            ingestStatus == "Healthy",
            Read("samplesIn"),
            Read("samplesStored"),
            Read("storeDropped"),
            Read("storeFailures"),
            Read("ingestQueueDepth"),
            Read("storeQueueDepth"),
            Read("liveSeries"),
            memory);
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
    long LiveSeries,
    ProcessMemory? Process);

/// <summary>
/// The <c>process</c> check's data: working set, the managed heap at the end of the last GC (what the program
/// keeps, plus older-generation garbage that GC did not collect), the memory the GC has committed, and gen2 GCs so far.
/// </summary>
public sealed record ProcessMemory(
    long WorkingSetBytes,
    long HeapAfterLastGcBytes,
    long HeapCommittedBytes,
    long Gen2Collections,
    long UptimeSeconds);
