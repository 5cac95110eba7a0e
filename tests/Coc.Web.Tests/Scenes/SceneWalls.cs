using System.Text.Json;
using Coc.Core.Layouts;
using Coc.Storage;
using Coc.Tests.Shared;
using Coc.Web.Layouts;
using Coc.Web.Tests.Support;
using Coc.Web.Scenes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Coc.Web.Tests.Scenes;

/// <summary>A two-screen wall with two scenes, written as a real layout file, and the real scene state beside it.</summary>
internal static class SceneWalls
{
    public static WallLayout TwoScreens() => new()
    {
        Id = "uji",
        Title = "Dinding uji",
        Screens = new GridSize { Columns = 2, Rows = 1 },
        Grid = new GridSize { Columns = 6, Rows = 4 },
        Scenes =
        [
            new Scene { Id = "normal", Title = "Normal", Tiles = [Kpi("hujan", 0, 0, 3, 1)] },
            // "sungai" runs from column 4 of screen 1 to column 1 of screen 2: it crosses the border.
            new Scene { Id = "banjir", Title = "Banjir", Tiles = [Kpi("sungai", 4, 1, 4, 2), Kpi("pos", 8, 0, 2, 1)] },
        ],
    };

    public static TileDefinition Kpi(string id, int x, int y, int w, int h) => new()
    {
        Id = id, X = x, Y = y, W = w, H = h, Type = TileTypes.Kpi, Title = id,
        Series = [new TileSeries { Measurement = "water_level", Field = "value", Tags = new() { ["sensor"] = id } }],
    };

    public static WallLayoutStore Layouts(TempFolder folder, WallLayout wall)
    {
        var layouts = Path.Combine(folder.Path, "walls");
        Directory.CreateDirectory(layouts);
        File.WriteAllText(Path.Combine(layouts, wall.Id + ".json"), JsonSerializer.Serialize(wall));
        var store = new WallLayoutStore(Options.Create(new WallOptions { LayoutsPath = layouts }), new TestHostEnvironment(folder.Path), NullLogger<WallLayoutStore>.Instance);
        Assert.Empty(store.Errors);
        return store;
    }

    /// <summary>The scene state as the app builds it: its file sits beside the store folder.</summary>
    public static WallSceneState State(TempFolder folder, WallLayoutStore layouts, Coc.Web.Cluster.IClusterState? cluster = null) =>
        new(layouts, Options.Create(new StorageOptions { DataPath = Path.Combine(folder.Path, "data", "store") }), new TestHostEnvironment(folder.Path), NullLogger<WallSceneState>.Instance, cluster);
}
