using System.Text.Json;
using Coc.Core.Layouts;
using Coc.Storage;
using Coc.Web.Cluster;
using Coc.Web.Layouts;
using Microsoft.Extensions.Options;

namespace Coc.Web.Scenes;

/// <summary>
/// The scene each wall shows now, as a duty officer picked it on /control. Kept in a small file
/// beside the store (<c>wall-scenes.json</c>), so a restart brings the wall back in the same scene.
/// Every screen of a wall watches it and switches together.
/// With several servers (<see cref="IClusterState"/> over Redis) the choice is also kept in Redis and
/// a switch on any server reaches every server's screens; the file is then this server's memory for a
/// start while Redis is unreachable.
/// </summary>
public sealed class WallSceneState
{
    /// <summary>The cluster state map: wall id → scene id.</summary>
    public const string ClusterMap = "wall-scenes";

    private static readonly JsonSerializerOptions FileFormat = new() { WriteIndented = true };

    private readonly WallLayoutStore _layouts;
    private readonly ILogger<WallSceneState> _logger;
    private readonly IClusterState _cluster;
    private readonly Lock _lock = new();
    private Dictionary<string, string> _chosen;
    private Action<string>[] _watchers = [];
    private Action<string, string>[] _localSwitchWatchers = [];

    public WallSceneState(WallLayoutStore layouts, IOptions<StorageOptions> storage, IHostEnvironment environment, ILogger<WallSceneState> logger,
        IClusterState? cluster = null)
    {
        _layouts = layouts;
        _logger = logger;
        _cluster = cluster ?? new LocalClusterState();
        // The store's folder is the one place an installation keeps state; the scenes file sits next to it.
        var storeFolder = storage.Value.ResolveDataPath(environment.ContentRootPath);
        FilePath = Path.Combine(Path.GetDirectoryName(storeFolder.TrimEnd(Path.DirectorySeparatorChar)) ?? storeFolder, "wall-scenes.json");
        _chosen = Load(FilePath, logger);
        // Lives as long as the app (a singleton): never disposed.
        _cluster.Watch(ClusterMap, OnClusterChoice);
    }

    public string FilePath { get; }

    /// <summary>The scene a wall shows: the one chosen, if the wall still has it, else its start scene.</summary>
    public Scene Current(WallLayout wall)
    {
        string? chosen;
        lock (_lock)
        {
            _chosen.TryGetValue(wall.Id, out chosen);
        }
        return wall.FindScene(chosen) ?? wall.StartScene;
    }

    /// <summary>Switches every screen of a wall; false with a reason when the wall or scene does not exist.</summary>
    public bool TrySet(string wallId, string sceneId, out string? error)
    {
        var wall = _layouts.Find(wallId);
        if (wall is null)
        {
            error = $"wall '{wallId}' does not exist";
            return false;
        }
        if (wall.FindScene(sceneId) is null)
        {
            error = $"wall '{wallId}' has no scene '{sceneId}' ({string.Join(", ", wall.Scenes.Select(s => s.Id))})";
            return false;
        }
        Action<string>[] watchers;
        Action<string, string>[] localSwitchWatchers;
        lock (_lock)
        {
            _chosen = new Dictionary<string, string>(_chosen) { [wallId] = sceneId };
            Save(_chosen);
            watchers = _watchers;
            localSwitchWatchers = _localSwitchWatchers;
        }
        _logger.LogInformation("Wall {Wall} switched to scene {Scene}", wallId, sceneId);
        // This server's screens switch at once; the others' when the cluster echoes it (milliseconds).
        _cluster.Set(ClusterMap, wallId, sceneId);
        Tell(watchers, wallId);
        foreach (var watcher in localSwitchWatchers)
        {
            try
            {
                watcher(wallId, sceneId);
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "A local scene switch watcher failed for wall {Wall}", wallId);
            }
        }
        error = null;
        return true;
    }

    /// <summary>
    /// A choice heard from the cluster: another server's switch, this server's own echoed back, or
    /// the current choices read after connecting. Kept even for a wall this server does not have
    /// (its layouts may be a moment behind); <see cref="Current"/> falls back when the scene is missing.
    /// </summary>
    private void OnClusterChoice(string wallId, string sceneId)
    {
        Action<string>[] watchers;
        lock (_lock)
        {
            if (_chosen.TryGetValue(wallId, out var current) && current == sceneId)
            {
                return;
            }
            _chosen = new Dictionary<string, string>(_chosen) { [wallId] = sceneId };
            Save(_chosen);
            watchers = _watchers;
        }
        _logger.LogInformation("Wall {Wall} switched to scene {Scene} (from the cluster)", wallId, sceneId);
        Tell(watchers, wallId);
    }

    private void Tell(Action<string>[] watchers, string wallId)
    {
        foreach (var watcher in watchers)
        {
            try
            {
                watcher(wallId);
            }
            catch (Exception ex)
            {
                // One broken page must not keep the other screens in the old scene.
                _logger.LogError(ex, "A scene watcher failed for wall {Wall}", wallId);
            }
        }
    }

    /// <summary>
    /// Calls <paramref name="onSwitched"/>(wall, scene) after each switch made on this server (not
    /// those heard from other servers), so a cluster-wide announcement goes out once, from where it happened.
    /// </summary>
    public IDisposable WatchLocalSwitches(Action<string, string> onSwitched)
    {
        lock (_lock)
        {
            _localSwitchWatchers = [.. _localSwitchWatchers, onSwitched];
        }
        return new Unsubscribe(() =>
        {
            lock (_lock)
            {
                _localSwitchWatchers = [.. _localSwitchWatchers.Where(w => w != onSwitched)];
            }
        });
    }

    /// <summary>Calls <paramref name="onChanged"/> with the wall id after each switch; dispose to stop.</summary>
    public IDisposable Watch(Action<string> onChanged)
    {
        lock (_lock)
        {
            _watchers = [.. _watchers, onChanged];
        }
        return new Subscription(this, onChanged);
    }

    private void Unwatch(Action<string> onChanged)
    {
        lock (_lock)
        {
            _watchers = _watchers.Where(w => w != onChanged).ToArray();
        }
    }

    private void Save(Dictionary<string, string> chosen)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            // Write aside, then rename: a crash mid-write never leaves a half file to start from.
            var temp = FilePath + ".tmp";
            File.WriteAllText(temp, JsonSerializer.Serialize(chosen, FileFormat));
            File.Move(temp, FilePath, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The wall still switches; only the memory of it across a restart is lost, and the log says so.
            _logger.LogError(ex, "Could not save the wall scenes to {Path}", FilePath);
        }
    }

    private static Dictionary<string, string> Load(string path, ILogger logger)
    {
        try
        {
            return File.Exists(path)
                ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path)) ?? []
                : [];
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            logger.LogError(ex, "Could not read the wall scenes from {Path}; walls start in their default scenes", path);
            return [];
        }
    }

    private sealed class Unsubscribe(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }

    private sealed class Subscription(WallSceneState owner, Action<string> onChanged) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Unwatch(onChanged);
            }
        }
    }
}
