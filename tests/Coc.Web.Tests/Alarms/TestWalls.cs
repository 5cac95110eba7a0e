using System.Text.Json;
using Coc.Core.Layouts;
using Coc.Tests.Shared;
using Coc.Web.Layouts;
using Coc.Web.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Coc.Web.Tests.Alarms;

/// <summary>Walls for alarm and map tests: built in code, and written as layout files when a real store is needed.</summary>
internal static class TestWalls
{
    // Only what a layout file holds: computed properties and nulls are not part of the format.
    private static readonly JsonSerializerOptions FileFormat = new()
    {
        IgnoreReadOnlyProperties = true,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static WallLayout Wall(params TileDefinition[] tiles) => new()
    {
        Id = "uji",
        Title = "Dinding uji",
        Screens = new GridSize { Columns = 1, Rows = 1 },
        Grid = new GridSize { Columns = 6, Rows = 4 },
        Scenes = [new Scene { Id = "normal", Title = "Normal", Tiles = [.. tiles] }],
    };

    /// <summary>A store loaded from <paramref name="folder"/>, holding <paramref name="walls"/> written as layout files.</summary>
    public static WallLayoutStore Store(TempFolder folder, params WallLayout[] walls)
    {
        foreach (var wall in walls)
        {
            folder.Write(wall.Id + ".json", JsonSerializer.Serialize(wall, FileFormat));
        }
        var store = new WallLayoutStore(Options.Create(new WallOptions { LayoutsPath = folder.Path }), new TestHostEnvironment(folder.Path), NullLogger<WallLayoutStore>.Instance);
        Assert.Empty(store.Errors);
        return store;
    }
}
