using Coc.Core.Series;

namespace Coc.Storage;

/// <summary>
/// Where samples are kept for history. Backends: the embedded file store (default) and, later, InfluxDB.
/// Every backend must pass the same contract tests.
/// </summary>
public interface ITimeSeriesStore
{
    /// <summary>Persists a batch. Samples of many series may be mixed, in any order.</summary>
    Task WriteAsync(IReadOnlyList<Sample> samples, CancellationToken cancellationToken = default);

    /// <summary>Raw points of one series with <paramref name="from"/> ≤ ts &lt; <paramref name="to"/>, oldest first.</summary>
    Task<IReadOnlyList<StoredPoint>> QueryAsync(SeriesKey series, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary>
    /// Aggregates per time bucket (aligned to multiples of <paramref name="bucket"/> since the Unix epoch),
    /// only buckets that hold points, oldest first.
    /// </summary>
    Task<IReadOnlyList<BucketPoint>> QueryBucketsAsync(SeriesKey series, DateTimeOffset from, DateTimeOffset to, TimeSpan bucket, CancellationToken cancellationToken = default);

    /// <summary>The newest point of a series, or null when it has none.</summary>
    Task<StoredPoint?> LatestAsync(SeriesKey series, CancellationToken cancellationToken = default);

    /// <summary>Every series that has at least one stored point.</summary>
    Task<IReadOnlyList<SeriesKey>> ListSeriesAsync(CancellationToken cancellationToken = default);
}

public readonly record struct StoredPoint(DateTimeOffset Timestamp, double Value);

public readonly record struct BucketPoint(DateTimeOffset Start, double Mean, double Min, double Max, long Count);
