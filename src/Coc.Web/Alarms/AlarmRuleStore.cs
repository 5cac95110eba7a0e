using Coc.Core.Alarms;
using Microsoft.Extensions.Options;

namespace Coc.Web.Alarms;

/// <summary>
/// The alarm rules loaded from the rules folder, and the errors of the files that did not load. The folder is
/// watched: a saved file applies within about half a second; a broken save keeps that file's last good rules
/// and puts its errors where operators look, like a broken wall layout.
/// </summary>
public sealed class AlarmRuleStore : IDisposable
{
    private readonly ILogger<AlarmRuleStore> _logger;
    private readonly Lock _reloadLock = new();
    private readonly Lock _watchersLock = new();
    private readonly JsonFolderWatcher _folder;
    private Snapshot _current = new([], []);
    private Action[] _watchers = [];

    public AlarmRuleStore(IOptions<AlarmOptions> options, IHostEnvironment environment, ILogger<AlarmRuleStore> logger)
    {
        _logger = logger;
        Directory = JsonFolderWatcher.ResolveDirectory(options.Value.RulesPath, environment.ContentRootPath, "alarm-rules");
        Reload();
        _folder = new JsonFolderWatcher(Directory, "alarm rules", Reload, logger);
    }

    public string Directory { get; }

    public IReadOnlyList<AlarmRule> Rules => Volatile.Read(ref _current).Rules;

    public IReadOnlyList<AlarmRuleError> Errors => Volatile.Read(ref _current).Errors;

    /// <summary>
    /// Calls <paramref name="onChanged"/> (on a pool thread) after a reload changed the rules or the errors; read
    /// <see cref="Rules"/> then (the engine's <c>SetRules</c>). Dispose the result to stop.
    /// </summary>
    public IDisposable Watch(Action onChanged)
    {
        ArgumentNullException.ThrowIfNull(onChanged);
        lock (_watchersLock)
        {
            _watchers = [.. _watchers, onChanged];
        }
        return new Subscription(this, onChanged);
    }

    /// <summary>Reads the folder again. A file that is now broken keeps its last good rules; a deleted file's rules go.</summary>
    public void Reload()
    {
        bool changed;
        lock (_reloadLock)
        {
            var previous = _current;
            var loaded = AlarmRuleLoader.LoadDirectory(Directory, previous.Rules);
            var next = new Snapshot([.. loaded.Rules], [.. loaded.Errors]);
            changed = !next.Rules.Select(r => (r.SourceFile, r.Fingerprint)).SequenceEqual(previous.Rules.Select(r => (r.SourceFile, r.Fingerprint)))
                || !next.Errors.SequenceEqual(previous.Errors);
            foreach (var error in next.Errors.Except(previous.Errors))
            {
                _logger.LogError("Alarm rule not applied: {Error}", error.ToString());
            }
            if (changed)
            {
                _logger.LogInformation("Loaded {Count} alarm rule(s) from {Directory}; {Errors} error(s)", next.Rules.Length, Directory, next.Errors.Length);
            }
            Volatile.Write(ref _current, next);
        }
        if (changed)
        {
            Notify();
        }
    }

    private void Notify()
    {
        Action[] watchers;
        lock (_watchersLock)
        {
            watchers = _watchers;
        }
        foreach (var watcher in watchers)
        {
            try
            {
                watcher();
            }
            catch (Exception ex)
            {
                // One subscriber's failure must not keep the others on the old rules.
                _logger.LogError(ex, "An alarm rule watcher failed");
            }
        }
    }

    private void Unwatch(Action onChanged)
    {
        lock (_watchersLock)
        {
            var at = Array.IndexOf(_watchers, onChanged);
            if (at >= 0)
            {
                _watchers = [.. _watchers[..at], .. _watchers[(at + 1)..]];
            }
        }
    }

    public void Dispose()
    {
        _folder.Dispose();
        lock (_watchersLock)
        {
            _watchers = [];
        }
    }

    /// <summary>One consistent view: readers never see the rules of one reload with the errors of another.</summary>
    private sealed record Snapshot(AlarmRule[] Rules, AlarmRuleError[] Errors);

    private sealed class Subscription(AlarmRuleStore owner, Action onChanged) : IDisposable
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
