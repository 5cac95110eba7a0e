using System.Globalization;
using System.Text;

namespace Coc.Bench;

/// <summary>
/// The figures as markdown: medians over the runs against the targets and the peer, then each run.
/// Ratios in the median tables are of the medians; the per-run tables give each run's own ratio.
/// Targets come from the issue: p99 ≤ 100 ms at 2,000 msg/s; ingest ≥ 20,000 samples/s with nothing lost;
/// <c>/write</c> with 5,000-line batches at ≥ 200,000 lines/s into the embedded store on a 2-core machine.
/// </summary>
public static class Report
{
    public const double LatencyP99TargetMs = 100;
    public const double IngestTargetSamplesPerSecond = 20_000;
    public const double WriteTargetLinesPerSecond = 200_000;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Latency(IReadOnlyList<LatencyResult> runs, IReadOnlyList<AppLogSummary> logs)
    {
        double M(Func<LatencyResult, double> f) => Percentiles.Median(runs.Select(f));
        var (hubP50, peerP50) = (M(r => r.Hub.P50), M(r => r.Peer.P50));
        var hubP99 = M(r => r.Hub.P99);
        var hubLostAll = runs.Sum(r => r.HubLost);
        var sb = new StringBuilder();
        sb.AppendLine(Inv, $"Median of {runs.Count} run(s); {runs[0].Sent:N0} measured messages per run at {runs[0].Rate:N0} msg/s (achieved {M(r => r.AchievedRate):N0} msg/s, publisher max lag {M(r => r.PublisherMaxLagMs):F1} ms); CPU busy: Coc.Web {M(r => r.Cpu.AppCores):F2} + bench {M(r => r.Cpu.BenchCores):F2} of {runs[0].Cpu.Cores} cores.");
        sb.AppendLine();
        sb.AppendLine("| Latency | Coc: publish → hub `update` | Peer: publish → MQTT subscriber | Coc / peer | Target | Met |");
        sb.AppendLine("|---|--:|--:|--:|---|---|");
        Row(sb, "p50 (ms)", hubP50, peerP50);
        Row(sb, "p95 (ms)", M(r => r.Hub.P95), M(r => r.Peer.P95));
        Row(sb, "p99 (ms)", hubP99, M(r => r.Peer.P99), "≤ 100 ms", hubP99 <= LatencyP99TargetMs);
        Row(sb, "max (ms)", M(r => r.Hub.Max), M(r => r.Peer.Max));
        sb.AppendLine(Inv, $"| received of sent | {M(r => r.Hub.Count):N0} of {M(r => r.Sent):N0} | {M(r => r.Peer.Count):N0} of {M(r => r.Sent):N0} | | | |");
        sb.AppendLine(Inv, $"| lost (all runs) | {hubLostAll:N0} | {runs.Sum(r => r.PeerLost):N0} | | 0 | {YesNo(hubLostAll == 0)} |");
        if (runs.Any(r => r.HubDuplicates + r.PeerDuplicates > 0))
        {
            sb.AppendLine(Inv, $"| received twice (all runs) | {runs.Sum(r => r.HubDuplicates):N0} | {runs.Sum(r => r.PeerDuplicates):N0} | | 0 | |");
        }
        sb.AppendLine();
        sb.AppendLine("| Run | hub p50 | hub p95 | hub p99 | hub max | hub lost | peer p50 | peer p99 | peer max | peer lost | CPU app + bench (cores) | app log warn/err |");
        sb.AppendLine("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|");
        for (var i = 0; i < runs.Count; i++)
        {
            var r = runs[i];
            sb.AppendLine(Inv, $"| {i + 1} | {r.Hub.P50:F2} | {r.Hub.P95:F2} | {r.Hub.P99:F2} | {r.Hub.Max:F2} | {r.HubLost:N0} | {r.Peer.P50:F2} | {r.Peer.P99:F2} | {r.Peer.Max:F2} | {r.PeerLost:N0} | {r.Cpu.AppCores:F2} + {r.Cpu.BenchCores:F2} | {logs[i].Warnings}/{logs[i].Errors} |");
        }
        return sb.ToString();
    }

