using Coc.Core.Layouts;
using Coc.Core.Series;
using Coc.Web.Alarms;
using Coc.Web.Layouts;
using Microsoft.AspNetCore.Components;

namespace Coc.Web.Components.Tiles;

/// <summary>
/// Kota Jambi drawn in inline SVG from the bundled geometry (no JS, no tile server): kecamatan
/// coloured by the optional <c>regions</c> series, and each series as a point at its lat/lon
/// coloured by its level, hollow and grey when stale.
/// </summary>
public partial class MapTile
{
    private TileDefinition? _builtFor;
    private MapProjection _projection = default!;
    private IReadOnlyList<DistrictShape> _shapes = [];
    private IReadOnlyList<PointShape> _pointShapes = [];
    private string _river = "";
    private List<RegionState> _regions = [];
    private List<PointState> _points = [];
    private FrameState _frame;

    [Inject]
    private WallLayoutStore Walls { get; set; } = default!;

    protected override void OnParametersSet()
    {
        // Geometry, projection and paths depend only on the tile: build them once, not per render.
        if (!ReferenceEquals(_builtFor, Tile))
        {
            Build(MapGeometry.KotaJambi);
            _builtFor = Tile;
        }
        // Region series are read on every refresh; the base ticker (1 s) redraws them, which is
        // plenty for aggregates republished every 10 s.
        base.OnParametersSet();
    }

    private void Build(MapGeometry geometry)
    {
        var placed = Tile.Series
            .Select(s => (Series: s, Key: s.ToKey(out _)))
            .Where(p => p.Key is not null && p.Series.Lat is not null && p.Series.Lon is not null)
            .ToArray();
        var geoPoints = geometry.Districts.SelectMany(d => d.Rings).SelectMany(r => r)
            .Concat(geometry.River.SelectMany(r => r))
            .Concat(placed.Select(p => new GeoPoint(p.Series.Lon!.Value, p.Series.Lat!.Value)));
        _projection = new MapProjection(geoPoints);
        _river = string.Join(" ", geometry.River.Select(_projection.Points));

        var regionKeys = Tile.Regions is { } template
            ? geometry.RegionSeries(template).ToDictionary(r => r.District.Id, r => r.Key)
            : [];
        _shapes = geometry.Districts.Select(d =>
        {
            var (x, y) = _projection.LabelPoint(d.Rings);
            return new DistrictShape(d.Id, d.Name, _projection.Path(d.Rings), x, y, regionKeys.GetValueOrDefault(d.Id));
        }).ToArray();

        var thresholds = WallThresholds.Index(WallThresholds.WallOf(Walls.Walls, Tile));
        _pointShapes = placed.Select(p =>
        {
            var (x, y) = _projection.Project(new GeoPoint(p.Series.Lon!.Value, p.Series.Lat!.Value));
            return new PointShape(p.Key!, p.Series.Label, x, y, WallThresholds.ForPoint(thresholds, Tile, p.Key!));
        }).ToArray();
    }

    protected override void Refresh()
    {
        _regions = _shapes.Select(s =>
        {
            var value = s.Key is { } key ? Latest(key)?.Value : null;
            var stale = s.Key is { } k && FreshnessOf(k).IsStale;
            return new RegionState(s, value, value is { } v ? ThresholdLevels.LevelFor(Tile.Thresholds, v) : null, stale);
        }).ToList();
        _points = _pointShapes.Select(p =>
        {
            var value = Latest(p.Key)?.Value;
            return new PointState(p, value, value is { } v ? ThresholdLevels.LevelFor(p.Thresholds, v) : null, FreshnessOf(p.Key).IsStale);
        }).ToList();
        _frame = Summarize();
    }

    private static string Level(string? level) => level ?? "none";

    private sealed record DistrictShape(string Id, string Name, string Path, double LabelX, double LabelY, SeriesKey? Key);

    private sealed record PointShape(SeriesKey Key, string? Label, double X, double Y, IReadOnlyList<Threshold> Thresholds);

    private sealed record RegionState(DistrictShape Shape, double? Value, string? Level, bool Stale);

    private sealed record PointState(PointShape Shape, double? Value, string? Level, bool Stale);
}
