using System.Globalization;
using System.Text;
using Bunit;
using Coc.Core.Layouts;
using Coc.Core.Series;
using Coc.Simulator;
using Coc.Tests.Shared;
using Coc.Web.Components.Tiles;
using Coc.Web.Layouts;
using Coc.Web.Tests.Alarms;
using Microsoft.Extensions.DependencyInjection;

namespace Coc.Web.Tests.Tiles;

public sealed class MapTileTests : TileTestContext, IDisposable
{
    // Kota Jambi with some slack, so official boundaries that replace the schematic ones still pass.
    private const double MinLon = 103.50, MaxLon = 103.72, MinLat = -1.70, MaxLat = -1.52;

    private static readonly TileSeries AngsoDuo = Point("water_level", "sensor", "pos-angso-duo", -1.5875, 103.6175, "Angso Duo");
    private static readonly TileSeries Telanaipura = Point("pm25", "sensor", "ispu-telanaipura", -1.600, 103.570, null);

    private readonly TempFolder _layouts = new();
    private WallLayoutStore? _store;

    /// <summary>Renders a map tile; the wall store holds <paramref name="walls"/> (none: the map's own thresholds apply).</summary>
    private IRenderedComponent<MapTile> Render(TileDefinition tile, WallLayoutStore? walls = null)
    {
        _store = walls ?? TestWalls.Store(_layouts);
        Context.Services.AddSingleton(_store);
        return Context.Render<MapTile>(p => p.Add(t => t.Tile, tile));
    }

    private static TileSeries Point(string measurement, string tag, string id, double lat, double lon, string? label) =>
        new() { Measurement = measurement, Field = "value", Tags = new() { [tag] = id }, Lat = lat, Lon = lon, Label = label };

    private static TileDefinition Map(params TileSeries[] points)
    {
        var tile = Tile(TileTypes.Map, points);
        tile.Thresholds = [new Threshold { From = 0, Level = "ok" }, new Threshold { From = 10, Level = "warning" }, new Threshold { From = 25, Level = "critical" }];
        return tile;
    }

    [Fact]
    public void Geometry_Bundled_HasTheElevenKecamatanEachAValidPolygonInsideTheCity()
    {
        var geometry = MapGeometry.KotaJambi;

        Assert.Equal(JambiFeeds.Kecamatan.Order(StringComparer.Ordinal), geometry.Districts.Select(d => d.Id).Order(StringComparer.Ordinal));
        Assert.All(geometry.Districts, d =>
        {
            Assert.False(string.IsNullOrWhiteSpace(d.Name));
            var ring = Assert.Single(d.Rings);
            Assert.True(ring.Distinct().Count() >= 3, $"{d.Id}: fewer than 3 distinct points");
            Assert.All(ring, p => Assert.InRange(p.Lon, MinLon, MaxLon));
            Assert.All(ring, p => Assert.InRange(p.Lat, MinLat, MaxLat));
            Assert.True(Math.Abs(ShoelaceArea(ring)) > 1e-6, $"{d.Id}: no area");
        });
        Assert.True(geometry.River.Sum(r => r.Count) >= 2);
    }

    [Fact]
    public void Geometry_NorthBankKecamatan_LieNorthOfTheRiver()
    {
        var geometry = MapGeometry.KotaJambi;
        double MeanLat(string id) => geometry.Districts.Single(d => d.Id == id).Rings[0].Average(p => p.Lat);
        var riverLat = geometry.River.SelectMany(r => r).Average(p => p.Lat);

        Assert.True(MeanLat("danau-teluk") > riverLat);
        Assert.True(MeanLat("pelayangan") > riverLat);
        Assert.True(MeanLat("kota-baru") < riverLat);
    }

