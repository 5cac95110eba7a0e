using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Coc.Storage.Alarms;

/// <summary>
/// Deletes transitions older than the retention: at start, then once a day, on its own connection so the
/// writer's loop needs no timer. SQLite's busy timeout serialises the two writers.
/// </summary>
internal sealed class AlarmJournalRetention(string path, TimeSpan retention, TimeProvider time, ILogger logger)
{
    private static readonly TimeSpan Interval = TimeSpan.FromDays(1);
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromHours(1);

    private long _deleted;
    private long _lastSweepTicks;

    public long Deleted => Interlocked.Read(ref _deleted);

    public DateTimeOffset? LastSweepAt => Interlocked.Read(ref _lastSweepTicks) is var t and > 0 ? new DateTimeOffset(t, TimeSpan.Zero) : null;

    public async Task RunAsync(CancellationToken stopping)
    {
        // Due times are absolute, so a fake clock advanced before the delay is armed still fires at once.
        var next = time.GetUtcNow();
        while (!stopping.IsCancellationRequested)
        {
            var wait = next - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, time, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            var now = time.GetUtcNow();
            next = Sweep(now) ? now + Interval : now + RetryAfterFailure;
        }
    }

    private bool Sweep(DateTimeOffset now)
    {
        try
        {
            using var connection = new SqliteConnection(AlarmJournalDatabase.ConnectionString(path));
            connection.Open();
            var deleted = AlarmTransitionRows.DeleteOlderThan(connection, now - retention);
            Interlocked.Add(ref _deleted, deleted);
            Interlocked.Exchange(ref _lastSweepTicks, now.UtcTicks);
            if (deleted > 0)
            {
                logger.LogInformation("Alarm journal {Path}: deleted {Count} transitions older than {Days} days", path, deleted, retention.TotalDays);
            }
            return true;
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            // Old rows cost disk, not correctness: try again later.
            logger.LogWarning(ex, "Alarm journal {Path}: retention sweep failed; retrying in an hour", path);
            return false;
        }
    }
}
