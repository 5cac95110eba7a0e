using System.Collections.Concurrent;

namespace Coc.Web.Hub;

/// <summary>
/// Which series hub clients follow, so the broadcaster sends only what someone asked for.
/// Connections are forgotten on disconnect; a connection may follow at most <see cref="MaxPerConnection"/> series.
/// </summary>
public sealed class HubSubscriptions
{
    public const int MaxPerConnection = 1_000;

    private readonly ConcurrentDictionary<string, int> _followers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, HashSet<string>> _byConnection = new(StringComparer.Ordinal);

    public static string GroupOf(string seriesId) => "series:" + seriesId;

    public bool IsFollowed(string seriesId) => _followers.ContainsKey(seriesId);

    /// <summary>Whether any connection follows anything: read per ingest batch, so a counter, not a dictionary count (which takes every lock).</summary>
    public bool HasFollowers => Volatile.Read(ref _subscriptions) > 0;

    private int _subscriptions;

    /// <summary>False when the connection already follows the series or is at its limit.</summary>
    public bool Add(string connectionId, string seriesId, out string? error)
    {
        var set = _byConnection.GetOrAdd(connectionId, _ => new HashSet<string>(StringComparer.Ordinal));
        lock (set)
        {
            if (set.Count >= MaxPerConnection && !set.Contains(seriesId))
            {
                error = $"a connection may follow at most {MaxPerConnection} series";
                return false;
            }
            error = null;
            if (!set.Add(seriesId))
            {
                return false;
            }
        }
        _followers.AddOrUpdate(seriesId, 1, static (_, n) => n + 1);
        Interlocked.Increment(ref _subscriptions);
        return true;
    }

    public bool Remove(string connectionId, string seriesId)
    {
        if (!_byConnection.TryGetValue(connectionId, out var set))
        {
            return false;
        }
        lock (set)
        {
            if (!set.Remove(seriesId))
            {
                return false;
            }
        }
        Decrement(seriesId);
        return true;
    }

    public void RemoveConnection(string connectionId)
    {
        if (!_byConnection.TryRemove(connectionId, out var set))
        {
            return;
        }
        string[] ids;
        lock (set)
        {
            ids = [.. set];
        }
        foreach (var id in ids)
        {
            Decrement(id);
        }
    }

    private void Decrement(string seriesId)
    {
        Interlocked.Decrement(ref _subscriptions);
        while (_followers.TryGetValue(seriesId, out var n))
        {
            if (n <= 1 ? _followers.TryRemove(new KeyValuePair<string, int>(seriesId, n)) : _followers.TryUpdate(seriesId, n - 1, n))
            {
                return;
            }
        }
    }
}
