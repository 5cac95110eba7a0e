using System.Globalization;
using Coc.Core.Layouts;
using Coc.Core.Live;

namespace Coc.Web.Components.Tiles;

/// <summary>
/// One series on an arc dial from <c>min</c> to <c>max</c>: the threshold bands on an outer ring, the
/// value's arc and needle in its level's colour, the value with unit in the middle and the level's label
/// under it. Drawn in inline SVG, so it scales with the tile and needs no script.
/// </summary>
public partial class GaugeTile
{
    // The dial opens at the bottom, as on a meter: 240° from lower left, clockwise over the top.
    private const double StartDegrees = 150;
    private const double SweepDegrees = 240;
    private const double Cx = 100;
    private const double Cy = 100;
    private const double FillRadius = 78;
    private const double BandRadius = 93;

    private LivePoint? _point;
    private FrameState _frame;
    private Threshold? _reached;
    private string? _fillPath;
    private (Point Inner, Point Outer)? _needle;
    private IReadOnlyList<Band> _bands = [];
    private TileDefinition? _bandsFor;
    private string _track = "";
    private Point _minAt;
    private Point _maxAt;

    protected override void Refresh()
    {
        if (!ReferenceEquals(_bandsFor, Tile))
        {
            // The dial's fixed parts depend on the layout only: build them once per tile, not per render.
            _bandsFor = Tile;
            _bands = BandsOf(Tile);
            _track = Arc(FillRadius, 0, 1) ?? "";
            // Min and max sit under the dial's two ends.
            _minAt = At(FillRadius, 0) with { Y = At(FillRadius, 0).Y + 24 };
            _maxAt = At(FillRadius, 1) with { Y = At(FillRadius, 1).Y + 24 };
        }
        if (Keys.Count == 0)
        {
            _frame = new FrameState(null, null, null, true);
            return;
        }
        var key = Keys[0];
        _point = Latest(key);
        var freshness = FreshnessOf(key);
        _frame = new FrameState(_point?.Value, _point?.Timestamp, freshness.Age, freshness.IsStale);
        _reached = _point is { } p ? ThresholdLevels.Reached(Tile.Thresholds, p.Value) : null;
        var f = _point is { } q ? Fraction(Tile, q.Value) : (double?)null;
        _fillPath = f is { } frac ? Arc(FillRadius, 0, frac) : null;
        _needle = f is { } n ? (At(FillRadius - 14, n), At(FillRadius + 10, n)) : null;
    }

    private string ValueText => _point is { } p ? TileFormat.Number(p.Value, Tile.Decimals) : "—";

    private static double Max(TileDefinition tile) =>
        tile.Max is { } max && max > tile.Min ? max : tile.Min + 1; // the validator requires max > min; never divide by zero

    private static double Fraction(TileDefinition tile, double value) =>
        double.IsFinite(value) ? Math.Clamp((value - tile.Min) / (Max(tile) - tile.Min), 0, 1) : 0;

    private static IReadOnlyList<Band> BandsOf(TileDefinition tile)
    {
        var sorted = tile.Thresholds.Select((t, i) => (t, i)).OrderBy(x => x.t.From).ThenBy(x => x.i).Select(x => x.t).ToArray();
        var bands = new List<Band>();
        for (var i = 0; i < sorted.Length; i++)
        {
            var from = Fraction(tile, sorted[i].From);
            var to = i + 1 < sorted.Length ? Fraction(tile, sorted[i + 1].From) : 1;
            if (Arc(BandRadius, from, to) is { } path)
            {
                bands.Add(new Band(sorted[i].Level, sorted[i].Label, TileFormat.Raw(sorted[i].From), path));
            }
        }
        return bands;
    }

    /// <summary>An SVG arc from one share of the dial to another; null when it has no length.</summary>
    private static string? Arc(double radius, double from, double to)
    {
        if (to - from <= 1e-6)
        {
            return null;
        }
        var a = At(radius, from);
        // A full sweep would start and end on one point, which SVG draws as nothing: stop just short.
        var b = At(radius, Math.Min(to, from + 0.99999));
        var large = (to - from) * SweepDegrees > 180 ? 1 : 0;
        return FormattableString.Invariant($"M {a.X:F2} {a.Y:F2} A {radius:F2} {radius:F2} 0 {large} 1 {b.X:F2} {b.Y:F2}");
    }

    private static Point At(double radius, double fraction)
    {
        var radians = (StartDegrees + fraction * SweepDegrees) * Math.PI / 180;
        return new Point(Cx + radius * Math.Cos(radians), Cy + radius * Math.Sin(radians));
    }

    private static string F(double v) => v.ToString("F2", CultureInfo.InvariantCulture);

    private readonly record struct Point(double X, double Y);

    private sealed record Band(string Level, string? Label, string From, string Path);
}
