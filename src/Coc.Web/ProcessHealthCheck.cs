using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Coc.Web;

/// <summary>
/// The process's memory on /health, so an operator (or the soak bench) can tell memory the GC holds
/// from memory the program keeps alive: the managed heap after the last GC against the working set.
/// Always healthy: it reports, it does not judge.
/// </summary>
internal sealed class ProcessHealthCheck : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var gc = GC.GetGCMemoryInfo();
        using var process = Process.GetCurrentProcess();
        var data = new Dictionary<string, object>
        {
            ["workingSetBytes"] = process.WorkingSet64,
            // Live managed objects at the end of the last collection: what the program keeps.
            ["heapAfterLastGcBytes"] = gc.HeapSizeBytes - gc.FragmentedBytes,
            ["heapCommittedBytes"] = gc.TotalCommittedBytes,
            ["gen2Collections"] = GC.CollectionCount(2),
            ["uptimeSeconds"] = (long)(DateTime.Now - process.StartTime).TotalSeconds,
        };
        return Task.FromResult(HealthCheckResult.Healthy($"{process.WorkingSet64 / (1024 * 1024)} MiB working set", data));
    }
}