    [Fact]
    public void Parse_MultiPolygonAndMultiLineString_ReadsOuterRingsAndRiver()
    {
        const string json = """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"district":"pelayangan","name":"Pelayangan","extra":1},
               "geometry":{"type":"MultiPolygon","coordinates":[[[[103.6,-1.57],[103.61,-1.57],[103.61,-1.56],[103.6,-1.57]],[[103.601,-1.569],[103.602,-1.569],[103.602,-1.568],[103.601,-1.569]]],[[[103.62,-1.57],[103.63,-1.57],[103.63,-1.56],[103.62,-1.57]]]]}},
              {"type":"Feature","properties":{"river":"batanghari"},"geometry":{"type":"MultiLineString","coordinates":[[[103.55,-1.6],[103.6,-1.58]],[[103.6,-1.58],[103.68,-1.57]]]}},
              {"type":"Feature","properties":{"other":"x"},"geometry":{"type":"Point","coordinates":[103.6,-1.6]}}
            ]}
            """;

        var geometry = MapGeometry.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json)));

        var district = Assert.Single(geometry.Districts);
        Assert.Equal(2, district.Rings.Count);
        Assert.Equal(4, district.Rings[0].Count);
        Assert.Equal(2, geometry.River.Count);
    }

    [Fact]
    public void Render_Kecamatan_AllDrawnWithNameAndNoLevelWithoutRegions()
    {
        var cut = Render(Map(AngsoDuo));

        var polygons = cut.FindAll("path.map-district");
        Assert.Equal(11, polygons.Count);
        Assert.All(polygons, p => Assert.Equal("none", p.GetAttribute("data-level")));
        Assert.Contains(cut.FindAll(".map-district-label"), t => t.TextContent.Contains("Danau Teluk", StringComparison.Ordinal));
        Assert.NotEmpty(cut.Find("polyline.map-river").GetAttribute("points")!);
    }

    [Fact]
    public void Points_LatestValues_ColouredByLevel()
    {
        var cut = Render(Map(AngsoDuo, Telanaipura));

        PublishBatch((AngsoDuo, 12), (Telanaipura, 3));

        cut.WaitForAssertion(() => Assert.Equal("warning", PointOf(cut, AngsoDuo).GetAttribute("data-level")));
        Assert.Equal("ok", PointOf(cut, Telanaipura).GetAttribute("data-level"));
        Assert.Contains("level-warning", PointOf(cut, AngsoDuo).ClassList);
        Assert.Equal("false", PointOf(cut, AngsoDuo).GetAttribute("data-stale"));
        Assert.Equal("Angso Duo", PointOf(cut, AngsoDuo).QuerySelector(".map-point-label")!.TextContent);

        Time.Advance(RenderInterval);
        Publish(Key(AngsoDuo), 30);
        Time.Advance(RenderInterval);

        cut.WaitForAssertion(() => Assert.Equal("critical", PointOf(cut, AngsoDuo).GetAttribute("data-level")));
    }

    [Fact]
    public void Points_NoDataOrQuiet_MarkedStale()
    {
        var cut = Render(Map(AngsoDuo, Telanaipura));
        Assert.Equal("true", PointOf(cut, AngsoDuo).GetAttribute("data-stale"));
        Assert.Equal("none", PointOf(cut, AngsoDuo).GetAttribute("data-level"));

        Publish(Key(AngsoDuo), 12);
        Time.Advance(TimeSpan.FromSeconds(8));
        Publish(Key(Telanaipura), 3);
        cut.WaitForAssertion(() => Assert.Equal("false", PointOf(cut, AngsoDuo).GetAttribute("data-stale")));

        Time.Advance(TimeSpan.FromSeconds(4));

        cut.WaitForAssertion(() => Assert.Equal("true", PointOf(cut, AngsoDuo).GetAttribute("data-stale")));
        Assert.Contains("stale", PointOf(cut, AngsoDuo).ClassList);
        Assert.Equal("warning", PointOf(cut, AngsoDuo).GetAttribute("data-level"));
        Assert.Equal("false", PointOf(cut, Telanaipura).GetAttribute("data-stale"));
    }

    [Fact]
    public void Points_SeriesWithThresholdsOnAnotherTileOfTheWall_UseThoseLevels()
    {
        var kpi = Tile(TileTypes.Kpi, Series("water_level", "value", "pos-angso-duo"));
        kpi.Id = "river-angso-duo";
        kpi.Thresholds = [new Threshold { From = 0, Level = "ok" }, new Threshold { From = 13.5, Level = "critical" }];
        var map = Map(AngsoDuo, Telanaipura);
        kpi.X = 2;
        var store = TestWalls.Store(_layouts, TestWalls.Wall(map, kpi));
        var cut = Render(store.Walls.Single().Tiles.Single(t => t.Type == TileTypes.Map), store);

        // 12 m is "warning" by the map's (complaint) thresholds but "ok" by the gauge's own tile.
        PublishBatch((AngsoDuo, 12), (Telanaipura, 12));

        cut.WaitForAssertion(() => Assert.Equal("ok", PointOf(cut, AngsoDuo).GetAttribute("data-level")));
        Assert.Equal("warning", PointOf(cut, Telanaipura).GetAttribute("data-level"));
    }

    [Fact]
    public void Regions_DistrictSeries_ColourTheirKecamatanOnTheNextTick()
    {
        var map = Map(AngsoDuo);
        map.Decimals = 0;
        map.Regions = new TileSeries { Measurement = "complaints_open", Field = "count", Tags = new() { ["source"] = "sikesal" } };
        var cut = Render(map);

        Live.Apply(
        [
            new Sample(SeriesKey.Create("complaints_open", "count", ("source", "sikesal"), ("district", "kota-baru")), Time.GetUtcNow(), 30),
            new Sample(SeriesKey.Create("complaints_open", "count", ("source", "sikesal"), ("district", "jelutung")), Time.GetUtcNow(), 12),
            new Sample(SeriesKey.Create("complaints_open", "count", ("source", "sikesal"), ("district", "pelayangan")), Time.GetUtcNow(), 2),
        ], Time.GetUtcNow());
        Time.Advance(TimeSpan.FromSeconds(1));

        cut.WaitForAssertion(() => Assert.Equal("critical", District(cut, "kota-baru").GetAttribute("data-level")));
        Assert.Equal("warning", District(cut, "jelutung").GetAttribute("data-level"));
        Assert.Equal("ok", District(cut, "pelayangan").GetAttribute("data-level"));
        Assert.Equal("30", District(cut, "kota-baru").GetAttribute("data-value"));
        Assert.Equal("none", District(cut, "telanaipura").GetAttribute("data-level"));
        Assert.Contains("level-critical", District(cut, "kota-baru").ClassList);
        Assert.Contains(cut.FindAll(".map-district-value"), v => v.TextContent == "30");
    }

    [Fact]
    public void Projection_PointsInsideAndOutsideTheCity_StayInsideTheViewBox()
    {
        var far = Point("pm25", "sensor", "ispu-muaro-jambi", -1.72, 103.75, "Jauh");
        var cut = Render(Map(AngsoDuo, Telanaipura, far));

        var box = cut.Find("svg.map-svg").GetAttribute("viewBox")!.Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var circles = cut.FindAll(".map-point circle");
        Assert.Equal(3, circles.Count);
        Assert.All(circles, c =>
        {
            Assert.InRange(double.Parse(c.GetAttribute("cx")!, CultureInfo.InvariantCulture), box[0], box[2]);
            Assert.InRange(double.Parse(c.GetAttribute("cy")!, CultureInfo.InvariantCulture), box[1], box[3]);
        });
        // North is up and east is right: Telanaipura (west) left of Angso Duo, the far point (south-east) lowest.
        double Cx(TileSeries s) => double.Parse(PointOf(cut, s).QuerySelector("circle")!.GetAttribute("cx")!, CultureInfo.InvariantCulture);
        double Cy(TileSeries s) => double.Parse(PointOf(cut, s).QuerySelector("circle")!.GetAttribute("cy")!, CultureInfo.InvariantCulture);
        Assert.True(Cx(Telanaipura) < Cx(AngsoDuo));
        Assert.True(Cy(far) > Cy(AngsoDuo));
    }

    [Fact]
    public async Task Dispose_Tile_UnsubscribesFromLiveStateAndTicker()
    {
        Render(Map(AngsoDuo, Telanaipura));
        var ticker = Context.Services.GetRequiredService<ScreenTicker>();
        Assert.Equal(2, Live.WatcherCount);
        Assert.Equal(1, ticker.ListenerCount);

        await Context.DisposeComponentsAsync();

        Assert.Equal(0, Live.WatcherCount);
        Assert.Equal(0, ticker.ListenerCount);
    }

    private static AngleSharp.Dom.IElement PointOf(IRenderedComponent<MapTile> cut, TileSeries series) =>
        cut.Find($".map-point[data-series-id='{Key(series).Id}']");

    private static AngleSharp.Dom.IElement District(IRenderedComponent<MapTile> cut, string id) =>
        cut.Find($"path.map-district[data-district='{id}']");

    private static double ShoelaceArea(IReadOnlyList<GeoPoint> ring)
    {
        double a = 0;
        for (var i = 0; i < ring.Count; i++)
        {
            a += ring[i].Lon * ring[(i + 1) % ring.Count].Lat - ring[(i + 1) % ring.Count].Lon * ring[i].Lat;
        }
        return a / 2;
    }

    public void Dispose()
    {
        // The store may watch its folder: stop that before the folder goes (DI does not dispose instances it was handed).
        _store?.Dispose();
        _layouts.Dispose();
    }
}
