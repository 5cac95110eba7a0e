using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Coc.Core.Series;

namespace Coc.Storage.Influx;

/// <summary>
/// Turns samples into a gzip-compressed line-protocol body with millisecond timestamps, the precision
/// the embedded store keeps. Samples whose names or value InfluxDB cannot take are left out and counted.
/// </summary>
internal sealed class LineProtocolEncoder
{
    // Live feeds repeat the same few thousand series; escaping each name once saves most of the work.
    // Bounded so a flood of one-off series cannot grow it without end.
    private const int MaxCachedPrefixes = 100_000;
    private readonly ConcurrentDictionary<SeriesKey, PrefixEntry> _prefixes = new();

    public EncodedLines Encode(IReadOnlyList<Sample> samples, int start, int count)
    {
        var text = new ArrayBufferWriter<byte>(count * 64);
        var written = 0;
        var refused = 0;
        string? firstProblem = null;
        Span<byte> number = stackalloc byte[32];
        for (var i = start; i < start + count; i++)
        {
            var sample = samples[i];
            var prefix = PrefixOf(sample.Series);
            var problem = prefix.Problem ?? (double.IsFinite(sample.Value) ? null : $"value {sample.Value} is not a finite number");
            if (problem is not null)
            {
                refused++;
                firstProblem ??= $"{sample.Series}: {problem}";
                continue;
            }
            text.Write(prefix.Utf8!);
            Append(text, sample.Value.TryFormat(number, out var n, "R", CultureInfo.InvariantCulture), number[..n]);
            text.Write(" "u8);
            Append(text, sample.Timestamp.ToUnixTimeMilliseconds().TryFormat(number, out n, provider: CultureInfo.InvariantCulture), number[..n]);
            text.Write("\n"u8);
            written++;
        }
        return new EncodedLines(written == 0 ? [] : Gzip.Compress(text.WrittenSpan), written, refused, firstProblem);
    }

    private PrefixEntry PrefixOf(SeriesKey series)
    {
        if (_prefixes.TryGetValue(series, out var entry))
        {
            return entry;
        }
        var prefix = LineProtocolNames.Prefix(series, out var problem);
        entry = new PrefixEntry(prefix is null ? null : Encoding.UTF8.GetBytes(prefix), problem);
        if (_prefixes.Count >= MaxCachedPrefixes)
        {
            _prefixes.Clear();
        }
        _prefixes.TryAdd(series, entry);
        return entry;
    }

    private static void Append(ArrayBufferWriter<byte> text, bool formatted, ReadOnlySpan<byte> digits)
    {
        // 32 bytes hold any double in "R" form and any long; a failure here is a bug, not bad input.
        if (!formatted)
        {
            throw new InvalidOperationException("number did not fit its buffer");
        }
        text.Write(digits);
    }

    private sealed record PrefixEntry(byte[]? Utf8, string? Problem);
}

/// <summary>One request body: gzip-compressed lines, how many samples it holds, and what was left out.</summary>
internal readonly record struct EncodedLines(byte[] Body, int Samples, int Refused, string? FirstProblem);
