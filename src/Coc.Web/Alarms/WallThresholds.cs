using Coc.Core.Layouts;
using Coc.Core.Series;

namespace Coc.Web.Alarms;

/// <summary>
/// The thresholds a wall already applies to each series, taken from its non-map tiles (first tile
/// with thresholds wins). A map mixes river gauges, PM2.5 stations and intersections, but a tile has
/// one threshold list (its map's is for the kecamatan colours), so each point borrows the levels the
/// wall shows for that series elsewhere; until the layout model has per-series thresholds.
/// </summary>
public static class WallThresholds
{
    public static IReadOnlyDictionary<SeriesKey, IReadOnlyList<Threshold>> Index(WallLayout? wall)
    {
        var index = new Dictionary<SeriesKey, IReadOnlyList<Threshold>>();
        if (wall is null)
        {
            return index;
        }
        foreach (var tile in wall.Tiles.Where(t => t.Type != TileTypes.Map && t.Thresholds.Count > 0))
        {
            foreach (var key in tile.SeriesKeys())
            {
                index.TryAdd(key, tile.Thresholds);
            }
        }
        return index;
    }

    /// <summary>The loaded wall this tile instance belongs to, if any.</summary>
    public static WallLayout? WallOf(IEnumerable<WallLayout> walls, TileDefinition tile) =>
        walls.FirstOrDefault(w => w.Tiles.Any(t => ReferenceEquals(t, tile)));

    /// <summary>The wall's thresholds for a map point, else the map tile's own.</summary>
    public static IReadOnlyList<Threshold> ForPoint(IReadOnlyDictionary<SeriesKey, IReadOnlyList<Threshold>> index, TileDefinition map, SeriesKey key) =>
        index.TryGetValue(key, out var thresholds) ? thresholds : map.Thresholds;
}
