using Coc.Core.Layouts;

namespace Coc.Core.Tests.Layouts;

/// <summary>Known-good walls; each test breaks exactly one thing.</summary>
internal static class LayoutSamples
{
    public const string TrafficWallJson = """
        {
          // Comments and trailing commas are allowed: people edit these files by hand.
          "id": "traffic",
          "title": "Lalu lintas Kota Jambi",
          "screens": { "columns": 2, "rows": 1 },
          "grid": { "columns": 12, "rows": 8 },
          "scenes": [ { "id": "normal", "title": "Normal", "tiles": [
            {
              "id": "water",
              "x": 0, "y": 0, "w": 3, "h": 2,
              "type": "kpi",
              "title": "Batanghari",
              "series": { "measurement": "water_level", "field": "value", "tags": { "sensor": "batanghari-1" } },
              "unit": "cm",
              "thresholds": [ { "from": 0, "level": "ok" }, { "from": 400, "level": "warning" } ],
            },
            {
              "id": "vehicles",
              "x": 12, "y": 0, "w": 6, "h": 4,
              "type": "timeseries",
              "series": [
                { "measurement": "atcs", "field": "vehicles", "tags": { "intersection": "simpang-kawat" }, "label": "Simpang Kawat" },
                { "measurement": "atcs", "field": "vehicles", "tags": { "intersection": "simpang-rimbo" } }
              ],
              "minutes": 60
            }
          ] } ]
        }
        """;

    public static string Wall(string id) => TrafficWallJson.Replace("\"id\": \"traffic\"", $"\"id\": \"{id}\"", StringComparison.Ordinal);

    public static WallLayout ValidWall() => new()
    {
        Id = "flood",
        Title = "Banjir",
        Screens = new GridSize { Columns = 2, Rows = 1 },
        Grid = new GridSize { Columns = 12, Rows = 8 },
        Scenes = [new Scene { Id = "normal", Title = "Normal", Tiles = ValidTiles() }],
    };

    /// <summary>One tile on each screen of <see cref="ValidWall"/> (the wall's grid is 24 × 8).</summary>
    private static List<TileDefinition> ValidTiles() =>
    [
        new TileDefinition
        {
            Id = "water", X = 0, Y = 0, W = 4, H = 2, Type = TileTypes.Kpi,
            Series = [new TileSeries { Measurement = "water_level", Field = "value", Tags = new() { ["sensor"] = "batanghari-1" } }],
            Thresholds = [new Threshold { From = 0, Level = ThresholdLevels.Ok }, new Threshold { From = 400, Level = ThresholdLevels.Critical }],
        },
        new TileDefinition
        {
            Id = "rain", X = 16, Y = 2, W = 4, H = 3, Type = TileTypes.Timeseries,
            Series =
            [
                new TileSeries { Measurement = "rainfall", Field = "mm", Tags = new() { ["sensor"] = "arg-12" } },
                new TileSeries { Measurement = "rainfall", Field = "mm", Tags = new() { ["sensor"] = "arg-13" } },
            ],
        },
    ];
}
