using System.Collections.Concurrent;

namespace Coc.Storage.Embedded;

/// <summary>
/// Newest point per series id. Writes since open keep it current; what was on disk before open is
/// read once per series, on first ask, so opening a large store costs nothing up front.
/// Both merges keep the maximum, so a write racing a disk scan cannot be lost.
/// </summary>
internal sealed class LatestPoints
{
    private readonly ConcurrentDictionary<int, RawPoint> _latest = new();
    private readonly ConcurrentDictionary<int, bool> _scanned = new();

    /// <summary>On equal timestamps the later write wins, matching the order queries return.</summary>
    public void Observe(int seriesId, RawPoint point) =>
        _latest.AddOrUpdate(seriesId, point, (_, current) => point.UnixMs >= current.UnixMs ? point : current);

    public RawPoint? Get(int seriesId, Func<int, RawPoint?> scanDisk)
    {
        if (!_scanned.ContainsKey(seriesId))
        {
            if (scanDisk(seriesId) is { } onDisk)
            {
                // Strictly newer only: an equal timestamp already in memory was written later.
                _latest.AddOrUpdate(seriesId, onDisk, (_, current) => onDisk.UnixMs > current.UnixMs ? onDisk : current);
            }
            _scanned[seriesId] = true;
        }
        return _latest.TryGetValue(seriesId, out var point) ? point : null;
    }
}
