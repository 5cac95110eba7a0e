namespace Coc.Storage.Alarms;

/// <summary>Bounds of the alarm journal: how long history is kept and how much may wait for the disk.</summary>
public sealed class AlarmJournalOptions
{
    /// <summary>Transitions older than this many days are deleted once a day, so the file cannot grow without end.</summary>
    public int RetentionDays { get; set; } = 400;

    /// <summary>
    /// Transitions that may wait for the writer. Alarms are rare (a few per minute on a bad day), so this only
    /// fills while the disk refuses writes; beyond it new transitions are dropped and counted.
    /// </summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>Most transitions written in one SQLite transaction: one fsync for many rows.</summary>
    public int MaxBatch { get; set; } = 1_000;

    /// <summary>Longest wait between retries while the disk refuses writes.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(RetentionDays, 1, nameof(RetentionDays));
        ArgumentOutOfRangeException.ThrowIfLessThan(QueueCapacity, 1, nameof(QueueCapacity));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatch, 1, nameof(MaxBatch));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MaxRetryDelay, TimeSpan.Zero, nameof(MaxRetryDelay));
    }
}
