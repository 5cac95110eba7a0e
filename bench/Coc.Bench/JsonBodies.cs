using System.Globalization;
using System.Text;

namespace Coc.Bench;

/// <summary>
/// The JSON webhook load: <c>--items</c> ATCS items cut into JSON arrays of <c>--items-per-post</c>, made
/// before the clock starts, for <c>POST /api/ingest/atcs</c>. Each item is what an ATCS controller would
/// publish on <c>coc/atcs/{intersection}</c> plus the <c>intersection</c> that names it, e.g.
/// <c>{"intersection":"simpang-042","ts":1763876000000,"vehicles":41,"queue_m":35,"speed_kmh":22.5}</c>:
/// the same three fields and 300 intersections as the write bench's lines, so the two doors carry the same data.
/// </summary>
public static class JsonBodies
{
    public const string Path = "/api/ingest/atcs";

    public const int FieldsPerItem = 3;

    public static WriteSenders Build(BenchOptions options)
    {
        var bodies = new List<byte[]>();
        var items = new List<int>();
        // Epoch ms 1 ms apart, increasing, ending about now: inside Coc's accepted window (after 2000, at most a day ahead).
        var first = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - options.Items;
        var random = new Random(20_251_123);
        var sb = new StringBuilder(options.ItemsPerPost * 100);
        for (long i = 0; i < options.Items; i += options.ItemsPerPost)
        {
            sb.Clear().Append('[');
            var count = (int)Math.Min(options.ItemsPerPost, options.Items - i);
            for (var j = 0; j < count; j++)
            {
                var n = i + j;
                sb.Append(CultureInfo.InvariantCulture,
                    $"{(j == 0 ? "" : ",")}{{\"intersection\":\"simpang-{n % WriteSenders.Intersections:D3}\",\"ts\":{first + n},\"vehicles\":{random.Next(0, 120)},\"queue_m\":{random.Next(0, 200)},\"speed_kmh\":{random.Next(50, 600) / 10.0:F1}}}");
            }
            sb.Append(']');
            bodies.Add(Encoding.UTF8.GetBytes(sb.ToString()));
            items.Add(count);
        }
        return new WriteSenders(bodies, items, options.ItemsPerPost, options.JsonSenders, FieldsPerItem, "application/json", "items");
    }
}
