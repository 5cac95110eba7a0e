using System.Text.RegularExpressions;

namespace Coc.Core.Layouts;

/// <summary>Checks a parsed wall for everything a screen would otherwise trip over at run time.</summary>
public static partial class LayoutValidator
{
    public const int MaxScreens = 16;
    public const int MaxGrid = 48;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex Slug();

    /// <summary>Problems as (JSON path, message); empty when the wall is valid.</summary>
    public static List<LayoutError> Validate(WallLayout wall, string file)
    {
        var errors = new List<LayoutError>();
        void Error(string path, string message) => errors.Add(new LayoutError(file, path, message));

        // JSON null deserializes into properties the model declares non-null; each is checked so a file is reported, never thrown on.
        if (!Slug().IsMatch(wall.Id ?? ""))
        {
            Error("$.id", "must be lower-case letters, digits and '-' (it is part of the URL)");
        }
        if (wall.Screens is null || wall.Screens.Columns < 1 || wall.Screens.Rows < 1 || (long)wall.Screens.Columns * wall.Screens.Rows > MaxScreens)
        {
            Error("$.screens", $"columns and rows must be at least 1, and at most {MaxScreens} screens in all");
            return errors;
        }
        if (wall.Grid is null || wall.Grid.Columns is < 1 or > MaxGrid || wall.Grid.Rows is < 1 or > MaxGrid)
        {
            Error("$.grid", $"columns and rows must be 1 to {MaxGrid}");
            return errors;
        }
        if (wall.Scenes is null || wall.Scenes.Count == 0)
        {
            Error("$.scenes", "must be an array of at least one scene");
            return errors;
        }

        var sceneIds = new HashSet<string>(StringComparer.Ordinal);
        for (var s = 0; s < wall.Scenes.Count; s++)
        {
            var scene = wall.Scenes[s];
            var at = $"$.scenes[{s}]";
            if (scene is null)
            {
                Error(at, "is null: give a scene object");
                continue;
            }
            if (!Slug().IsMatch(scene.Id ?? ""))
            {
                Error($"{at}.id", "must be lower-case letters, digits and '-'");
            }
            else if (!sceneIds.Add(scene.Id!))
            {
                Error($"{at}.id", $"'{scene.Id}' is used by another scene");
            }
            if (scene.Tiles is null)
            {
                Error($"{at}.tiles", "must be an array of tiles");
                continue;
            }
            ValidateTiles(wall, scene, at, Error);
        }
        if (!string.IsNullOrEmpty(wall.DefaultScene) && wall.Scenes.All(sc => sc?.Id != wall.DefaultScene))
        {
            Error("$.defaultScene", $"'{wall.DefaultScene}' is not one of the scenes");
        }
        return errors;
    }

