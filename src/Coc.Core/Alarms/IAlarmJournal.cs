namespace Coc.Core.Alarms;

/// <summary>
/// Where alarm transitions are kept (embedded SQLite by default). <see cref="Append"/> is called on the
/// ingest path, so it must not block on disk: implementations queue (bounded) and write in the background.
/// </summary>
public interface IAlarmJournal
{
    /// <summary>Queues one transition for writing. Never blocks; a full queue is counted, never thrown.</summary>
    void Append(AlarmTransition transition);

    /// <summary>The alarms that were not closed when the journal was last written (for the engine at startup).</summary>
    IReadOnlyList<Alarm> LoadOpen();

    /// <summary>Transitions with <c>from &lt;= At &lt; to</c>, newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<AlarmTransition>> QueryAsync(DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken);

    /// <summary>Waits until every transition appended so far is on disk (tests, shutdown).</summary>
    Task FlushAsync(CancellationToken cancellationToken);
}
