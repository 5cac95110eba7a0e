using Coc.Core.Series;
using Microsoft.Extensions.Logging;

namespace Coc.Storage.Embedded;

/// <summary>
/// The default store: plain files under one folder, no server to run. A series catalog gives each
/// series an int id; samples go to hourly segments of fixed 20-byte records (see <see cref="SegmentRecord"/>).
/// Writes are serialised; reads take no lock and see only whole records, so they never wait on a write.
/// Timestamps are kept to the millisecond.
/// </summary>
public sealed class EmbeddedTimeSeriesStore : ITimeSeriesStore, IDisposable
{
    private readonly string _folder;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly FolderLock _folderLock;
    private readonly SeriesCatalog _catalog;
    private readonly SegmentWriterCache _writers;
    private readonly RetentionSweeper _retention;
    private readonly LatestPoints _latest = new();
    private volatile bool _disposed;

    /// <param name="dataPath">Folder for the catalog and segments; created when missing.</param>
    /// <param name="retentionDays">Segments wholly older than this are deleted at open and hourly while writing.</param>
    /// <param name="timeProvider">"Now" for retention.</param>
    public EmbeddedTimeSeriesStore(string dataPath, int retentionDays, TimeProvider timeProvider, ILogger<EmbeddedTimeSeriesStore> logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataPath);
        ArgumentOutOfRangeException.ThrowIfLessThan(retentionDays, 1);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);

        _folder = Path.GetFullPath(dataPath);
        Directory.CreateDirectory(_folder);
        _folderLock = new FolderLock(_folder);
        try
        {
            _catalog = new SeriesCatalog(_folder, logger);
        }
        catch
        {
            _folderLock.Dispose(); // or the folder stays locked until a finalizer runs
            throw;
        }
        _writers = new SegmentWriterCache(_folder, logger);
        _retention = new RetentionSweeper(_folder, TimeSpan.FromDays(retentionDays), timeProvider, logger);
        _retention.SweepIfDue(_writers.Close);
    }

    public string DataPath => _folder;

    public async Task WriteAsync(IReadOnlyList<Sample> samples, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (samples.Count == 0)
        {
            return;
        }

        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            // Past this point the batch is not cancelled: half a batch on disk helps nobody.
            var ids = new int[samples.Count];
            for (var i = 0; i < samples.Count; i++)
            {
                ids[i] = _catalog.GetOrAdd(samples[i].Series);
            }
            _catalog.Flush();

            using (var batch = EncodedBatch.Encode(samples, ids))
            {
                foreach (var run in batch.Runs)
                {
                    _writers.Append(run.Hour, batch.Bytes(run));
                }
            }

            for (var i = 0; i < samples.Count; i++)
            {
                _latest.Observe(ids[i], new RawPoint(samples[i].Timestamp.ToUnixTimeMilliseconds(), samples[i].Value));
            }
            _retention.SweepIfDue(_writers.Close);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    // Reads are synchronous file reads of a few segments; wrapping them in Task.Run would only add a hop.
    public Task<IReadOnlyList<StoredPoint>> QueryAsync(SeriesKey series, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var points = ReadRange(series, from, to, cancellationToken);
        var result = new StoredPoint[points.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = new StoredPoint(TimeMath.ToTimestamp(points[i].UnixMs), points[i].Value);
        }
        return Task.FromResult<IReadOnlyList<StoredPoint>>(result);
    }

    public Task<IReadOnlyList<BucketPoint>> QueryBucketsAsync(SeriesKey series, DateTimeOffset from, DateTimeOffset to, TimeSpan bucket, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bucket, TimeSpan.FromMilliseconds(1));
        var points = ReadRange(series, from, to, cancellationToken);
        return Task.FromResult<IReadOnlyList<BucketPoint>>(BucketAggregator.Aggregate(points, (long)bucket.TotalMilliseconds));
    }

    public Task<StoredPoint?> LatestAsync(SeriesKey series, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(series);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_catalog.TryGetId(series, out var id) || _latest.Get(id, NewestOnDisk) is not { } point)
        {
            return Task.FromResult<StoredPoint?>(null);
        }
        return Task.FromResult<StoredPoint?>(new StoredPoint(TimeMath.ToTimestamp(point.UnixMs), point.Value));
    }

    /// <summary>Every series in the catalog, including ones whose segments retention has since removed.</summary>
    public Task<IReadOnlyList<SeriesKey>> ListSeriesAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Task.FromResult(_catalog.List());
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        // Wait for a write in progress so its bytes are not cut off by closing the streams.
        _writeLock.Wait();
        try
        {
            if (!_disposed)
            {
                _disposed = true;
                _writers.Dispose();
                _catalog.Dispose();
                _folderLock.Dispose();
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private List<RawPoint> ReadRange(SeriesKey series, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(series);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var points = new List<RawPoint>();
        if (!_catalog.TryGetId(series, out var id) || from >= to)
        {
            return points;
        }

        var (fromMs, toMs) = (from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds());
        var (firstHour, lastHour) = (TimeMath.HourOf(fromMs), TimeMath.HourOf(toMs - 1));
        foreach (var (hour, path) in SegmentFiles.List(_folder))
        {
            if (hour < firstHour || hour > lastHour)
            {
                continue;
            }
            cancellationToken.ThrowIfCancellationRequested();
            var start = points.Count;
            SegmentReader.Read(path, id, fromMs, toMs, points);
            // Hours are disjoint and listed in order, so sorting each segment's share sorts the whole.
            SortStable(points, start);
        }
        return points;
    }

    private RawPoint? NewestOnDisk(int seriesId)
    {
        var points = new List<RawPoint>();
        var segments = SegmentFiles.List(_folder);
        // Segments are hourly, so the newest one holding the series holds its newest point.
        for (var s = segments.Count - 1; s >= 0 && points.Count == 0; s--)
        {
            SegmentReader.Read(segments[s].Path, seriesId, long.MinValue, long.MaxValue, points);
        }
        RawPoint? newest = null;
        foreach (var point in points)
        {
            if (newest is null || point.UnixMs >= newest.Value.UnixMs)
            {
                newest = point;
            }
        }
        return newest;
    }

    // Live data arrives in order, so the check usually saves the sort; OrderBy is stable,
    // which keeps equal timestamps in write order.
    private static void SortStable(List<RawPoint> points, int start)
    {
        for (var i = start + 1; i < points.Count; i++)
        {
            if (points[i].UnixMs < points[i - 1].UnixMs)
            {
                var sorted = points.GetRange(start, points.Count - start).OrderBy(p => p.UnixMs).ToList();
                points.RemoveRange(start, points.Count - start);
                points.AddRange(sorted);
                return;
            }
        }
    }
}
