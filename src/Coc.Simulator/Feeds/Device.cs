namespace Coc.Simulator.Feeds;

/// <summary>A simulated device: its published id, the real device it copies, and which copy it is (1 = the real one).</summary>
internal readonly record struct Device(string Id, string BaseId, int Copy)
{
    public static IReadOnlyList<Device> Expand(IReadOnlyList<string> baseIds, int copies)
    {
        var devices = new List<Device>(baseIds.Count * copies);
        for (var copy = 1; copy <= copies; copy++)
        {
            foreach (var id in baseIds)
            {
                devices.Add(new Device(JambiFeeds.CloneId(id, copy), id, copy));
            }
        }
        return devices;
    }
}
