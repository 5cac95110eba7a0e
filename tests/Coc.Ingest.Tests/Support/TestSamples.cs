using Coc.Core.Series;

namespace Coc.Ingest.Tests.Support;

internal static class TestSamples
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 10, 1, 0, 0, TimeSpan.Zero);

    public static readonly SeriesKey Level = SeriesKey.Create("water_level", "value", ("sensor", "batanghari-1"));

    /// <summary>Samples whose values are their sequence numbers <paramref name="from"/>.., one second apart: order and loss show in the values.</summary>
    public static Sample[] Range(int from, int count, SeriesKey? series = null) =>
        [.. Enumerable.Range(from, count).Select(i => new Sample(series ?? Level, T0.AddSeconds(i), i))];

    public static double[] Values(IEnumerable<Sample> samples) => [.. samples.Select(s => s.Value)];

    public static double[] Sequence(params (int From, int Count)[] runs) =>
        [.. runs.SelectMany(r => Enumerable.Range(r.From, r.Count)).Select(i => (double)i)];
}
