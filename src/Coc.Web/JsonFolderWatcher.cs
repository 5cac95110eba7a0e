namespace Coc.Web;

/// <summary>
/// Watches a folder of <c>*.json</c> files that operators edit by hand (wall layouts, alarm rules) and calls back
/// once the folder has been quiet for <see cref="QuietPeriod"/>: editors write a temp file and rename it, some in
/// several steps, and one reload per burst is what we want. A missing folder or a platform without file events
/// is logged and leaves the files loaded at start.
/// </summary>
public sealed class JsonFolderWatcher : IDisposable
{
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(300);

    private readonly string _directory;
    private readonly string _what;
    private readonly Action _reload;
    private readonly ILogger _logger;
    private readonly Timer _debounce;
    private readonly FileSystemWatcher? _watcher;
    private int _disposed;

    /// <param name="what">What the files are, for log lines ("alarm rules").</param>
    /// <param name="reload">Runs on a pool thread; an exception is logged, never thrown into the timer.</param>
    public JsonFolderWatcher(string directory, string what, Action reload, ILogger logger)
    {
        _directory = directory;
        _what = what;
        _reload = reload;
        _logger = logger;
        _debounce = new Timer(_ => ReloadAfterQuiet());
        _watcher = Watch();
    }

    /// <summary>An explicit path wins (relative to the content root); otherwise the nearest <paramref name="folderName"/> at or above the content root (repo checkouts and tests).</summary>
    public static string ResolveDirectory(string configured, string contentRoot, string folderName)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured, contentRoot);
        }
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, folderName);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        return Path.Combine(contentRoot, folderName);
    }

    private FileSystemWatcher? Watch()
    {
        if (!Directory.Exists(_directory))
        {
            _logger.LogWarning("Folder {Directory} of {What} does not exist: it is not watched for changes", _directory, _what);
            return null;
        }
        try
        {
            var watcher = new FileSystemWatcher(_directory)
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            // No name filter: an editor's rename from a temp name must count when either name is a *.json.
            watcher.Created += OnFolderEvent;
            watcher.Changed += OnFolderEvent;
            watcher.Deleted += OnFolderEvent;
            watcher.Renamed += OnFolderEvent;
            watcher.Error += (_, e) =>
            {
                // Events were lost (queue overflow): the folder may have changed in any way, so read all of it.
                _logger.LogWarning(e.GetException(), "Watching {Directory} lost events; reloading all {What}", _directory, _what);
                Schedule();
            };
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or PlatformNotSupportedException)
        {
            _logger.LogError(ex, "Cannot watch {Directory}: {What} load at start only", _directory, _what);
            return null;
        }
    }

    private void OnFolderEvent(object sender, FileSystemEventArgs e)
    {
        if (IsJson(e.Name) || (e is RenamedEventArgs renamed && IsJson(renamed.OldName)))
        {
            Schedule();
        }
    }

    private static bool IsJson(string? name) => name?.EndsWith(".json", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>(Re)starts the quiet period.</summary>
    private void Schedule()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }
        try
        {
            _debounce.Change(QuietPeriod, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Disposed between the check and the call: nothing left to reload for.
        }
    }

    private void ReloadAfterQuiet()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }
        try
        {
            _reload();
        }
        catch (Exception ex)
        {
            // A timer callback that throws ends the process: keep the last loaded files instead.
            _logger.LogError(ex, "Reloading {What} from {Directory} failed", _what, _directory);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        _watcher?.Dispose();
        _debounce.Dispose();
    }
}
