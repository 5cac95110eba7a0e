namespace Coc.Simulator.Feeds;

/// <summary>
/// Derives independent, stable seeds per model from the user's seed. string.GetHashCode is
/// randomised per process, so a fixed FNV-1a hash keeps runs reproducible across processes.
/// </summary>
internal static class SeedMix
{
    public static int Derive(int seed, string purpose)
    {
        unchecked
        {
            var hash = 2166136261u;
            for (var shift = 0; shift < 32; shift += 8)
            {
                hash = (hash ^ (byte)(seed >> shift)) * 16777619u;
            }
            foreach (var c in purpose)
            {
                hash = (hash ^ c) * 16777619u;
            }
            return (int)hash;
        }
    }
}
