using System.Diagnostics;
using Coc.Core.Alarms;
using Coc.Storage.Alarms;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;
using static Coc.Core.Alarms.AlarmTransitionKind;
using static Coc.Storage.Tests.Alarms.AlarmSamples;

namespace Coc.Storage.Tests.Alarms;

public sealed class SqliteAlarmJournalTests(ITestOutputHelper output) : JournalTestBase
{
    [Fact]
    public async Task QueryAsync_NewInstanceOnSameFile_ReturnsEveryTransitionWithWhoAndComment()
    {
        var journal = Open();
        AlarmTransition[] written =
        [
            Transition(Raised, T0),
            Transition(Acknowledged, T0.AddMinutes(2), state: AlarmState.ActiveAcknowledged, by: "budi.santoso",
                comment: "Petugas BPBD menuju lokasi — genangan di Jl. Sultan Thaha, Kec. Pasar Jambi; \"siaga\", 2 tim ✓"),
            Transition(Cleared, T0.AddMinutes(9), state: AlarmState.Closed, value: null),
        ];
        foreach (var t in written)
        {
            journal.Append(t);
        }
        await journal.FlushAsync(CancellationToken.None);
        await journal.DisposeAsync();

        var reopened = Open();
        var read = await AllAsync(reopened);

        Assert.Equal(written.Reverse(), read);
        Assert.Equal("budi.santoso", read[1].By);
        Assert.Equal(written[1].Comment, read[1].After.AcknowledgeComment);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(-0.000123)]
    public async Task LoadOpen_UnusualSensorValue_RoundTripsWithoutLoss(double value)
    {
        var journal = Open();
        journal.Append(Transition(Raised, T0, value: value));
        await journal.FlushAsync(CancellationToken.None);

        var open = Assert.Single(journal.LoadOpen());

        Assert.Equal(value, open.Value);
        Assert.Equal(0, journal.GetStatus().Lost);
    }

    [Fact]
    public async Task LoadOpen_MixedAlarms_ReturnsNewestSnapshotOfEachNonClosedAlarm()
    {
        var journal = Open();
        var escalated = Transition(Escalated, T0.AddMinutes(3), id: "banjir|b");
        var clearedUnacked = Transition(Cleared, T0.AddMinutes(4), id: "pm25|c", state: AlarmState.ClearedUnacknowledged);
        var reRaised = Transition(Raised, T0.AddMinutes(20), id: "banjir|a", occurrence: 2);
        AlarmTransition[] all =
        [
            Transition(Raised, T0, id: "banjir|a"),
            Transition(Raised, T0.AddMinutes(1), id: "banjir|b"),
            Transition(Raised, T0.AddMinutes(2), id: "pm25|c"),
            escalated,
            clearedUnacked,
            Transition(Acknowledged, T0.AddMinutes(5), id: "banjir|a", state: AlarmState.ActiveAcknowledged, by: "sari"),
            Transition(Cleared, T0.AddMinutes(6), id: "banjir|a", state: AlarmState.Closed),
            Transition(Raised, T0.AddMinutes(7), id: "etle|d", feed: "etle"),
            Transition(Cleared, T0.AddMinutes(8), id: "etle|d", feed: "etle", state: AlarmState.Closed),
            reRaised,
        ];
        foreach (var t in all)
        {
            journal.Append(t);
        }
        await journal.FlushAsync(CancellationToken.None);
        await journal.DisposeAsync();

        var open = Open().LoadOpen();

        Assert.Equal([escalated.After, clearedUnacked.After, reRaised.After], open);
    }

    [Fact]
    public async Task QueryAsync_RangeAndLimit_ReturnsNewestFirstWithinHalfOpenRange()
    {
        var journal = Open();
        var transitions = Enumerable.Range(0, 5).Select(i => Transition(Raised, T0.AddMinutes(i), id: $"r|{i}")).ToArray();
        foreach (var t in transitions)
        {
            journal.Append(t);
        }
        await journal.FlushAsync(CancellationToken.None);

        var range = await journal.QueryAsync(T0.AddMinutes(1), T0.AddMinutes(4), 10, CancellationToken.None);
        var limited = await journal.QueryAsync(T0.AddMinutes(1), T0.AddMinutes(4), 2, CancellationToken.None);

        Assert.Equal([transitions[3], transitions[2], transitions[1]], range);
        Assert.Equal([transitions[3], transitions[2]], limited);
    }

    [Fact]
    public async Task FlushAsync_After10000Appends_AllTransitionsOnDisk()
    {
        var journal = Open();
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < 10_000; i++)
        {
            journal.Append(Transition(Raised, T0.AddMilliseconds(i), id: $"r|{i}"));
        }
        var appended = stopwatch.Elapsed;
        await journal.FlushAsync(CancellationToken.None);
        stopwatch.Stop();
        output.WriteLine($"10,000 appends: {appended.TotalMilliseconds:F1} ms; appends + flush: {stopwatch.Elapsed.TotalMilliseconds:F1} ms");

        var read = await AllAsync(journal);

        Assert.Equal(10_000, read.Count);
        Assert.Equal("r|9999", read[0].After.Id);
        Assert.Equal(0, journal.GetStatus().Dropped);
        Assert.Equal(10_000, journal.GetStatus().Written);
        Assert.Equal(0, journal.GetStatus().Queued);
    }

    [Fact]
    public async Task DisposeAsync_WithQueuedTransitions_WritesThemBeforeClosing()
    {
        var journal = Open();
        var release = new TaskCompletionSource();
        journal.BeforeWriteBatch = _ => release.Task;
        for (var i = 0; i < 100; i++)
        {
            journal.Append(Transition(Raised, T0.AddSeconds(i), id: $"r|{i}"));
        }

        var disposing = journal.DisposeAsync().AsTask();
        Assert.False(disposing.IsCompleted);
        release.SetResult();
        await disposing;

        Assert.Equal(100, (await AllAsync(Open())).Count);
    }

    [Fact]
    public void Constructor_FileIsNotADatabase_ThrowsNamingThePath()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DbPath)!);
        File.WriteAllText(DbPath, string.Concat(Enumerable.Repeat("bukan basis data SQLite; ", 400)));

        var ex = Assert.Throws<AlarmJournalException>(() => Open());

        Assert.Equal(DbPath, ex.Path);
        Assert.Contains(DbPath, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Constructor_SchemaFromNewerVersion_ThrowsNamingThePath()
    {
        await Open().DisposeAsync();
        using (var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99;";
            command.ExecuteNonQuery();
        }

        var ex = Assert.Throws<AlarmJournalException>(() => Open());

        Assert.Contains(DbPath, ex.Message, StringComparison.Ordinal);
        Assert.Contains("99", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Constructor_MissingFolder_CreatesFolderAndVersionedSchema()
    {
        await Open().DisposeAsync();

        using var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        var version = Convert.ToInt32(command.ExecuteScalar());
        command.CommandText = "PRAGMA journal_mode;";
        var mode = Convert.ToString(command.ExecuteScalar());

        Assert.Equal(1, version);
        Assert.Equal("wal", mode);
    }
}
