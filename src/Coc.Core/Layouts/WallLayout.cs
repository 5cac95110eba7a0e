using System.Text.Json.Serialization;
using Coc.Core.Series;

namespace Coc.Core.Layouts;

/// <summary>
/// A physical wall: its screens in columns × rows, the grid of each screen, and the scenes that
/// place tiles on the whole wall's grid. A tile may cross a screen border: each screen draws its part.
/// </summary>
public sealed class WallLayout
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    [JsonPropertyName("title")]
    public string Title { get; set; } = "";

    /// <summary>How the monitors hang: columns × rows. Screen 1 is top left, numbered along each row.</summary>
    [JsonPropertyName("screens")]
    public GridSize Screens { get; set; } = new() { Columns = 1, Rows = 1 };

    /// <summary>The grid of one screen; the wall's grid is this times <see cref="Screens"/>.</summary>
    [JsonPropertyName("grid")]
    public GridSize Grid { get; set; } = new();

    /// <summary>The scene shown until a duty officer picks another; empty means the first.</summary>
    [JsonPropertyName("defaultScene")]
    public string? DefaultScene { get; set; }

    [JsonPropertyName("scenes")]
    public List<Scene> Scenes { get; set; } = [];

    /// <summary>The file it was loaded from, for error messages and the operator's view.</summary>
    [JsonIgnore]
    public string SourceFile { get; set; } = "";

    [JsonIgnore]
    public int ScreenCount => Screens.Columns * Screens.Rows;

    [JsonIgnore]
    public int WallColumns => Screens.Columns * Grid.Columns;

    [JsonIgnore]
    public int WallRows => Screens.Rows * Grid.Rows;

    /// <summary>Every tile of every scene (one tile id may appear in several scenes).</summary>
    [JsonIgnore]
    public IEnumerable<TileDefinition> Tiles => Scenes.SelectMany(s => s.Tiles);

    public Scene? FindScene(string? id) => Scenes.FirstOrDefault(s => s.Id == id);

    /// <summary>The configured default scene, or the first.</summary>
    [JsonIgnore]
    public Scene StartScene => FindScene(DefaultScene) ?? Scenes[0];

    /// <summary>The wall-grid cell at the top left of a 1-based screen.</summary>
    public (int X, int Y) ScreenOrigin(int screen) =>
        ((screen - 1) % Screens.Columns * Grid.Columns, (screen - 1) / Screens.Columns * Grid.Rows);

    /// <summary>The tiles of a scene that show, whole or in part, on a screen.</summary>
    public IEnumerable<TileDefinition> TilesOnScreen(Scene scene, int screen)
    {
        var (x0, y0) = ScreenOrigin(screen);
        return scene.Tiles.Where(t => t.X < x0 + Grid.Columns && t.X + t.W > x0 && t.Y < y0 + Grid.Rows && t.Y + t.H > y0);
    }
}

/// <summary>One arrangement of tiles on the whole wall, e.g. <c>normal</c>, <c>banjir</c>, <c>briefing</c>.</summary>
public sealed class Scene
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    [JsonPropertyName("title")]
    public string Title { get; set; } = "";

    /// <summary>Tiles placed on the wall's grid (x, y count from the top left of screen 1).</summary>
    [JsonPropertyName("tiles")]
    public List<TileDefinition> Tiles { get; set; } = [];
}

public sealed class GridSize
{
    [JsonPropertyName("columns")]
    public int Columns { get; set; } = 12;

    [JsonPropertyName("rows")]
    public int Rows { get; set; } = 8;
}

