using Coc.Core.Alarms;
using Coc.Storage.Alarms;
using Coc.Tests.Shared;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using static Coc.Core.Alarms.AlarmTransitionKind;
using static Coc.Storage.Tests.Alarms.AlarmSamples;

namespace Coc.Storage.Tests.Alarms;

/// <summary>What the journal does when the disk is slow or refuses: count, retry, report, never block.</summary>
public sealed class SqliteAlarmJournalFailureTests : JournalTestBase
{
    [Fact]
    public async Task Append_QueueFullWhileWriterPaused_CountsDropsWithoutBlocking()
    {
        var journal = Open(new AlarmJournalOptions { QueueCapacity = 4 });
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource();
        journal.BeforeWriteBatch = _ =>
        {
            entered.TrySetResult();
            return release.Task;
        };
        journal.Append(Transition(Raised, T0, id: "r|first"));
        await entered.Task; // the writer holds the first one; the queue is empty again

        for (var i = 0; i < 7; i++)
        {
            journal.Append(Transition(Raised, T0.AddSeconds(i + 1), id: $"r|{i}"));
        }
        var whilePaused = journal.GetStatus();
        release.SetResult();
        await journal.FlushAsync(CancellationToken.None);

        Assert.Equal(3, whilePaused.Dropped);
        Assert.Equal(5, whilePaused.Queued);
        Assert.Equal(5, (await AllAsync(journal)).Count);
        Assert.Equal(HealthStatus.Degraded, (await CheckHealthAsync(journal)).Status);
        Assert.Contains(Logger.Entries, e => e.Message.Contains("queue full", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FlushAsync_WritesFailTwiceThenSucceed_RetriesAndKeepsEveryTransition()
    {
        var journal = Open();
        var attempts = 0;
        journal.BeforeWriteBatch = _ => Interlocked.Increment(ref attempts) <= 2
            ? Task.FromException(new IOException("No space left on device"))
            : Task.CompletedTask;
        journal.Append(Transition(Raised, T0));
        journal.Append(Transition(Acknowledged, T0.AddMinutes(1), state: AlarmState.ActiveAcknowledged, by: "rina", comment: "dicek"));
        await Eventually.TrueAsync(() => journal.GetStatus().FailuresInARow >= 1, "first write failure");
        var failing = await CheckHealthAsync(journal);

        // Backoff waits on the fake clock: move it until the retry succeeds.
        await Eventually.TrueAsync(() =>
        {
            Time.Advance(TimeSpan.FromMinutes(1));
            return journal.GetStatus().Written == 2;
        }, "retried write");
        await journal.FlushAsync(CancellationToken.None);

        Assert.Equal(HealthStatus.Unhealthy, failing.Status);
        Assert.Contains(DbPath, failing.Description, StringComparison.Ordinal);
        Assert.Contains("No space left on device", failing.Description, StringComparison.Ordinal);
        Assert.True(attempts >= 3, $"{attempts} write attempts"); // 3, or 4 when the second append came as its own batch
        Assert.Equal(2, (await AllAsync(journal)).Count);
        var status = journal.GetStatus();
        Assert.Equal(0, status.FailuresInARow);
        Assert.Equal(0, status.Lost);
        Assert.Equal("No space left on device", status.LastError);
        Assert.Equal(HealthStatus.Healthy, (await CheckHealthAsync(journal)).Status);
    }

    [Fact]
    public async Task Retention_DayPasses_DeletesOldRowsButKeepsOpenAlarmsNewestRow()
    {
        var journal = Open(new AlarmJournalOptions { RetentionDays = 30 });
        await Eventually.TrueAsync(() => journal.GetStatus().LastRetentionAt is not null, "startup sweep");
        var oldOpen = Transition(Raised, T0.AddDays(-40), id: "banjir|open");
        var recent = Transition(Raised, T0.AddDays(-1), id: "pm25|recent");
        journal.Append(Transition(Raised, T0.AddDays(-45), id: "banjir|closed"));
        journal.Append(Transition(Cleared, T0.AddDays(-44), id: "banjir|closed", state: AlarmState.Closed));
        journal.Append(oldOpen);
        journal.Append(recent);
        await journal.FlushAsync(CancellationToken.None);
        var before = await AllAsync(journal);

        Time.Advance(TimeSpan.FromDays(1));
        await Eventually.TrueAsync(() => journal.GetStatus().LastRetentionAt == T0.AddDays(1), "daily sweep");

        Assert.Equal(4, before.Count);
        Assert.Equal([recent, oldOpen], await AllAsync(journal));
        Assert.Equal(2, journal.GetStatus().DeletedByRetention);
        Assert.Equal([oldOpen.After, recent.After], journal.LoadOpen());
    }

    private static Task<HealthCheckResult> CheckHealthAsync(SqliteAlarmJournal journal)
    {
        var check = new AlarmJournalHealthCheck(journal);
        var context = new HealthCheckContext { Registration = new HealthCheckRegistration("alarm-journal", check, HealthStatus.Unhealthy, null) };
        return check.CheckHealthAsync(context);
    }
}
