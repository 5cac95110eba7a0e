using System.Collections.Concurrent;

namespace Coc.Web.Hub;

/// <summary>
/// Which of this server's hub connections follow which series, so the broadcaster sends each sample
/// straight to its followers. Connections are forgotten on disconnect; a connection may follow at
/// most <see cref="MaxPerConnection"/> series.
/// </summary>
public sealed class HubSubscriptions
{
    public const int MaxPerConnection = 1_000;

    // Series id → its followers. Copy-on-write arrays: the broadcaster reads one per sample without a lock.
    private readonly ConcurrentDictionary<string, string[]> _followers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, HashSet<string>> _byConnection = new(StringComparer.Ordinal);
    private readonly Lock _followersGate = new();
    private int _subscriptions;

    public bool IsFollowed(string seriesId) => _followers.ContainsKey(seriesId);

    /// <summary>The connections following a series (empty when none); never changes after it is returned.</summary>
    public IReadOnlyList<string> FollowersOf(string seriesId) => _followers.TryGetValue(seriesId, out var ids) ? ids : [];

    /// <summary>Whether any connection follows anything: read per ingest batch, so a counter, not a dictionary count (which takes every lock).</summary>
    public bool HasFollowers => Volatile.Read(ref _subscriptions) > 0;

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
        lock (_followersGate)
        {
            _followers[seriesId] = _followers.TryGetValue(seriesId, out var ids) ? [.. ids, connectionId] : [connectionId];
        }
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
        Unfollow(connectionId, seriesId);
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
            Unfollow(connectionId, id);
        }
    }

    private void Unfollow(string connectionId, string seriesId)
    {
        Interlocked.Decrement(ref _subscriptions);
        lock (_followersGate)
        {
            if (!_followers.TryGetValue(seriesId, out var ids))
            {
                return;
            }
            var rest = ids.Where(id => id != connectionId).ToArray();
            if (rest.Length == 0)
            {
                _followers.TryRemove(seriesId, out _);
            }
            else
            {
                _followers[seriesId] = rest;
            }
        }
    }
}
