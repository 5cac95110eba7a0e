using Coc.Tests.Shared;
using Coc.Web.Cluster;
using Coc.Web.Scenes;

namespace Coc.Web.Tests.Scenes;

/// <summary>The scene state as one server of several: it shares its switches and follows the cluster's.</summary>
public sealed class WallSceneClusterTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void TrySet_InACluster_SharesTheChoiceUnderItsWall()
    {
        using var layouts = SceneWalls.Layouts(_folder, SceneWalls.TwoScreens());
        var cluster = new FakeClusterState();
        var state = SceneWalls.State(_folder, layouts, cluster);

        Assert.True(state.TrySet("uji", "banjir", out var error), error);

        Assert.Equal([(WallSceneState.ClusterMap, "uji", "banjir")], cluster.Sets);
    }

    [Fact]
    public void ClusterChoice_FromAnotherServer_ScreensToldChoiceKeptButNotAnnouncedAgain()
    {
        using var layouts = SceneWalls.Layouts(_folder, SceneWalls.TwoScreens());
        var cluster = new FakeClusterState();
        var state = SceneWalls.State(_folder, layouts, cluster);
        var told = new List<string>();
        var announced = 0;
        using var watch = state.Watch(told.Add);
        using var local = state.WatchLocalSwitches((_, _) => announced++);

        cluster.Hear(WallSceneState.ClusterMap, "uji", "banjir");

        Assert.Equal(["uji"], told);
        Assert.Equal("banjir", state.Current(layouts.Find("uji")!).Id);
        Assert.Equal(0, announced);
        Assert.Empty(cluster.Sets);
        // Kept in the file too: a restart while Redis is unreachable still comes back in it.
        Assert.Equal("banjir", SceneWalls.State(_folder, layouts).Current(layouts.Find("uji")!).Id);
    }

    [Fact]
    public void ClusterChoice_EchoOfOwnSwitch_ScreensToldOnce()
    {
        using var layouts = SceneWalls.Layouts(_folder, SceneWalls.TwoScreens());
        var cluster = new FakeClusterState();
        var state = SceneWalls.State(_folder, layouts, cluster);
        var told = 0;
        var announced = new List<string>();
        using var watch = state.Watch(_ => told++);
        using var local = state.WatchLocalSwitches((wall, scene) => announced.Add($"{wall}:{scene}"));

        Assert.True(state.TrySet("uji", "banjir", out _));
        cluster.Hear(WallSceneState.ClusterMap, "uji", "banjir");

        Assert.Equal(1, told);
        Assert.Equal(["uji:banjir"], announced);
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>Records what the state shares and lets a test play what the cluster says.</summary>
    private sealed class FakeClusterState : IClusterState
    {
        private readonly List<(string Map, Action<string, string> OnChange)> _watchers = [];

        public List<(string Map, string Key, string Value)> Sets { get; } = [];

        public void Set(string map, string key, string value) => Sets.Add((map, key, value));

        public IDisposable Watch(string map, Action<string, string> onChange)
        {
            _watchers.Add((map, onChange));
            return new Unwatch(() => _watchers.Remove((map, onChange)));
        }

        public void Hear(string map, string key, string value)
        {
            foreach (var (m, onChange) in _watchers.ToArray())
            {
                if (m == map)
                {
                    onChange(key, value);
                }
            }
        }

        private sealed class Unwatch(Action dispose) : IDisposable
        {
            public void Dispose() => dispose();
        }
    }
}
