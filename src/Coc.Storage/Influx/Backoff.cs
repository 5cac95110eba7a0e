namespace Coc.Storage.Influx;

/// <summary>Waits between retries: half a second doubling up to a ceiling, each within ±20 % so that several servers do not retry in step.</summary>
internal static class Backoff
{
    private static readonly TimeSpan First = TimeSpan.FromMilliseconds(500);

    public static TimeSpan Delay(int failuresInARow, TimeSpan max)
    {
        var doubled = First * Math.Pow(2, Math.Clamp(failuresInARow - 1, 0, 30));
        var capped = doubled < max ? doubled : max;
        return capped * (0.8 + 0.4 * Random.Shared.NextDouble());
    }
}
