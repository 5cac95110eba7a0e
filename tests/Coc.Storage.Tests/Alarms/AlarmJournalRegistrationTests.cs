using Coc.Core.Alarms;
using Coc.Storage.Alarms;
using Coc.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using static Coc.Core.Alarms.AlarmTransitionKind;
using static Coc.Storage.Tests.Alarms.AlarmSamples;

namespace Coc.Storage.Tests.Alarms;

public sealed class AlarmJournalRegistrationTests
{
    [Fact]
    public async Task AddCocAlarmJournal_CalledTwice_OneJournalOneHostedServiceOneHealthCheck()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "data", "alarms.db");
        var services = new ServiceCollection().AddLogging();
        services.AddCocAlarmJournal(_ => path);
        services.AddCocAlarmJournal(_ => path);
        await using var provider = services.BuildServiceProvider();

        var journal = provider.GetRequiredService<SqliteAlarmJournal>();

        Assert.Same(journal, provider.GetRequiredService<IAlarmJournal>());
        Assert.Equal(path, journal.DatabasePath);
        Assert.Single(provider.GetServices<IHostedService>().OfType<AlarmJournalHostedService>());
        Assert.Single(provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations, r => r.Name == "alarm-journal");
    }

    [Fact]
    public async Task HostedServiceStopAsync_QueuedTransitions_FlushedToDisk()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "alarms.db");
        var services = new ServiceCollection().AddLogging();
        services.AddCocAlarmJournal(_ => path);
        await using (var provider = services.BuildServiceProvider())
        {
            var hosted = provider.GetServices<IHostedService>().OfType<AlarmJournalHostedService>().Single();
            await hosted.StartAsync(CancellationToken.None);
            var journal = provider.GetRequiredService<IAlarmJournal>();
            var release = new TaskCompletionSource();
            ((SqliteAlarmJournal)journal).BeforeWriteBatch = _ => release.Task;
            journal.Append(Transition(Raised, DateTimeOffset.UtcNow));

            var stopping = hosted.StopAsync(CancellationToken.None);
            Assert.False(stopping.IsCompleted);
            release.SetResult();
            await stopping;
            Assert.Equal(0, ((SqliteAlarmJournal)journal).GetStatus().Queued);
        }

        await using var reopened = new SqliteAlarmJournal(path);
        Assert.Single(await reopened.QueryAsync(DateTimeOffset.UnixEpoch, DateTimeOffset.UtcNow.AddDays(1), 10, CancellationToken.None));
    }
}
