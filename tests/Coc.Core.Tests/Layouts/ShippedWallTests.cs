using Coc.Core.Layouts;

namespace Coc.Core.Tests.Layouts;

/// <summary>The shipped Jambi wall shows what the product offers: several scenes, every tile kind, a tile across screens.</summary>
public sealed class ShippedWallTests
{
    private static WallLayout Jambi()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var folder = Path.Combine(dir.FullName, "wall-layouts");
            if (Directory.Exists(folder))
            {
                var result = LayoutLoader.LoadDirectory(folder);
                Assert.Empty(result.Errors);
                return result.Walls.Single(w => w.Id == "jambi-coc");
            }
        }
        throw new InvalidOperationException("wall-layouts not found above the test binaries");
    }

    [Fact]
    public void JambiWall_AtLeastThreeScenesIncludingFloodTrafficAndBriefing()
    {
        var scenes = Jambi().Scenes.Select(s => s.Id).ToList();

        Assert.True(scenes.Count >= 3, string.Join(", ", scenes));
        Assert.Contains("banjir", scenes);
        Assert.Contains("lalu-lintas", scenes);
        Assert.Contains("briefing", scenes);
    }

    [Fact]
    public void JambiWall_UsesEveryTileKind()
    {
        var used = Jambi().Tiles.Select(t => t.Type).ToHashSet();

        Assert.Empty(TileTypes.All.Except(used));
    }

    [Fact]
    public void JambiWall_FloodSceneHasATileAcrossTheFirstScreenBorder()
    {
        var wall = Jambi();
        var banjir = wall.FindScene("banjir")!;

        var across = wall.TilesOnScreen(banjir, 1).Intersect(wall.TilesOnScreen(banjir, 2)).Select(t => t.Id);

        Assert.Contains("river-chart", across);
    }
}
