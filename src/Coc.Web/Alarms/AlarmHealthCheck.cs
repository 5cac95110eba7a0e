using Coc.Core.Alarms;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Coc.Web.Alarms;

/// <summary>
/// Degraded when an alarm could be missed: a rule file that does not load (its last good rules still run),
/// series refused because the instance bound was reached, or a watcher (a screen) that threw.
/// </summary>
public sealed class AlarmHealthCheck(AlarmEngine engine, AlarmRuleStore rules) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["rules"] = engine.Rules.Count,
            ["ruleErrors"] = rules.Errors.Count,
            ["open"] = engine.Open.Count,
            ["instances"] = engine.Instances,
            ["refusedInstances"] = engine.RefusedInstances,
            ["watcherFailures"] = engine.WatcherFailures,
        };
        var problems = new List<string>();
        if (rules.Errors.Count > 0)
        {
            problems.Add($"{rules.Errors.Count} alarm rule error(s), first: {rules.Errors[0]}");
        }
        if (engine.RefusedInstances > 0)
        {
            problems.Add($"{engine.RefusedInstances} sample(s) of new series refused: the alarm instance bound is reached (Coc:Alarms:MaxInstances)");
        }
        if (engine.WatcherFailures > 0)
        {
            problems.Add($"{engine.WatcherFailures} alarm watcher failure(s)");
        }
        return Task.FromResult(problems.Count == 0
            ? HealthCheckResult.Healthy($"{engine.Rules.Count} rules, {engine.Open.Count} open alarms", data)
            : HealthCheckResult.Degraded(string.Join("; ", problems), data: data));
    }
}
