using System.Globalization;

namespace Coc.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/Coc.Bench -- [latency|ingest|lp-mqtt|write|json|all|soak|store|failover|alarm] [options]</c>: runs the benches
/// against the built Coc.Web, prints the figures as markdown and, with --write-docs, puts them in docs/benchmarks.md.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // The ingest peer's broker runs as a child process of the bench itself.
        if (args is [BareBroker.Mode, var port])
        {
            return await BareBroker.RunAsync(port);
        }
        if (args is [BareHttp.Mode, var httpPort])
        {
            return await BareHttp.RunAsync(httpPort);
        }
        var options = BenchOptions.Parse(args, out var error);
        if (options is null)
        {
            var help = error == "help";
            (help ? Console.Out : Console.Error).WriteLine((help ? "" : $"error: {error}{Environment.NewLine}") + BenchOptions.Usage);
            return help ? 0 : 2;
        }

        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // The first Ctrl+C stops the run and cleans up; a second one ends the process (the child is still killed on exit).
            e.Cancel = !cts.IsCancellationRequested;
            Console.Error.WriteLine("Stopping: killing Coc.Web and deleting its temp folder…");
            cts.Cancel();
        };
        // A SIGTERM (kill, a CI timeout) takes the same path: left to the runtime, it exits without killing the children.
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
        {
            context.Cancel = !cts.IsCancellationRequested;
            Console.Error.WriteLine("SIGTERM: killing the bench's child processes and deleting the temp folder…");
            cts.Cancel();
        });

        try
        {
            var root = RepoPaths.FindRoot();
            var started = DateTimeOffset.UtcNow;
            if (options.RunStore)
            {
                // The stores run inside the bench: no Coc.Web to build or start.
                await StoreRun.RunAsync(options, root, started, args, cts.Token);
                return 0;
            }
            var dll = RepoPaths.WebDll(root);
            var loadBefore = MachineInfo.LoadAverage();
            var logFolder = Path.Combine(Path.GetTempPath(), "coc-bench-logs", started.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
            if (options.RunFailover)
            {
                await FailoverRun.RunAsync(options, root, dll, logFolder, started, args, cts.Token);
                return 0;
            }
            if (options.RunAlarm)
            {
                await AlarmRun.RunAsync(options, root, dll, logFolder, started, args, cts.Token);
                return 0;
            }
            if (options.RunSoak)
            {
                await SoakRun.RunAsync(options, root, dll, Path.Combine(logFolder, "soak.log"), started, args, cts.Token);
                return 0;
            }
            var runs = new List<RunResult>();
            for (var run = 1; run <= options.Runs; run++)
            {
                runs.Add(await BenchRun.RunAsync(run, options, dll, logFolder, cts.Token));
            }
            var sections = Sections(runs).ToList();
            var header = Header(started, root, args, loadBefore, MachineInfo.LoadAverage());
            Console.WriteLine();
            Console.WriteLine(header);
            foreach (var (_, title, body) in sections)
            {
                Console.WriteLine($"### {title}{Environment.NewLine}{Environment.NewLine}{body}");
            }
            Console.WriteLine("App logs (first warnings/errors):");
            Console.WriteLine(Report.LogNotes(runs.SelectMany(r => new[] { ("latency", r.LatencyLog), ("ingest", r.IngestLog), ("lp-mqtt", r.LpMqttLog), ("write", r.WriteLog), ("json", r.JsonLog) })
                .Where(l => l.Item2 is not null).Select(l => (Bench: l.Item1, Log: l.Item2!))));
            if (options.WriteDocs)
            {
                var docs = RepoPaths.Docs(root);
                foreach (var (name, title, body) in sections)
                {
                    DocsWriter.WriteSection(docs, name, title, header, body);
                }
                Console.WriteLine($"Wrote {docs}");
            }
            return 0;
        }
        catch (BenchException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return 1;
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            Console.Error.WriteLine("Cancelled.");
            return 130;
        }
    }

    private static IEnumerable<(string Name, string Title, string Body)> Sections(List<RunResult> runs)
    {
        if (runs.All(r => r.Latency is not null))
        {
            yield return ("latency", "Latency: MQTT publish → SignalR hub, against the broker alone",
                Report.Latency([.. runs.Select(r => r.Latency!)], [.. runs.Select(r => r.LatencyLog!)]));
        }
        if (runs.All(r => r.Ingest is not null))
        {
            var body = Report.Ingest([.. runs.Select(r => r.Ingest!)], [.. runs.Select(r => r.IngestLog!)]);
            // A paced run answers another question (what a given load costs) and keeps its own section.
            var paced = runs[0].Ingest!.PacedRate;
            yield return paced > 0
                ? ("ingest-paced", FormattableString.Invariant($"Ingest, publishers paced at {paced:N0} msg/s: MQTT publish → embedded store, against a bare MQTTnet broker"), body)
                : ("ingest", "Ingest: MQTT publish → embedded store, against a bare MQTTnet broker", body);
        }
        if (runs.All(r => r.LpMqtt is not null))
        {
            var body = Report.Ingest([.. runs.Select(r => r.LpMqtt!)], [.. runs.Select(r => r.LpMqttLog!)],
                ", one line of line protocol a message on `coc/lp/bench` (ns timestamp; Telegraf's MQTT output sends one metric a message by default)");
            var paced = runs[0].LpMqtt!.PacedRate;
            yield return paced > 0
                ? ("lp-mqtt-paced", FormattableString.Invariant($"Line protocol over MQTT, publishers paced at {paced:N0} msg/s: `coc/lp/bench` → embedded store, against a bare MQTTnet broker"), body)
                : ("lp-mqtt", "Line protocol over MQTT: `coc/lp/bench` → embedded store, against a bare MQTTnet broker", body);
        }
        if (runs.All(r => r.Write is not null))
        {
            yield return ("write", "Write: InfluxDB line protocol `POST /write` → embedded store, against a bare ASP.NET Core endpoint",
                Report.Write([.. runs.Select(r => r.Write!)], [.. runs.Select(r => r.WriteLog!)]));
        }
        if (runs.All(r => r.Json is not null))
        {
            yield return ("json", "JSON webhook `POST /api/ingest/atcs` → embedded store, against a bare ASP.NET Core endpoint",
                JsonReport.Json([.. runs.Select(r => r.Json!)], [.. runs.Select(r => r.JsonLog!)]));
        }
    }

    private static string Header(DateTimeOffset started, string root, string[] args, string loadBefore, string loadAfter) =>
        $"""
        - Date: {started.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC
        - Machine: {MachineInfo.Current()}; load average (1 min) {loadBefore} before, {loadAfter} after
        - App: `src/Coc.Web/bin/Release/net10.0/Coc.Web.dll` (commit {RepoPaths.Commit(root)}), a child process on loopback, simulator off, fresh temp store
        - Command: `dotnet build -c Release src/Coc.Web && dotnet run -c Release --project bench/Coc.Bench -- {string.Join(' ', args)}`

        """;
}
