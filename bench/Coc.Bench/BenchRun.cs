namespace Coc.Bench;

/// <summary>One whole run: each selected bench against its own fresh Coc.Web, so neither sees the other's data or load.</summary>
public static class BenchRun
{
    public static async Task<RunResult> RunAsync(int run, BenchOptions options, string dll, string logFolder, CancellationToken cancellationToken)
    {
        LatencyResult? latency = null;
        AppLogSummary? latencyLog = null;
        IngestResult? ingest = null;
        AppLogSummary? ingestLog = null;
        if (options.RunLatency)
        {
            await using var app = await StartAsync(run, options, dll, logFolder, "latency", cancellationToken);
            latency = await new LatencyBench(options, app, Console.Out).RunAsync(cancellationToken);
            latencyLog = AppLogSummary.Of(app.Log);
            Console.WriteLine($"  → hub p50 {latency.Hub.P50:F2} ms, p99 {latency.Hub.P99:F2} ms, lost {latency.HubLost:N0}; peer p50 {latency.Peer.P50:F2} ms, p99 {latency.Peer.P99:F2} ms, lost {latency.PeerLost:N0}");
        }
        if (options.RunIngest)
        {
            (ingest, ingestLog) = await RunMqttIngestAsync(run, options, dll, logFolder, "ingest", lineProtocol: false, cancellationToken);
        }
        IngestResult? lpMqtt = null;
        AppLogSummary? lpMqttLog = null;
        if (options.RunLpMqtt)
        {
            (lpMqtt, lpMqttLog) = await RunMqttIngestAsync(run, options, dll, logFolder, "lp-mqtt", lineProtocol: true, cancellationToken);
        }
        WriteResult? write = null;
        AppLogSummary? writeLog = null;
        if (options.RunWrite)
        {
            (write, writeLog) = await RunHttpDoorAsync(run, options, dll, logFolder, "write", WriteSenders.Build(options), WriteBench.WritePath, "lines", cancellationToken);
        }
        WriteResult? json = null;
        AppLogSummary? jsonLog = null;
        if (options.RunJson)
        {
            (json, jsonLog) = await RunHttpDoorAsync(run, options, dll, logFolder, "json", JsonBodies.Build(options), JsonBodies.Path, "items", cancellationToken);
        }
        return new RunResult(run, latency, latencyLog, ingest, ingestLog, write, writeLog, json, jsonLog, lpMqtt, lpMqttLog);
    }

    /// <summary>One MQTT ingest bench (JSON on coc/sensors, or line protocol on coc/lp): the publishers against a fresh Coc.Web, then against the bare broker.</summary>
    private static async Task<(IngestResult Result, AppLogSummary Log)> RunMqttIngestAsync(int run, BenchOptions options, string dll, string logFolder,
        string bench, bool lineProtocol, CancellationToken cancellationToken)
    {
        IngestResult ingest;
        AppLogSummary log;
        await using (var app = await StartAsync(run, options, dll, logFolder, bench, cancellationToken))
        {
            ingest = await new IngestBench(options, app, lineProtocol, Console.Out).RunAsync(cancellationToken);
            log = AppLogSummary.Of(app.Log);
        }
        Console.WriteLine($"  → store {ingest.StoreSamplesPerSecond:N0} samples/s ({ingest.Store.Seconds:F2} s, lost {ingest.Lost:N0}, storeDropped {ingest.Store.StoreDropped:N0}); Coc's PUBACKs {ingest.PubackSamplesPerSecond:N0} samples/s ({ingest.PubackSeconds:F2} s)");
        // The peer phase starts only once Coc.Web is gone: the bare broker gets the machine Coc had.
        ingest = ingest with { Bare = await RunBareBrokerAsync(run, options, dll, bench, lineProtocol, cancellationToken) };
        Console.WriteLine($"  → bare broker {ingest.BareSamplesPerSecond:N0} samples/s ({ingest.BareSeconds:F2} s, publish failures {ingest.Bare!.PublishFailures:N0}); Coc / bare broker {ingest.RatioToBare:F2}×");
        return (ingest, log);
    }

    /// <summary>One HTTP door (<c>write</c> or <c>json</c>): the senders against a fresh Coc.Web with a real key, then against the bare endpoint.</summary>
    private static async Task<(WriteResult Result, AppLogSummary Log)> RunHttpDoorAsync(int run, BenchOptions options, string dll, string logFolder,
        string bench, WriteSenders senders, string path, string unit, CancellationToken cancellationToken)
    {
        var (key, environment) = WriteBench.MakeKey();
        WriteResult result;
        AppLogSummary log;
        await using (var app = await StartAsync(run, options, dll, logFolder, bench, cancellationToken, environment))
        {
            result = await new WriteBench(options, senders, app, path, key, Console.Out).RunAsync(cancellationToken);
            log = AppLogSummary.Of(app.Log);
        }
        Console.WriteLine($"  → accepted {result.AcceptedLinesPerSecond:N0} {unit}/s ({result.AcceptSeconds:F2} s, 503s {result.Sent.Busy:N0}, failed POSTs {result.Sent.Failed:N0}); store {result.StoreSamplesPerSecond:N0} samples/s ({result.Store.Seconds:F2} s, lost {result.Lost:N0})");
        if (result.Sent.FirstError is { } error)
        {
            Console.WriteLine($"  first failed answer: {(error.Length > 300 ? error[..300] + "…" : error)}");
        }
        // The peer phase starts only once Coc.Web is gone: the bare endpoint gets the machine Coc had.
        await using (var server = await BareBrokerProcess.StartAsync(dll, BareHttp.Mode, BareHttp.ReadyLine, "the bare HTTP endpoint", cancellationToken))
        {
            Console.WriteLine($"run {run}/{options.Runs} {bench} peer: bare ASP.NET Core endpoint pid {server.Pid}, http 127.0.0.1:{server.Port}");
            result = result with { Bare = await new BareHttpBench(senders, server, path, Console.Out).RunAsync(cancellationToken) };
        }
        Console.WriteLine($"  → bare HTTP {result.BareLinesPerSecond:N0} {unit}/s ({result.Bare!.Seconds:F2} s, failed POSTs {result.Bare.Sent.Failed:N0}); Coc / bare HTTP {result.RatioToBare:F2}×");
        return (result, log);
    }

    private static async Task<BareBrokerResult> RunBareBrokerAsync(int run, BenchOptions options, string dll, string bench, bool lineProtocol, CancellationToken cancellationToken)
    {
        await using var broker = await BareBrokerProcess.StartAsync(dll, cancellationToken);
        Console.WriteLine($"run {run}/{options.Runs} {bench} peer: bare MQTTnet broker pid {broker.Pid}, mqtt 127.0.0.1:{broker.MqttPort}");
        return await new BareBrokerBench(options, broker, lineProtocol, Console.Out).RunAsync(cancellationToken);
    }

    private static async Task<AppProcess> StartAsync(int run, BenchOptions options, string dll, string logFolder, string bench, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? environment = null)
    {
        var app = await AppProcess.StartAsync(dll, Path.Combine(logFolder, $"run{run}-{bench}.log"), cancellationToken, environment);
        Console.WriteLine($"run {run}/{options.Runs} {bench}: Coc.Web pid {app.Pid}, http {app.HttpBase}, mqtt 127.0.0.1:{app.MqttPort}");
        return app;
    }
}
