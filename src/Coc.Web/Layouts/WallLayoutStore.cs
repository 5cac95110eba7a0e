using System.Text.Json;
using Coc.Core.Layouts;
using Microsoft.Extensions.Options;

namespace Coc.Web.Layouts;

/// <summary>
/// The walls loaded from the layouts folder, and the errors of the files that did not load. The folder is
/// watched: a saved file reaches the screens within about half a second; a broken save keeps that file's last
/// good wall live and puts its errors where operators look (/control), never on the wall itself.
/// </summary>
public sealed class WallLayoutStore : IDisposable
{
    /// <summary>Editors write a temp file and rename it, some in several steps: reload once the folder is quiet this long.</summary>
    public static readonly TimeSpan QuietPeriod = JsonFolderWatcher.QuietPeriod;

    // Compares a reloaded wall with the one shown; read-only members are computed, not part of the file.
    private static readonly JsonSerializerOptions Comparable = new() { IgnoreReadOnlyProperties = true };

    private readonly ILogger<WallLayoutStore> _logger;
    private readonly Lock _reloadLock = new();
    private readonly JsonFolderWatcher _folder;
    private Snapshot _current = new([], []);
    private readonly ChangeWatchers _watchers;

    public WallLayoutStore(IOptions<WallOptions> options, IHostEnvironment environment, ILogger<WallLayoutStore> logger)
    {
        _logger = logger;
        _watchers = new ChangeWatchers(logger, "wall layout");
        Directory = ResolveDirectory(options.Value.LayoutsPath, environment.ContentRootPath);
        Reload();
        // A schema file is a *.json too: a change to it re-checks every wall.
        _folder = new JsonFolderWatcher(Directory, "wall layouts", Reload, logger);
    }

    public string Directory { get; }

    public IReadOnlyList<WallLayout> Walls => Volatile.Read(ref _current).Walls;

    public IReadOnlyList<LayoutError> Errors => Volatile.Read(ref _current).Errors;

    public WallLayout? Find(string id) => Array.Find(Volatile.Read(ref _current).Walls, w => w.Id == id);

    /// <summary>
    /// Calls <paramref name="onChanged"/> (on a pool thread) after a reload changed the walls or the errors;
    /// re-read <see cref="Find"/> then. Dispose the result to stop: circuits live for weeks.
    /// </summary>
    public IDisposable Watch(Action onChanged) => _watchers.Add(onChanged);

    /// <summary>Reads the folder again. A file that is now broken keeps its last good wall; a deleted file's wall goes.</summary>
    public void Reload()
    {
        bool changed;
        lock (_reloadLock)
        {
            var previous = _current;
            var next = Merge(previous, LayoutLoader.LoadDirectory(Directory));
            changed = !next.Walls.SequenceEqual(previous.Walls) || !next.Errors.SequenceEqual(previous.Errors);
            foreach (var error in next.Errors.Except(previous.Errors))
            {
                _logger.LogError("Wall layout not loaded: {Error}", error.ToString());
            }
            if (changed)
            {
                _logger.LogInformation("Loaded {Count} wall(s) from {Directory}: {Ids}; {Errors} layout error(s)",
                    next.Walls.Length, Directory, string.Join(", ", next.Walls.Select(w => w.Id)), next.Errors.Length);
            }
            Volatile.Write(ref _current, next);
        }
        if (changed)
        {
            _watchers.Notify();
        }
    }

    private Snapshot Merge(Snapshot previous, LayoutLoadResult loaded)
    {
        // An unchanged file keeps its wall instance, so its screens keep their tiles and subscriptions.
        var walls = loaded.Walls.Select(w => Unchanged(previous, w) ?? w).ToList();
        var errors = new List<LayoutError>();
        foreach (var file in loaded.Errors.GroupBy(e => e.File))
        {
            errors.AddRange(file);
            var lastGood = Array.Find(previous.Walls, w => w.SourceFile == file.Key);
            if (lastGood is not null && walls.TrueForAll(w => w.Id != lastGood.Id) && File.Exists(Path.Combine(Directory, file.Key)))
            {
                walls.Add(lastGood);
                errors.Add(new LayoutError(file.Key, "$", "not applied: the wall keeps showing its last good version until this file is fixed"));
            }
        }
        return new Snapshot([.. walls.OrderBy(w => w.SourceFile, StringComparer.Ordinal)], [.. errors]);
    }

    private static WallLayout? Unchanged(Snapshot previous, WallLayout loaded)
    {
        var old = Array.Find(previous.Walls, w => w.SourceFile == loaded.SourceFile);
        return old is not null && JsonSerializer.Serialize(old, Comparable) == JsonSerializer.Serialize(loaded, Comparable) ? old : null;
    }



    public void Dispose()
    {
        _folder.Dispose();
        _watchers.Clear();
    }

    /// <summary>An explicit path wins; otherwise look for <c>wall-layouts</c> from the content root upwards (repo checkouts and tests).</summary>
    public static string ResolveDirectory(string configured, string contentRoot) =>
        JsonFolderWatcher.ResolveDirectory(configured, contentRoot, "wall-layouts");

    /// <summary>One consistent view: readers never see the walls of one reload with the errors of another.</summary>
    private sealed record Snapshot(WallLayout[] Walls, LayoutError[] Errors);

}
