using Coc.Core.Live;

namespace Coc.Web;

/// <summary>
/// The subscribers of a store that reloads files (walls, alarm rules), told after each change; one subscriber's
/// failure never keeps the others on the old content.
/// </summary>
public sealed class ChangeWatchers(ILogger logger, string what)
{
    private readonly WatcherList<Action> _watchers = new();

    public IDisposable Add(Action onChanged) => _watchers.Add(onChanged);

    public void Notify()
    {
        foreach (var watcher in _watchers.Snapshot)
        {
            try
            {
                watcher();
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "A {What} watcher failed", what);
            }
        }
    }

    public void Clear() => _watchers.Clear();
}
