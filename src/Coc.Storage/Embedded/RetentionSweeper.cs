using Microsoft.Extensions.Logging;

namespace Coc.Storage.Embedded;

/// <summary>
/// Deletes hour segments that end before now minus the retention: at open, then at most hourly from
/// the write path, so disk use stays bounded without a timer of its own.
/// Not thread-safe: the store calls it under its write lock.
/// </summary>
internal sealed class RetentionSweeper(string folder, TimeSpan retention, TimeProvider timeProvider, ILogger logger)
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    /// <param name="closeSegment">Called before a segment is deleted, so an open writer lets go of it.</param>
    public void SweepIfDue(Action<long> closeSegment)
    {
        var now = timeProvider.GetUtcNow();
        if (now < _nextSweep)
        {
            return;
        }
        _nextSweep = now + Interval;

        var cutoffMs = (now - retention).ToUnixTimeMilliseconds();
        foreach (var (hour, path) in SegmentFiles.List(folder))
        {
            if ((hour + 1) * TimeMath.HourMs > cutoffMs)
            {
                break; // oldest first: every later segment is younger still
            }
            closeSegment(hour);
            try
            {
                File.Delete(path);
                logger.LogInformation("Deleted segment {Path}: older than the {Days}-day retention", path, retention.TotalDays);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Retried on the next sweep; a leftover file costs disk, not correctness.
                logger.LogWarning(ex, "Could not delete expired segment {Path}", path);
            }
        }
    }
}