    /// <param name="payloadNote">What a message is, when not the JSON <c>{"ts", "fields"}</c> of the ingest bench (appended after "MQTT QoS 1").</param>
    public static string Ingest(IReadOnlyList<IngestResult> runs, IReadOnlyList<AppLogSummary> logs, string payloadNote = "")
    {
        double M(Func<IngestResult, double> f) => Percentiles.Median(runs.Select(f));
        var first = runs[0];
        var storeRate = M(r => r.StoreSamplesPerSecond);
        var bareRate = M(r => r.BareSamplesPerSecond);
        var lostAll = runs.Sum(r => r.Lost);
        var sb = new StringBuilder();
        sb.AppendLine(Inv, $"Median of {runs.Count} run(s); {first.Messages:N0} messages × {first.Fields} fields = {first.Messages * first.Fields:N0} samples per run, MQTT QoS 1{payloadNote}, {(first.PacedRate > 0 ? $"publishers paced at {first.PacedRate:N0} msg/s" : "publishers unpaced (as fast as PUBACKs come)")}. Peer: the same publishers against a bare MQTTnet 5 broker (own child process, default options, no subscriber, no interception), measured in each run right after Coc.Web has stopped.");
        sb.AppendLine();
        sb.AppendLine("| Ingest | Coc: first publish → all in the store | Peer: bare broker, first publish → last PUBACK | Coc / peer | Publishers released by Coc: first publish → last PUBACK | Target | Met |");
        sb.AppendLine("|---|--:|--:|--:|--:|---|---|");
        // The target is one: the rate *and* nothing lost; a fast run that loses samples does not meet it.
        var rateMet = storeRate >= IngestTargetSamplesPerSecond;
        sb.AppendLine(Inv, $"| samples/s | {storeRate:N0} | {bareRate:N0} | {Ratio(storeRate, bareRate)} | {M(r => r.PubackSamplesPerSecond):N0} | ≥ 20,000, nothing lost | {(rateMet && lostAll == 0 ? "yes" : rateMet ? "**no** (rate met, samples lost)" : "**no**")} |");
        void Line(string name, double coc, double peer, double released, string format) =>
            sb.AppendLine(Inv, $"| {name} | {coc.ToString(format, Inv)} | {peer.ToString(format, Inv)} | {Ratio(coc, peer)} | {released.ToString(format, Inv)} | | |");
        Line("messages/s", M(r => r.StoreMessagesPerSecond), M(r => r.BareMessagesPerSecond), M(r => r.PubackMessagesPerSecond), "N0");
        Line("seconds", M(r => r.Store.Seconds), M(r => r.BareSeconds), M(r => r.PubackSeconds), "F2");
        sb.AppendLine(Inv, $"| lost = sent − stored (all runs) | {lostAll:N0} | | | | 0 | {YesNo(lostAll == 0)} |");
        sb.AppendLine(Inv, $"| publish failures (all runs) | | {runs.Sum(r => r.Bare?.PublishFailures ?? 0):N0} | | {runs.Sum(r => r.PublishFailures):N0} | 0 | {YesNo(runs.All(r => r.PublishFailures == 0))} |");
        sb.AppendLine(Inv, $"| storeDropped (all runs) | {runs.Sum(r => r.Store.StoreDropped):N0} | | | | 0 | {YesNo(runs.All(r => r.Store.StoreDropped == 0))} |");
        sb.AppendLine(Inv, $"| CPU busy while publishing (cores of {first.Cpu.Cores}) | Coc.Web {M(r => r.Cpu.AppCores):F2} + bench {M(r => r.Cpu.BenchCores):F2} | broker {M(r => r.Bare?.Cpu.AppCores ?? double.NaN):F2} + bench {M(r => r.Bare?.Cpu.BenchCores ?? double.NaN):F2} | | | | |");
        if (lostAll > 0)
        {
            sb.AppendLine();
            sb.AppendLine("When samples are lost the store never reaches the sent total: Coc's rate is then the stored samples over the time until the store count last moved.");
        }
        sb.AppendLine();
        sb.AppendLine("| Run | stored samples/s | bare broker samples/s | Coc / bare | released by Coc (PUBACK samples/s) | stored of sent | samples in (pump) | store s | bare s | storeDropped | peak ingest queue | peak store queue | CPU Coc.Web + bench | CPU broker + bench | app log warn/err |");
        sb.AppendLine("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|");
        for (var i = 0; i < runs.Count; i++)
        {
            var r = runs[i];
            sb.AppendLine(Inv, $"| {i + 1} | {r.StoreSamplesPerSecond:N0} | {r.BareSamplesPerSecond:N0} | {Ratio(r.StoreSamplesPerSecond, r.BareSamplesPerSecond)} | {r.PubackSamplesPerSecond:N0} | {r.Store.SamplesStored:N0} of {r.SamplesSent:N0} | {r.Store.SamplesIn:N0} | {r.Store.Seconds:F2} | {r.BareSeconds:F2} | {r.Store.StoreDropped:N0} | {r.Store.MaxIngestQueueDepth:N0} | {r.Store.MaxStoreQueueDepth:N0} | {r.Cpu.AppCores:F2} + {r.Cpu.BenchCores:F2} | {r.Bare?.Cpu.AppCores:F2} + {r.Bare?.Cpu.BenchCores:F2} | {logs[i].Warnings}/{logs[i].Errors} |");
        }
        return sb.ToString();
    }

