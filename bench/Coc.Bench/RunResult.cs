namespace Coc.Bench;

/// <summary>One whole run: each bench's figures and what the app wrote to its log meanwhile.</summary>
public sealed record RunResult(int Run, LatencyResult? Latency, AppLogSummary? LatencyLog, IngestResult? Ingest, AppLogSummary? IngestLog,
    WriteResult? Write = null, AppLogSummary? WriteLog = null, WriteResult? Json = null, AppLogSummary? JsonLog = null,
    IngestResult? LpMqtt = null, AppLogSummary? LpMqttLog = null);

public sealed record AppLogSummary(string Path, int Warnings, int Errors, IReadOnlyList<string> Notable)
{
    public static AppLogSummary Of(AppLog log) => new(log.Path, log.Warnings, log.Errors, log.Notable());
}
