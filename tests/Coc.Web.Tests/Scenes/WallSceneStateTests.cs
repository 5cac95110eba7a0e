using Coc.Tests.Shared;

namespace Coc.Web.Tests.Scenes;

public sealed class WallSceneStateTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void Current_NothingChosen_TheWallsStartScene()
    {
        using var layouts = SceneWalls.Layouts(_folder, SceneWalls.TwoScreens());

        Assert.Equal("normal", SceneWalls.State(_folder, layouts).Current(layouts.Find("uji")!).Id);
    }

    [Fact]
    public void TrySet_KnownScene_WatchersToldAndChoiceSurvivesARestart()
    {
        using var layouts = SceneWalls.Layouts(_folder, SceneWalls.TwoScreens());
        var state = SceneWalls.State(_folder, layouts);
        var told = new List<string>();
        using var watch = state.Watch(told.Add);

        Assert.True(state.TrySet("uji", "banjir", out var error), error);

        Assert.Equal(["uji"], told);
        Assert.Equal(Path.Combine(_folder.Path, "data", "wall-scenes.json"), state.FilePath);
        // A new instance is what a restarted server builds: it reads the file.
        var restarted = SceneWalls.State(_folder, layouts);
        Assert.Equal("banjir", restarted.Current(layouts.Find("uji")!).Id);
    }

    [Theory]
    [InlineData("uji", "tidak-ada", "has no scene 'tidak-ada' (normal, banjir)")]
    [InlineData("lain", "normal", "wall 'lain' does not exist")]
    public void TrySet_Unknown_RefusedWithReasonAndNothingChanges(string wall, string scene, string expected)
    {
        using var layouts = SceneWalls.Layouts(_folder, SceneWalls.TwoScreens());
        var state = SceneWalls.State(_folder, layouts);
        var told = 0;
        using var watch = state.Watch(_ => told++);

        Assert.False(state.TrySet(wall, scene, out var error));

        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Equal(0, told);
        Assert.False(File.Exists(state.FilePath));
    }

    [Fact]
    public void TrySet_OneWatcherThrows_TheOthersAreStillToldAndTheSwitchHolds()
    {
        using var layouts = SceneWalls.Layouts(_folder, SceneWalls.TwoScreens());
        var state = SceneWalls.State(_folder, layouts);
        var told = new List<string>();
        using var broken = state.Watch(_ => throw new InvalidOperationException("a closed page"));
        using var healthy = state.Watch(told.Add);

        Assert.True(state.TrySet("uji", "banjir", out _));

        Assert.Equal(["uji"], told);
        Assert.Equal("banjir", state.Current(layouts.Find("uji")!).Id);
    }

    [Fact]
    public void Watch_Disposed_NoLongerTold()
    {
        using var layouts = SceneWalls.Layouts(_folder, SceneWalls.TwoScreens());
        var state = SceneWalls.State(_folder, layouts);
        var told = 0;
        var watch = state.Watch(_ => told++);

        watch.Dispose();
        state.TrySet("uji", "banjir", out _);

        Assert.Equal(0, told);
    }

    [Fact]
    public void Current_ChosenSceneGoneFromTheFile_FallsBackToTheStartScene()
    {
        using var layouts = SceneWalls.Layouts(_folder, SceneWalls.TwoScreens());
        SceneWalls.State(_folder, layouts).TrySet("uji", "banjir", out _);
        var edited = SceneWalls.TwoScreens();
        edited.Scenes.RemoveAt(1);
        using var other = new TempFolder();
        using var reloaded = SceneWalls.Layouts(other, edited);

        Assert.Equal("normal", SceneWalls.State(_folder, reloaded).Current(reloaded.Find("uji")!).Id);
    }

    [Fact]
    public void Constructor_BrokenFile_StartsInDefaultScenes()
    {
        using var layouts = SceneWalls.Layouts(_folder, SceneWalls.TwoScreens());
        Directory.CreateDirectory(Path.Combine(_folder.Path, "data"));
        File.WriteAllText(Path.Combine(_folder.Path, "data", "wall-scenes.json"), "{ rusak");

        Assert.Equal("normal", SceneWalls.State(_folder, layouts).Current(layouts.Find("uji")!).Id);
    }

    public void Dispose() => _folder.Dispose();
}