    private static void ValidateTiles(WallLayout wall, Scene scene, string sceneAt, Action<string, string> Error)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var occupied = new Dictionary<(int X, int Y), string>();
        for (var i = 0; i < scene.Tiles.Count; i++)
        {
            var tile = scene.Tiles[i];
            var at = $"{sceneAt}.tiles[{i}]";
            if (tile is null)
            {
                Error(at, "is null: give a tile object");
                continue;
            }
            if (string.IsNullOrWhiteSpace(tile.Id))
            {
                Error($"{at}.id", "is missing");
            }
            else if (!ids.Add(tile.Id))
            {
                Error($"{at}.id", $"'{tile.Id}' is used by another tile of this scene");
            }
            if (!TileTypes.All.Contains(tile.Type))
            {
                Error($"{at}.type", $"'{tile.Type}' is not a tile type ({string.Join(", ", TileTypes.All)})");
            }
            if (tile.W < 1 || tile.H < 1)
            {
                Error($"{at}.w", "w and h must be at least 1");
            }
            // long: x + w must not wrap around for huge values and slip through as "fits".
            else if (tile.X < 0 || tile.Y < 0 || (long)tile.X + tile.W > wall.WallColumns || (long)tile.Y + tile.H > wall.WallRows)
            {
                Error($"{at}.x", $"tile at x={tile.X} y={tile.Y} w={tile.W} h={tile.H} does not fit the wall's {wall.WallColumns}x{wall.WallRows} grid ({wall.Screens.Columns}x{wall.Screens.Rows} screens of {wall.Grid.Columns}x{wall.Grid.Rows})");
            }
            else
            {
                MarkCells(tile, at, occupied, Error);
            }
            if (tile.StaleAfterSeconds is <= 0 or > 86_400)
            {
                Error($"{at}.staleAfterSeconds", "must be more than 0 and at most 86400 (a day)");
            }
            if (tile.Decimals is < 0 or > 6)
            {
                Error($"{at}.decimals", "must be 0 to 6");
            }
            if (tile.Minutes is < 1 or > 1440)
            {
                Error($"{at}.minutes", "must be 1 to 1440");
            }
            ValidateSeries(tile, at, Error);
            if (tile.Thresholds is null)
            {
                Error($"{at}.thresholds", "must be an array of thresholds");
                continue;
            }
            for (var t = 0; t < tile.Thresholds.Count; t++)
            {
                if (tile.Thresholds[t] is null)
                {
                    Error($"{at}.thresholds[{t}]", "is null: give a threshold object");
                }
                else if (!ThresholdLevels.All.Contains(tile.Thresholds[t].Level))
                {
                    Error($"{at}.thresholds[{t}].level", $"'{tile.Thresholds[t].Level}' is not one of {string.Join(", ", ThresholdLevels.All)}");
                }
            }
        }
    }

    /// <summary>The rules of the tile kinds that need more than a series.</summary>
    private static void ValidateKind(TileDefinition tile, string at, Action<string, string> error)
    {
        switch (tile.Type)
        {
            case TileTypes.Gauge when tile.Max is not { } max || !double.IsFinite(max) || !double.IsFinite(tile.Min) || max <= tile.Min:
                error($"{at}.max", "a gauge needs max, above min");
                break;
            case TileTypes.Kpi when tile.CompareHours is < 1 or > 24 * 366:
                error($"{at}.compareHours", "must be 1 to 8784 hours (a year)");
                break;
            case TileTypes.Text when string.IsNullOrWhiteSpace(tile.Text):
                error($"{at}.text", "a text tile needs text");
                break;
            case TileTypes.Camera when !Uri.TryCreate(tile.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"):
                error($"{at}.url", "a camera needs an absolute http or https URL");
                break;
            case TileTypes.Camera when tile.RefreshSeconds is < 0 or > 3600:
                error($"{at}.refreshSeconds", "must be 0 (MJPEG stream) to 3600");
                break;
            case TileTypes.Ticker or TileTypes.Alarms when tile.Count is < 1 or > 100:
                error($"{at}.count", "must be 1 to 100");
                break;
            case TileTypes.Map when tile.Series?.Any(s => s is not null && (s.Lat is not (>= -90 and <= 90) || s.Lon is not (>= -180 and <= 180))) == true:
                error($"{at}.series", "every series of a map needs lat (-90..90) and lon (-180..180)");
                break;
            case TileTypes.Map when tile.Regions is not null && (string.IsNullOrWhiteSpace(tile.Regions.Measurement) || string.IsNullOrWhiteSpace(tile.Regions.Field)):
                error($"{at}.regions", "needs measurement and field");
                break;
        }
    }

    private static void ValidateSeries(TileDefinition tile, string at, Action<string, string> error)
    {
        ValidateKind(tile, at, error);
        if (TileTypes.WithoutSeries.Contains(tile.Type) && (tile.Series is null || tile.Series.Count == 0))
        {
            return;
        }
        if (tile.Series is null || tile.Series.Count == 0)
        {
            error($"{at}.series", "is missing: give a series object or an array of them");
            return;
        }
        if (tile.Type is TileTypes.Kpi or TileTypes.Gauge && tile.Series.Count != 1)
        {
            error($"{at}.series", $"a {tile.Type} tile shows exactly one series");
        }
        for (var s = 0; s < tile.Series.Count; s++)
        {
            if (tile.Series[s] is null)
            {
                error($"{at}.series[{s}]", "is null: give a series object");
            }
            else if (tile.Series[s].ToKey(out var problem) is null)
            {
                error($"{at}.series[{s}]", problem!);
            }
        }
    }

    private static void MarkCells(TileDefinition tile, string at, Dictionary<(int, int), string> occupied, Action<string, string> error)
    {
        for (var x = tile.X; x < tile.X + tile.W; x++)
        {
            for (var y = tile.Y; y < tile.Y + tile.H; y++)
            {
                if (occupied.TryGetValue((x, y), out var other))
                {
                    error(at, $"overlaps tile '{other}' at wall cell x={x} y={y}");
                    return;
                }
                occupied[(x, y)] = tile.Id;
            }
        }
    }
}

/// <summary>One layout problem: the file, where in it (JSON path), and what rule it broke.</summary>
public sealed record LayoutError(string File, string Path, string Message)
{
    public override string ToString() => $"{File}: {Path}: {Message}";
}
