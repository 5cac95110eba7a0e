using System.Globalization;
using System.Text;

namespace Coc.Bench;

/// <summary>
/// The JSON webhook bench as markdown, in the write bench's shape: medians against the peer, then each run.
/// The issue names no rate for this door; the row is held to the ingest target (≥ 20,000 samples/s into
/// the store, nothing lost), which the issue sets for ingest as a whole.
/// </summary>
public static class JsonReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Json(IReadOnlyList<WriteResult> runs, IReadOnlyList<AppLogSummary> logs)
    {
        double M(Func<WriteResult, double> f) => Percentiles.Median(runs.Select(f));
        var first = runs[0];
        var accepted = M(r => r.AcceptedLinesPerSecond);
        var bare = M(r => r.BareLinesPerSecond);
        var stored = M(r => r.StoreSamplesPerSecond);
        var lostAll = runs.Sum(r => r.Lost);
        var failedAll = runs.Sum(r => r.Sent.Failed);
        var fields = first.FieldsPerLine;
        var sb = new StringBuilder();
        sb.AppendLine(Inv, $"Median of {runs.Count} run(s); {first.Lines:N0} ATCS items × {fields} fields = {first.Lines * fields:N0} samples per run, in POSTs of JSON arrays of {first.Batch:N0} items (uncompressed, `ts` in epoch ms, {WriteSenders.Intersections} intersections) from {first.Senders} sender(s), one POST in flight each, as fast as 204s come; `Authorization: Token` with a configured ingest key; 503s retried after Retry-After. Peer: the same client and bodies against a bare ASP.NET Core endpoint (own child process, Kestrel, `POST /api/ingest/{{feed}}` reads the body and answers 204), measured in each run right after Coc.Web has stopped.");
        sb.AppendLine();
        sb.AppendLine("| JSON webhook | Coc: first POST → last 204 | Peer: bare endpoint, first POST → last 204 | Coc / peer | Coc: first POST → all in the store | Target | Met |");
        sb.AppendLine("|---|--:|--:|--:|--:|---|---|");
        sb.AppendLine(Inv, $"| items/s | {accepted:N0} | {bare:N0} | {Report.Ratio(accepted, bare)} | {M(r => r.StoreLinesPerSecond):N0} | | |");
        var met = stored >= Report.IngestTargetSamplesPerSecond && lostAll == 0 && failedAll == 0;
        sb.AppendLine(Inv, $"| samples/s | {accepted * fields:N0} | {bare * fields:N0} | | {stored:N0} | ≥ 20,000 into the store, nothing lost (the ingest target) | {Report.YesNo(met)} |");
        sb.AppendLine(Inv, $"| seconds | {M(r => r.AcceptSeconds):F2} | {M(r => r.Bare?.Seconds ?? double.NaN):F2} | | {M(r => r.Store.Seconds):F2} | | |");
        sb.AppendLine(Inv, $"| lost = sent − stored (all runs) | | | | {lostAll:N0} | 0 | {Report.YesNo(lostAll == 0)} |");
        if (runs.Any(r => r.Extra > 0))
        {
            sb.AppendLine(Inv, $"| stored beyond sent (all runs; should be 0) | | | | {runs.Sum(r => r.Extra):N0} | | |");
        }
        sb.AppendLine(Inv, $"| storeDropped (all runs) | | | | {runs.Sum(r => r.Store.StoreDropped):N0} | 0 | {Report.YesNo(runs.All(r => r.Store.StoreDropped == 0))} |");
        sb.AppendLine(Inv, $"| 503 answers, retried (all runs) | {runs.Sum(r => r.Sent.Busy):N0} | {runs.Sum(r => r.Bare?.Sent.Busy ?? 0):N0} | | | | |");
        sb.AppendLine(Inv, $"| failed POSTs, other answers (all runs) | {failedAll:N0} | {runs.Sum(r => r.Bare?.Sent.Failed ?? 0):N0} | | | 0 | {Report.YesNo(failedAll == 0)} |");
        sb.AppendLine(Inv, $"| CPU busy while sending (cores of {first.Cpu.Cores}) | Coc.Web {M(r => r.Cpu.AppCores):F2} + bench {M(r => r.Cpu.BenchCores):F2} | endpoint {M(r => r.Bare?.Cpu.AppCores ?? double.NaN):F2} + bench {M(r => r.Bare?.Cpu.BenchCores ?? double.NaN):F2} | | | | |");
        if (runs.Any(r => r.Sent.FirstError is not null))
        {
            sb.AppendLine();
            var error = runs.First(r => r.Sent.FirstError is not null).Sent.FirstError!;
            sb.AppendLine(Inv, $"First failed answer: `{(error.Length > 300 ? error[..300] + "…" : error)}`");
        }
        sb.AppendLine();
        sb.AppendLine("| Run | Coc accepted items/s | bare items/s | Coc / bare | stored samples/s | stored of sent (samples) | accept s | store s | bare s | 503s | storeDropped | peak ingest queue | peak store queue | CPU Coc.Web + bench | CPU endpoint + bench | app log warn/err |");
        sb.AppendLine("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|");
        for (var i = 0; i < runs.Count; i++)
        {
            var r = runs[i];
            sb.AppendLine(Inv, $"| {i + 1} | {r.AcceptedLinesPerSecond:N0} | {r.BareLinesPerSecond:N0} | {Report.Ratio(r.AcceptedLinesPerSecond, r.BareLinesPerSecond)} | {r.StoreSamplesPerSecond:N0} | {r.Store.SamplesStored:N0} of {r.SamplesSent:N0} | {r.AcceptSeconds:F2} | {r.Store.Seconds:F2} | {r.Bare?.Seconds:F2} | {r.Sent.Busy:N0} | {r.Store.StoreDropped:N0} | {r.Store.MaxIngestQueueDepth:N0} | {r.Store.MaxStoreQueueDepth:N0} | {r.Cpu.AppCores:F2} + {r.Cpu.BenchCores:F2} | {r.Bare?.Cpu.AppCores:F2} + {r.Bare?.Cpu.BenchCores:F2} | {logs[i].Warnings}/{logs[i].Errors} |");
        }
        return sb.ToString();
    }
}
