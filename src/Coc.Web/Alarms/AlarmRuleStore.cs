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
    private readonly JsonFolderWatcher _folder;
    private Snapshot _current = new([], []);
    private readonly ChangeWatchers _watchers;

    public AlarmRuleStore(IOptions<AlarmOptions> options, IHostEnvironment environment, ILogger<AlarmRuleStore> logger)
    {
        _logger = logger;
        _watchers = new ChangeWatchers(logger, "alarm rule");
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
    public IDisposable Watch(Action onChanged) => _watchers.Add(onChanged);

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
            _watchers.Notify();
        }
    }



    public void Dispose()
    {
        _folder.Dispose();
        _watchers.Clear();
    }

    /// <summary>One consistent view: readers never see the rules of one reload with the errors of another.</summary>
    private sealed record Snapshot(AlarmRule[] Rules, AlarmRuleError[] Errors);

}
