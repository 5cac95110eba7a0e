using System.Text.Json;
using Coc.Core.Layouts;
using Coc.Core.Series;

namespace Coc.Web.Components.Tiles;

/// <summary>A point in WGS84 degrees.</summary>
public readonly record struct GeoPoint(double Lon, double Lat);

/// <summary>A kecamatan: the slug complaint events use as <c>district</c>, its name, and its outer rings.</summary>
public sealed record MapDistrict(string Id, string Name, IReadOnlyList<IReadOnlyList<GeoPoint>> Rings);

/// <summary>
/// The map tile's bundled geometry: kecamatan polygons and the river, read once from the GeoJSON
/// embedded in this assembly (Geo/kota-jambi.geojson) so the map needs no internet and no tile server.
/// The shipped file is schematic, not survey data: see Geo/README.md for replacing it.
/// </summary>
public sealed record MapGeometry(IReadOnlyList<MapDistrict> Districts, IReadOnlyList<IReadOnlyList<GeoPoint>> River)
{
    public const string ResourceName = "Coc.Web.Geo.kota-jambi.geojson";

    private static readonly Lazy<MapGeometry> Bundled = new(LoadBundled);

    /// <summary>Kota Jambi's 11 kecamatan and the Batanghari, parsed on first use and shared by every tile.</summary>
    public static MapGeometry KotaJambi => Bundled.Value;

    /// <summary>The series of <paramref name="template"/> for each kecamatan, its <c>district</c> tag filled in.</summary>
    public IReadOnlyList<(MapDistrict District, SeriesKey Key)> RegionSeries(TileSeries template)
    {
        var result = new List<(MapDistrict, SeriesKey)>(Districts.Count);
        foreach (var district in Districts)
        {
            var tags = new Dictionary<string, string>(template.Tags ?? [], StringComparer.Ordinal) { ["district"] = district.Id };
            var series = new TileSeries { Measurement = template.Measurement, Field = template.Field, Tags = tags };
            if (series.ToKey(out _) is { } key)
            {
                result.Add((district, key));
            }
        }
        return result;
    }

    private static MapGeometry LoadBundled()
    {
        using var stream = typeof(MapGeometry).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded map geometry '{ResourceName}' is missing from Coc.Web.dll");
        return Parse(stream);
    }

    /// <summary>
    /// Reads a GeoJSON FeatureCollection: features with <c>properties.district</c> are kecamatan
    /// (Polygon or MultiPolygon; holes dropped, the wall draws outlines), features with
    /// <c>properties.river</c> are the river (LineString or MultiLineString). Other features are ignored,
    /// so an ogr2ogr export with extra properties loads as it is.
    /// </summary>
    public static MapGeometry Parse(Stream geoJson)
    {
        using var doc = JsonDocument.Parse(geoJson);
        var districts = new List<MapDistrict>();
        var river = new List<IReadOnlyList<GeoPoint>>();
        foreach (var feature in doc.RootElement.GetProperty("features").EnumerateArray())
        {
            var props = feature.GetProperty("properties");
            var geometry = feature.GetProperty("geometry");
            var type = geometry.GetProperty("type").GetString();
            var coords = geometry.GetProperty("coordinates");
            if (props.TryGetProperty("district", out var id))
            {
                var name = props.TryGetProperty("name", out var n) ? n.GetString() : null;
                var rings = type switch
                {
                    "Polygon" => [Line(coords[0])],
                    "MultiPolygon" => coords.EnumerateArray().Select(polygon => Line(polygon[0])).ToList(),
                    _ => throw new InvalidDataException($"District '{id}': geometry {type} is not a Polygon or MultiPolygon"),
                };
                districts.Add(new MapDistrict(id.GetString()!, name ?? id.GetString()!, rings));
            }
            else if (props.TryGetProperty("river", out _))
            {
                river.AddRange(type switch
                {
                    "LineString" => [Line(coords)],
                    "MultiLineString" => coords.EnumerateArray().Select(Line).ToList(),
                    _ => throw new InvalidDataException($"River: geometry {type} is not a LineString or MultiLineString"),
                });
            }
        }
        return new MapGeometry(districts, river);
    }

    private static IReadOnlyList<GeoPoint> Line(JsonElement positions) =>
        positions.EnumerateArray().Select(p => new GeoPoint(p[0].GetDouble(), p[1].GetDouble())).ToArray();
}
