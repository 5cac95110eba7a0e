using Bunit;
using Coc.Tests.Shared;
using Coc.Web.Components.Wall;
using Coc.Web.Layouts;
using Coc.Web.Scenes;
using Coc.Web.Tests.Tiles;
using Microsoft.Extensions.DependencyInjection;

namespace Coc.Web.Tests.Scenes;

/// <summary>A rendered screen follows its wall's scene, and draws its part of a tile that crosses the border.</summary>
public sealed class ScreenViewSceneTests : TileTestContext, IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly WallLayoutStore _layouts;
    private readonly WallSceneState _scenes;
    private readonly Coc.Core.Layouts.WallLayout _wall;

    public ScreenViewSceneTests()
    {
        _layouts = SceneWalls.Layouts(_folder, SceneWalls.TwoScreens());
        _wall = _layouts.Find("uji")!;
        _scenes = SceneWalls.State(_folder, _layouts);
        Context.Services.AddSingleton(_layouts);
        Context.Services.AddSingleton(_scenes);
    }

    private IRenderedComponent<ScreenView> Render(int screen) =>
        Context.Render<ScreenView>(p => p.Add(s => s.Wall, _wall).Add(s => s.Screen, screen));

    private static string[] TileIds(IRenderedComponent<ScreenView> screen) =>
        [.. screen.FindAll("[data-tile-cell]").Select(c => c.GetAttribute("data-tile-cell")!)];

    [Fact]
    public void Render_StartScene_ItsTilesAndDataScene()
    {
        var screen = Render(1);

        Assert.Equal("normal", screen.Find(".screen").GetAttribute("data-scene"));
        Assert.Equal(["hujan"], TileIds(screen));
    }

    [Fact]
    public void SceneSwitched_EveryScreenOfTheWallRedrawsInTheNewScene()
    {
        var left = Render(1);
        var right = Render(2);

        _scenes.TrySet("uji", "banjir", out _);

        left.WaitForAssertion(() => Assert.Equal("banjir", left.Find(".screen").GetAttribute("data-scene")));
        right.WaitForAssertion(() => Assert.Equal("banjir", right.Find(".screen").GetAttribute("data-scene")));
        Assert.Equal(["sungai"], TileIds(left));
        Assert.Equal(["sungai", "pos"], TileIds(right));
    }

    [Fact]
    public void TileAcrossTheBorder_EachScreenPlacesItsPartSoTheyLineUp()
    {
        _scenes.TrySet("uji", "banjir", out _);

        var left = Render(1).Find("[data-tile-cell='sungai']");
        var right = Render(2).Find("[data-tile-cell='sungai']");

        // Columns 4-7 of a wall of two 6-column screens: 2/3 of the way across screen 1, 1/3 before screen 2.
        Assert.Equal("left: 66.6667%; top: 25%; width: 66.6667%; height: 50%;", left.GetAttribute("style"));
        Assert.Equal("left: -33.3333%; top: 25%; width: 66.6667%; height: 50%;", right.GetAttribute("style"));
        Assert.Equal("true", left.GetAttribute("data-spans"));
        Assert.Equal("false", Render(2).Find("[data-tile-cell='pos']").GetAttribute("data-spans"));
    }

    [Fact]
    public void Dispose_ScreenNoLongerFollowsTheScene()
    {
        var screen = Render(1);
        var told = 0;
        using var probe = _scenes.Watch(_ => told++);

        screen.Instance.Dispose();
        _scenes.TrySet("uji", "banjir", out _);

        Assert.Equal(1, told);
        Assert.Equal("normal", screen.Find(".screen").GetAttribute("data-scene"));
    }

    void IDisposable.Dispose()
    {
        _layouts.Dispose();
        _folder.Dispose();
    }
}
