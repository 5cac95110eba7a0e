using Coc.Core.Alarms;
using Coc.Core.Live;
using Microsoft.Extensions.Options;

namespace Coc.Web.Alarms;

/// <summary>
/// Runs the alarm engine: restores the open alarms from the journal, follows the rule files, hands it every
/// live batch as the live state takes it (so an alarm is raised within the ingest of its sample, not on a
/// poll), and ticks it once a second for conditions made by time passing (no data, forSeconds, feed quiet).
/// </summary>
public sealed class AlarmEvaluator(AlarmEngine engine, AlarmRuleStore rules, LiveState live, TimeProvider time,
    IOptions<AlarmOptions> options, ILogger<AlarmEvaluator> logger)
    : BackgroundService
{
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Before the first sample: an alarm that was open before a restart must not be raised twice.
        engine.SetRules(rules.Rules);
        engine.Restore();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var ruleWatch = rules.Watch(() => engine.SetRules(rules.Rules));
        using var liveWatch = live.WatchAll(batch => engine.Observe(batch));
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.TickMilliseconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    engine.Tick();
                }
                catch (Exception ex)
                {
                    // A bad tick must not end alarm evaluation for the weeks the wall runs.
                    logger.LogError(ex, "Alarm tick failed");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
