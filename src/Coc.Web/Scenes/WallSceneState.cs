using System.Text.Json;
using Coc.Core.Layouts;
using Coc.Storage;
using Coc.Web.Layouts;
using Microsoft.Extensions.Options;

namespace Coc.Web.Scenes;

/// <summary>
/// The scene each wall shows now, as a duty officer picked it on /control. Kept in a small file
/// beside the store (<c>wall-scenes.json</c>), so a restart brings the wall back in the same scene.
/// Every screen of a wall watches it and switches together.
/// </summary>
public sealed class WallSceneState
{
    private static readonly JsonSerializerOptions FileFormat = new() { WriteIndented = true };

    private readonly WallLayoutStore _layouts;
    private readonly ILogger<WallSceneState> _logger;
    private readonly Lock _lock = new();
    private Dictionary<string, string> _chosen;
    private Action<string>[] _watchers = [];

    public WallSceneState(WallLayoutStore layouts, IOptions<StorageOptions> storage, IHostEnvironment environment, ILogger<WallSceneState> logger)
    {
        _layouts = layouts;
        _logger = logger;
        // The store's folder is the one place an installation keeps state; the scenes file sits next to it.
        var storeFolder = storage.Value.ResolveDataPath(environment.ContentRootPath);
        FilePath = Path.Combine(Path.GetDirectoryName(storeFolder.TrimEnd(Path.DirectorySeparatorChar)) ?? storeFolder, "wall-scenes.json");
        _chosen = Load(FilePath, logger);
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
        lock (_lock)
        {
            _chosen = new Dictionary<string, string>(_chosen) { [wallId] = sceneId };
            Save(_chosen);
            watchers = _watchers;
        }
        _logger.LogInformation("Wall {Wall} switched to scene {Scene}", wallId, sceneId);
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
        error = null;
        return true;
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
