using System.Globalization;

namespace Coc.Web.Components.Tiles;

/// <summary>
/// Equirectangular projection of a lon/lat box onto an SVG viewBox <see cref="Width"/> wide. Over a
/// city ~15 km across this is as good as any projection; longitudes are shrunk by cos(latitude) so
/// the city keeps its shape. The SVG scales the viewBox into the tile (meet), so the map fits any tile size.
/// </summary>
public sealed class MapProjection
{
    public const double Width = 1000;

    private readonly double _minLon;
    private readonly double _maxLat;
    private readonly double _scale;
    private readonly double _cos;
    private readonly double _pad;

    /// <param name="points">Everything to draw: polygons, river and sensor points, so none falls outside.</param>
    public MapProjection(IEnumerable<GeoPoint> points, double padding = 40)
    {
        var all = points.ToArray();
        if (all.Length == 0)
        {
            throw new ArgumentException("Nothing to project", nameof(points));
        }
        _minLon = all.Min(p => p.Lon);
        var maxLon = all.Max(p => p.Lon);
        var minLat = all.Min(p => p.Lat);
        _maxLat = all.Max(p => p.Lat);
        _cos = Math.Cos((minLat + _maxLat) / 2 * Math.PI / 180);
        _pad = padding;
        // A lone point has no extent: give it one so the scale stays finite.
        var spanX = Math.Max((maxLon - _minLon) * _cos, 1e-6);
        var spanY = Math.Max(_maxLat - minLat, 1e-6);
        _scale = (Width - 2 * padding) / spanX;
        Height = spanY * _scale + 2 * padding;
    }

    public double Height { get; }

    public string ViewBox => string.Create(CultureInfo.InvariantCulture, $"0 0 {Width:0.#} {Height:0.#}");

    public (double X, double Y) Project(GeoPoint p) => (_pad + (p.Lon - _minLon) * _cos * _scale, _pad + (_maxLat - p.Lat) * _scale);

    /// <summary>An SVG path of closed rings.</summary>
    public string Path(IEnumerable<IReadOnlyList<GeoPoint>> rings) =>
        string.Join(" ", rings.Where(r => r.Count > 0).Select(r => "M" + Points(r).Replace(" ", " L", StringComparison.Ordinal) + " Z"));

    /// <summary>"x,y x,y ..." for a polyline.</summary>
    public string Points(IEnumerable<GeoPoint> line) =>
        string.Join(" ", line.Select(p => Project(p)).Select(xy => Num(xy.X) + "," + Num(xy.Y)));

    public static string Num(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>Where to put a district's name: the area centroid of its largest ring (the vertex mean leans towards detailed borders).</summary>
    public (double X, double Y) LabelPoint(IReadOnlyList<IReadOnlyList<GeoPoint>> rings)
    {
        var ring = rings.OrderByDescending(r => Math.Abs(Area(r))).First().Select(Project).ToArray();
        double a = 0, cx = 0, cy = 0;
        for (var i = 0; i < ring.Length; i++)
        {
            var (x0, y0) = ring[i];
            var (x1, y1) = ring[(i + 1) % ring.Length];
            var cross = x0 * y1 - x1 * y0;
            a += cross;
            cx += (x0 + x1) * cross;
            cy += (y0 + y1) * cross;
        }
        return Math.Abs(a) < 1e-9 ? (ring.Average(p => p.X), ring.Average(p => p.Y)) : (cx / (3 * a), cy / (3 * a));
    }

    private static double Area(IReadOnlyList<GeoPoint> ring)
    {
        double a = 0;
        for (var i = 0; i < ring.Count; i++)
        {
            var p = ring[i];
            var q = ring[(i + 1) % ring.Count];
            a += p.Lon * q.Lat - q.Lon * p.Lat;
        }
        return a / 2;
    }
}