    public static string Write(IReadOnlyList<WriteResult> runs, IReadOnlyList<AppLogSummary> logs)
    {
        double M(Func<WriteResult, double> f) => Percentiles.Median(runs.Select(f));
        var first = runs[0];
        var accepted = M(r => r.AcceptedLinesPerSecond);
        var bare = M(r => r.BareLinesPerSecond);
        var lostAll = runs.Sum(r => r.Lost);
        var failedAll = runs.Sum(r => r.Sent.Failed);
        var sb = new StringBuilder();
        sb.AppendLine(Inv, $"Median of {runs.Count} run(s); {first.Lines:N0} lines × {WriteSenders.FieldsPerLine} fields = {first.Lines * WriteSenders.FieldsPerLine:N0} samples per run, in POSTs of {first.Batch:N0} lines (uncompressed, ns timestamps, {WriteSenders.Intersections} series) from {first.Senders} sender(s), one POST in flight each, as fast as 204s come; `Authorization: Token` with a configured ingest key; 503s retried after Retry-After. Peer: the same client and bodies against a bare ASP.NET Core endpoint (own child process, Kestrel, `POST /write` reads the body and answers 204), measured in each run right after Coc.Web has stopped.");
        sb.AppendLine();
        sb.AppendLine("| Write | Coc: first POST → last 204 | Peer: bare endpoint, first POST → last 204 | Coc / peer | Coc: first POST → all in the store | Target | Met |");
        sb.AppendLine("|---|--:|--:|--:|--:|---|---|");
        var met = accepted >= WriteTargetLinesPerSecond && lostAll == 0 && failedAll == 0;
        sb.AppendLine(Inv, $"| lines/s | {accepted:N0} | {bare:N0} | {Ratio(accepted, bare)} | {M(r => r.StoreLinesPerSecond):N0} | ≥ 200,000 (5,000-line batches, 2-core machine) | {YesNo(met)} |");
        sb.AppendLine(Inv, $"| samples/s | {accepted * WriteSenders.FieldsPerLine:N0} | {bare * WriteSenders.FieldsPerLine:N0} | | {M(r => r.StoreSamplesPerSecond):N0} | | |");
        sb.AppendLine(Inv, $"| seconds | {M(r => r.AcceptSeconds):F2} | {M(r => r.Bare?.Seconds ?? double.NaN):F2} | | {M(r => r.Store.Seconds):F2} | | |");
        sb.AppendLine(Inv, $"| lost = sent − stored (all runs) | | | | {lostAll:N0} | 0 | {YesNo(lostAll == 0)} |");
        if (runs.Any(r => r.Extra > 0))
        {
            sb.AppendLine(Inv, $"| stored beyond sent (all runs; should be 0) | | | | {runs.Sum(r => r.Extra):N0} | | |");
        }
        sb.AppendLine(Inv, $"| 503 answers, retried (all runs) | {runs.Sum(r => r.Sent.Busy):N0} | {runs.Sum(r => r.Bare?.Sent.Busy ?? 0):N0} | | | | |");
        sb.AppendLine(Inv, $"| failed POSTs, other answers (all runs) | {failedAll:N0} | {runs.Sum(r => r.Bare?.Sent.Failed ?? 0):N0} | | | 0 | {YesNo(failedAll == 0)} |");
        sb.AppendLine(Inv, $"| CPU busy while sending (cores of {first.Cpu.Cores}) | Coc.Web {M(r => r.Cpu.AppCores):F2} + bench {M(r => r.Cpu.BenchCores):F2} | endpoint {M(r => r.Bare?.Cpu.AppCores ?? double.NaN):F2} + bench {M(r => r.Bare?.Cpu.BenchCores ?? double.NaN):F2} | | | | |");
        if (runs.Any(r => r.Sent.FirstError is not null))
        {
            sb.AppendLine();
            sb.AppendLine(Inv, $"First failed answer: `{runs.First(r => r.Sent.FirstError is not null).Sent.FirstError}`");
        }
        sb.AppendLine();
        sb.AppendLine("| Run | Coc accepted lines/s | bare lines/s | Coc / bare | stored lines/s | stored of sent (samples) | accept s | store s | bare s | 503s | storeDropped | peak ingest queue | peak store queue | CPU Coc.Web + bench | CPU endpoint + bench | app log warn/err |");
        sb.AppendLine("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|");
        for (var i = 0; i < runs.Count; i++)
        {
            var r = runs[i];
            sb.AppendLine(Inv, $"| {i + 1} | {r.AcceptedLinesPerSecond:N0} | {r.BareLinesPerSecond:N0} | {Ratio(r.AcceptedLinesPerSecond, r.BareLinesPerSecond)} | {r.StoreLinesPerSecond:N0} | {r.Store.SamplesStored:N0} of {r.SamplesSent:N0} | {r.AcceptSeconds:F2} | {r.Store.Seconds:F2} | {r.Bare?.Seconds:F2} | {r.Sent.Busy:N0} | {r.Store.StoreDropped:N0} | {r.Store.MaxIngestQueueDepth:N0} | {r.Store.MaxStoreQueueDepth:N0} | {r.Cpu.AppCores:F2} + {r.Cpu.BenchCores:F2} | {r.Bare?.Cpu.AppCores:F2} + {r.Bare?.Cpu.BenchCores:F2} | {logs[i].Warnings}/{logs[i].Errors} |");
        }
        return sb.ToString();
    }

    /// <summary>The first warnings and errors the app logged, for the console.</summary>
    public static string LogNotes(IEnumerable<(string Bench, AppLogSummary Log)> logs)
    {
        var sb = new StringBuilder();
        foreach (var (bench, log) in logs)
        {
            sb.AppendLine(Inv, $"  {bench}: {log.Warnings} warnings, {log.Errors} errors — {log.Path}");
            foreach (var line in log.Notable.Take(5))
            {
                sb.AppendLine(Inv, $"    {(line.Length > 300 ? line[..300] + "…" : line)}");
            }
        }
        return sb.ToString();
    }

    private static void Row(StringBuilder sb, string name, double coc, double peer, string target = "", bool? met = null, string format = "F2") =>
        sb.AppendLine(Inv, $"| {name} | {coc.ToString(format, Inv)} | {peer.ToString(format, Inv)} | {Ratio(coc, peer)} | {target} | {(met is { } m ? YesNo(m) : "")} |");

    internal static string Ratio(double coc, double peer) =>
        peer > 0 && double.IsFinite(coc) ? (coc / peer).ToString("0.00", Inv) + "×" : "–";

    internal static string YesNo(bool met) => met ? "yes" : "**no**";
}
