using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Coc.Storage.Alarms;

/// <summary>
/// Unhealthy while the journal's writes fail (the audit trail is not being kept), degraded once transitions
/// were dropped or lost since startup (history has a gap someone should know about), healthy otherwise.
/// </summary>
public sealed class AlarmJournalHealthCheck(SqliteAlarmJournal journal) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var s = journal.GetStatus();
        var data = new Dictionary<string, object>
        {
            ["path"] = s.Path,
            ["queued"] = s.Queued,
            ["written"] = s.Written,
            ["dropped"] = s.Dropped,
            ["lost"] = s.Lost,
            ["failuresInARow"] = s.FailuresInARow,
        };
        if (s.LastError is not null)
        {
            data["lastError"] = s.LastError;
        }
        var result = s switch
        {
            { FailuresInARow: > 0 } => new HealthCheckResult(context.Registration.FailureStatus,
                $"Alarm journal {s.Path} cannot write ({s.FailuresInARow} failures in a row, {s.Queued} queued): {s.LastError}", data: data),
            { Dropped: > 0 } or { Lost: > 0 } => HealthCheckResult.Degraded(
                $"Alarm journal {s.Path} writes, but {s.Dropped} transitions were dropped (queue full) and {s.Lost} lost since startup", data: data),
            _ => HealthCheckResult.Healthy($"Alarm journal {s.Path}: {s.Written} transitions written, {s.Queued} queued", data),
        };
        return Task.FromResult(result);
    }
}