public sealed class TileDefinition
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    /// <summary>Column on the wall's grid, from 0 at the left edge of the leftmost screen.</summary>
    [JsonPropertyName("x")]
    public int X { get; set; }

    [JsonPropertyName("y")]
    public int Y { get; set; }

    [JsonPropertyName("w")]
    public int W { get; set; } = 1;

    [JsonPropertyName("h")]
    public int H { get; set; } = 1;

    [JsonPropertyName("type")]
    public string Type { get; set; } = "";

    [JsonPropertyName("title")]
    public string Title { get; set; } = "";

    /// <summary>One series or several; the file may give an object or an array.</summary>
    [JsonPropertyName("series")]
    [JsonConverter(typeof(OneOrManyConverter))]
    public List<TileSeries> Series { get; set; } = [];

    [JsonPropertyName("unit")]
    public string? Unit { get; set; }

    [JsonPropertyName("staleAfterSeconds")]
    public double StaleAfterSeconds { get; set; } = 30;

    /// <summary>Digits after the decimal point.</summary>
    [JsonPropertyName("decimals")]
    public int Decimals { get; set; } = 1;

    /// <summary>Timeseries tiles: how many minutes of history to draw.</summary>
    [JsonPropertyName("minutes")]
    public int Minutes { get; set; } = 30;

    /// <summary>Levels from low to high; the highest threshold the value reaches decides the colour.</summary>
    [JsonPropertyName("thresholds")]
    public List<Threshold> Thresholds { get; set; } = [];

    /// <summary>
    /// Kpi tiles: also show the value this many hours earlier and the difference, from the store
    /// (24: today against yesterday at the same time, for the briefing screen). Optional.
    /// </summary>
    [JsonPropertyName("compareHours")]
    public int? CompareHours { get; set; }

    /// <summary>Gauge tiles: the value at the start of the dial.</summary>
    [JsonPropertyName("min")]
    public double Min { get; set; }

    /// <summary>Gauge tiles: the value at the end of the dial (required for a gauge).</summary>
    [JsonPropertyName("max")]
    public double? Max { get; set; }

    /// <summary>Text tiles: the text shown (plain text; line breaks kept).</summary>
    [JsonPropertyName("text")]
    public string? Text { get; set; }

    /// <summary>Camera tiles: an http(s) snapshot or MJPEG URL set by the operator.</summary>
    [JsonPropertyName("url")]
    public string? Url { get; set; }

    /// <summary>Camera tiles: seconds between snapshot reloads; 0 means the URL is an MJPEG stream.</summary>
    [JsonPropertyName("refreshSeconds")]
    public int RefreshSeconds { get; set; } = 10;

    /// <summary>Ticker and alarm tiles: how many entries to show at most.</summary>
    [JsonPropertyName("count")]
    public int Count { get; set; } = 10;

    /// <summary>
    /// Map tiles: colours each kecamatan by this series, its <c>district</c> tag filled in per kecamatan
    /// (e.g. open complaints); thresholds decide the colour. Optional.
    /// </summary>
    [JsonPropertyName("regions")]
    public TileSeries? Regions { get; set; }

    [JsonIgnore]
    public TimeSpan StaleAfter => TimeSpan.FromSeconds(StaleAfterSeconds);

    public IReadOnlyList<SeriesKey> SeriesKeys() => Series.Select(s => s.ToKey(out _)).OfType<SeriesKey>().ToArray();
}

/// <summary>A series reference in a layout, with an optional display label.</summary>
public sealed class TileSeries
{
    [JsonPropertyName("measurement")]
    public string? Measurement { get; set; }

    [JsonPropertyName("field")]
    public string? Field { get; set; }

    [JsonPropertyName("tags")]
    public Dictionary<string, string>? Tags { get; set; }

    [JsonPropertyName("label")]
    public string? Label { get; set; }

    /// <summary>Map tiles: where the sensor or intersection stands (WGS84 degrees).</summary>
    [JsonPropertyName("lat")]
    public double? Lat { get; set; }

    [JsonPropertyName("lon")]
    public double? Lon { get; set; }

    public SeriesKey? ToKey(out string? error) =>
        new SeriesDto { Measurement = Measurement, Field = Field, Tags = Tags }.ToKey(out error);

    /// <summary>The label, or the most telling tag value, or the field name.</summary>
    [JsonIgnore]
    public string DisplayLabel => Label ?? Tags?.Values.FirstOrDefault() ?? Field ?? "";
}

public sealed class Threshold
{
    [JsonPropertyName("from")]
    public double From { get; set; }

    /// <summary><c>ok</c>, <c>info</c>, <c>warning</c> or <c>critical</c>.</summary>
    [JsonPropertyName("level")]
    public string Level { get; set; } = ThresholdLevels.Ok;

    /// <summary>The category's name shown with the value, e.g. ISPU "Tidak Sehat" or a river's "Siaga 2". Optional.</summary>
    [JsonPropertyName("label")]
    public string? Label { get; set; }
}

public static class ThresholdLevels
{
    public const string Ok = "ok";
    public const string Info = "info";
    public const string Warning = "warning";
    public const string Critical = "critical";
    public static readonly IReadOnlySet<string> All = new HashSet<string> { Ok, Info, Warning, Critical };

    /// <summary>The level of the highest threshold at or below <paramref name="value"/>; null when none applies.</summary>
    public static string? LevelFor(IReadOnlyList<Threshold> thresholds, double value) => Reached(thresholds, value)?.Level;

    /// <summary>The threshold a value reaches: the highest <c>from</c> at or below it, the later one on ties; null for none (or NaN).</summary>
    public static Threshold? Reached(IReadOnlyList<Threshold> thresholds, double value)
    {
        Threshold? reached = null;
        foreach (var t in thresholds)
        {
            if (value >= t.From && (reached is null || t.From >= reached.From))
            {
                reached = t;
            }
        }
        return reached;
    }
}

public static class TileTypes
{
    public const string Kpi = "kpi";
    public const string Timeseries = "timeseries";
    public const string Bar = "bar";
    public const string Status = "status";
    public const string Gauge = "gauge";
    public const string Map = "map";
    public const string Alarms = "alarms";
    public const string Camera = "camera";
    public const string Clock = "clock";
    public const string Ticker = "ticker";
    public const string Text = "text";
    public static readonly IReadOnlySet<string> All = new HashSet<string> { Kpi, Timeseries, Bar, Status, Gauge, Map, Alarms, Camera, Clock, Ticker, Text };

    /// <summary>Tiles that show no series of their own: the layout may leave <c>series</c> out.</summary>
    public static readonly IReadOnlySet<string> WithoutSeries = new HashSet<string> { Alarms, Camera, Clock, Ticker, Text };
}
