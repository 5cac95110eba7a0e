using Coc.Storage.Alarms;
using Coc.Storage.Tests.Support;
using Coc.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

namespace Coc.Storage.Tests.Alarms;

/// <summary>A temp folder, a fake clock and every journal a test opened, disposed together.</summary>
public abstract class JournalTestBase : IAsyncLifetime
{
    private readonly List<SqliteAlarmJournal> _opened = [];

    protected TempFolder Folder { get; } = new();

    protected FakeTimeProvider Time { get; } = new(AlarmSamples.T0);

    protected CollectingLogger<SqliteAlarmJournal> Logger { get; } = new();

    protected string DbPath => Path.Combine(Folder.Path, "data", "alarms.db");

    protected SqliteAlarmJournal Open(AlarmJournalOptions? options = null)
    {
        var journal = new SqliteAlarmJournal(DbPath, options, Time, Logger);
        _opened.Add(journal);
        return journal;
    }

    protected static Task<IReadOnlyList<Core.Alarms.AlarmTransition>> AllAsync(SqliteAlarmJournal journal, int limit = 100_000) =>
        journal.QueryAsync(DateTimeOffset.UnixEpoch, AlarmSamples.T0.AddYears(10), limit, CancellationToken.None);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var journal in _opened)
        {
            await journal.DisposeAsync();
        }
        Folder.Dispose();
    }
}
