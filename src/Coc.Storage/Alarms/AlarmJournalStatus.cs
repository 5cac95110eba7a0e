namespace Coc.Storage.Alarms;

/// <summary>A moment's view of the alarm journal, for the health check and the operators' status page.</summary>
/// <param name="Path">The database file.</param>
/// <param name="Queued">Transitions accepted but not yet on disk.</param>
/// <param name="Written">Transitions on disk since the process started.</param>
/// <param name="Dropped">Transitions refused because the queue was full: missing from history.</param>
/// <param name="Lost">Transitions accepted but never written: unserializable, or still failing when the journal closed.</param>
/// <param name="FailuresInARow">Write attempts that failed since the last success; 0 while writes succeed.</param>
/// <param name="LastError">The newest write failure, as text.</param>
/// <param name="LastErrorAt">When it happened.</param>
/// <param name="LastWriteAt">When the newest batch was committed.</param>
/// <param name="LastRetentionAt">When old rows were last swept.</param>
/// <param name="DeletedByRetention">Rows deleted for age since the process started.</param>
public sealed record AlarmJournalStatus(
    string Path,
    long Queued,
    long Written,
    long Dropped,
    long Lost,
    int FailuresInARow,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    DateTimeOffset? LastWriteAt,
    DateTimeOffset? LastRetentionAt,
    long DeletedByRetention);
