namespace Coc.Web.Cluster;

/// <summary>
/// Small named maps of text values that every server of a cluster shares: the scene each wall shows
/// now (map <c>wall-scenes</c>); issue 6's alarm acknowledgements can be another map. A write on any
/// server reaches every server's watchers within milliseconds; the latest write to reach the shared
/// store wins everywhere. A single server (no Redis) has nothing to share: its own memory is the state.
/// </summary>
public interface IClusterState
{
    /// <summary>Keeps <paramref name="key"/> = <paramref name="value"/> for the cluster and tells every server. Returns at once.</summary>
    void Set(string map, string key, string value);

    /// <summary>
    /// Calls <paramref name="onChange"/>(key, value) for each change of the map made anywhere in the
    /// cluster, this server's own writes included (echoed in the cluster's order), and for every key
    /// after connecting or reconnecting, so a server that starts late or was cut off catches up.
    /// Values may repeat; callers apply them as "the value is now". Called on a background thread. Dispose to stop.
    /// </summary>
    IDisposable Watch(string map, Action<string, string> onChange);
}

/// <summary>One server: nothing to share, nobody else to hear from.</summary>
public sealed class LocalClusterState : IClusterState
{
    public void Set(string map, string key, string value)
    {
    }

    public IDisposable Watch(string map, Action<string, string> onChange) => NoWatch.Instance;

    private sealed class NoWatch : IDisposable
    {
        public static readonly NoWatch Instance = new();

        public void Dispose()
        {
        }
    }
}
