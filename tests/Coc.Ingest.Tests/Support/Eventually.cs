namespace Coc.Ingest.Tests.Support;

/// <summary>Waits for a condition that another thread makes true, failing with a message at the deadline.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for: {what}");
            }
            // Polls the condition itself, not a sleep in its place: returns as soon as it holds.
            await Task.Delay(10);
        }
    }
}
