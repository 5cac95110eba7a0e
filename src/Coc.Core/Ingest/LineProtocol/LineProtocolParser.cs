using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using Coc.Core.Series;

namespace Coc.Core.Ingest.LineProtocol;

/// <summary>
/// Parses an InfluxDB line-protocol body (<c>measurement[,tag=value...] field=value[,...] [timestamp]</c>, one point a line)
/// into numeric samples: each field becomes one sample of the series {measurement, field, tags}.
/// A malformed line is refused whole with a reason and an InfluxDB-style message naming the line; the good lines
/// of the same body are kept. A string field is refused alone (Coc stores numbers); the line's other fields flow.
/// Thread-safe: one instance serves every request, and its series cache is shared.
/// </summary>
public sealed class LineProtocolParser
{
    public const int DefaultMaxLineBytes = 64 * 1024;
    public const int DefaultMaxCachedSeries = 100_000;

    private const int MaxPreviewChars = 200;
    private static readonly long UnixEpochTicks = DateTime.UnixEpoch.Ticks;
    private static readonly long EarliestNanoseconds = (MqttPayloadParser.EarliestTimestamp.UtcTicks - UnixEpochTicks) * 100;

    // Series are looked up by the raw bytes of "measurement,tags" (decoded to chars, no string made), so a
    // steady feed parses without allocating a key string per line. Bounded: a sender inventing new tags on
    // every line must not grow memory; past the bound keys are built each time, still correct, only slower.
    private readonly ConcurrentDictionary<string, SeriesEntry> _series = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SeriesEntry>.AlternateLookup<ReadOnlySpan<char>> _seriesLookup;
    private readonly int _maxCachedSeries;
    private int _cachedCount;

    public LineProtocolParser(int maxLineBytes = DefaultMaxLineBytes, int maxCachedSeries = DefaultMaxCachedSeries)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, 16);
        ArgumentOutOfRangeException.ThrowIfNegative(maxCachedSeries);
        MaxLineBytes = maxLineBytes;
        _maxCachedSeries = maxCachedSeries;
        _seriesLookup = _series.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int MaxLineBytes { get; }

    public LineProtocolBatch Parse(string feed, string body, LineProtocolPrecision precision, DateTimeOffset receivedAt, string source = "line protocol") =>
        Parse(feed, Encoding.UTF8.GetBytes(body), precision, receivedAt, source);

    public LineProtocolBatch Parse(string feed, ReadOnlySpan<byte> body, LineProtocolPrecision precision, DateTimeOffset receivedAt, string source = "line protocol")
    {
        var result = new ParseResult(feed);
        var batch = new LineProtocolBatch(result);
        result.Samples.EnsureCapacity(body.Count((byte)'\n') + 1);
        var state = new LineState
        {
            Batch = batch,
            Source = source,
            ReceivedAt = receivedAt,
            NanosPerUnit = precision.NanosecondsPerUnit(),
            LatestNanoseconds = (receivedAt.UtcTicks + MqttPayloadParser.MaxClockAhead.Ticks - UnixEpochTicks) * 100,
            Chars = ArrayPool<char>.Shared.Rent(MaxLineBytes),
            Fields = [],
            Keys = [],
        };
        try
        {
            var lineNumber = 0;
            while (!body.IsEmpty)
            {
                lineNumber++;
                var newline = body.IndexOf((byte)'\n');
                var line = newline < 0 ? body : body[..newline];
                body = newline < 0 ? [] : body[(newline + 1)..];
                line = line.Trim(" \t\r"u8);
                if (line.IsEmpty || line[0] == (byte)'#')
                {
                    continue;
                }
                batch.LinesSeen++;
                if (!ParseLine(line, ref state, out var reason, out var message))
                {
                    Refuse(line, lineNumber, reason, message, ref state);
                }
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(state.Chars);
        }
        return batch;
    }

    private bool ParseLine(ReadOnlySpan<byte> line, ref LineState state, out string reason, out string message)
    {
        reason = RejectReason.BadLine;
        if (line.Length > MaxLineBytes)
        {
            reason = RejectReason.LineTooLong;
            message = $"line is {line.Length} bytes, more than the limit of {MaxLineBytes}";
            return false;
        }
        if (!Utf8.IsValid(line))
        {
            reason = RejectReason.InvalidUtf8;
            message = "line is not valid UTF-8";
            return false;
        }

        // The series part ends at the first unescaped space.
        var seriesEnd = -1;
        for (var i = 0; i < line.Length; i++)
        {
            var b = line[i];
            if (b == (byte)'\\')
            {
                i++;
                if (i == line.Length)
                {
                    reason = RejectReason.BadEscape;
                    message = "backslash at the end of the line escapes nothing";
                    return false;
                }
            }
            else if (b == (byte)' ')
            {
                seriesEnd = i;
                break;
            }
        }
        if (seriesEnd < 0)
        {
            message = "missing fields";
            return false;
        }
        var entry = LookupSeries(line[..seriesEnd], state.Chars, out message);
        if (entry is null)
        {
            return false;
        }

        var fields = state.Fields;
        fields.Clear();
        var pos = seriesEnd + 1;
        while (pos < line.Length && line[pos] == (byte)' ')
        {
            pos++;
        }
        if (pos == line.Length)
        {
            message = "missing fields";
            return false;
        }

        while (true)
        {
            var keyStart = pos;
            while (pos < line.Length && line[pos] != (byte)'=')
            {
                var b = line[pos];
                if (b == (byte)'\\')
                {
                    pos++;
                    if (pos == line.Length)
                    {
                        reason = RejectReason.BadEscape;
                        message = "backslash at the end of the line escapes nothing";
                        return false;
                    }
                }
                else if (b is (byte)' ' or (byte)',')
                {
                    message = "invalid field format";
                    return false;
                }
                pos++;
            }
            if (pos == line.Length)
            {
                message = "missing field value";
                return false;
            }
            if (pos == keyStart)
            {
                message = "missing field key";
                return false;
            }
            var keyEnd = pos;
            pos++;
            if (pos == line.Length || line[pos] is (byte)' ' or (byte)',')
            {
                message = "missing field value";
                return false;
            }

            if (line[pos] == (byte)'"')
            {
                pos++;
                while (pos < line.Length && line[pos] != (byte)'"')
                {
                    pos += line[pos] == (byte)'\\' ? 2 : 1;
                }
                if (pos >= line.Length)
                {
                    message = "unterminated string field value";
                    return false;
                }
                pos++;
                fields.Add(new PendingField(keyStart, keyEnd, double.NaN, IsString: true));
            }
            else
            {
                var valueStart = pos;
                while (pos < line.Length && line[pos] is not ((byte)' ' or (byte)','))
                {
                    pos++;
                }
                if (!TryParseValue(line[valueStart..pos], out var value, out reason, out message))
                {
                    return false;
                }
                fields.Add(new PendingField(keyStart, keyEnd, value, IsString: false));
            }

            if (pos == line.Length || line[pos] == (byte)' ')
            {
                break;
            }
            pos++;
            if (pos == line.Length)
            {
                message = "missing field key";
                return false;
            }
        }

        var timestamp = state.ReceivedAt;
        if (pos < line.Length && !TryParseTimestamp(line[pos..].TrimStart((byte)' '), ref state, out timestamp, out reason, out message))
        {
            return false;
        }

        // Resolve every key before adding anything: a line counts whole or not at all.
        var keys = state.Keys;
        keys.Clear();
        foreach (var field in fields)
        {
            if (!field.IsString)
            {
                var key = entry.KeyFor(line[field.KeyStart..field.KeyEnd], state.Chars, out message);
                if (key is null)
                {
                    return false;
                }
                keys.Add(key);
            }
        }

        var result = state.Batch.Result;
        var next = 0;
        foreach (var field in fields)
        {
            if (field.IsString)
            {
                var name = Unescape(line[field.KeyStart..field.KeyEnd]);
                result.Rejections.Add(new Rejection(result.Feed, RejectReason.NonNumericValue,
                    $"field '{Shorten(name)}' of {Shorten(entry.Measurement)} is a string, not a number", state.Source, state.ReceivedAt));
                continue;
            }
            result.Samples.Add(new Sample(keys[next++], timestamp, field.Value));
        }
        message = "";
        return true;
    }

    private SeriesEntry? LookupSeries(ReadOnlySpan<byte> raw, char[] chars, out string message)
    {
        message = "";
        var count = Encoding.UTF8.GetChars(raw, chars);
        var text = chars.AsSpan(0, count);
        if (_seriesLookup.TryGetValue(text, out var entry))
        {
            return entry;
        }
        entry = SeriesEntry.TryCreate(raw, out message);
        if (entry is not null && Interlocked.Increment(ref _cachedCount) <= _maxCachedSeries && !_seriesLookup.TryAdd(text, entry))
        {
            // Another request cached the same series first.
            Interlocked.Decrement(ref _cachedCount);
        }
        return entry;
    }

    private static bool TryParseValue(ReadOnlySpan<byte> text, out double value, out string reason, out string message)
    {
        value = 0;
        reason = RejectReason.BadLine;
        message = "";
        var last = text[^1];
        if (last == (byte)'i' && text.Length > 1 && IsInteger(text[..^1], allowSign: true))
        {
            if (long.TryParse(text[..^1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            {
                value = integer;
                return true;
            }
            reason = RejectReason.IntegerOverflow;
            message = $"integer value {Shorten(text)} out of range for a 64-bit integer";
            return false;
        }
        if (last == (byte)'u' && text.Length > 1 && IsInteger(text[..^1], allowSign: false))
        {
            if (ulong.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var unsigned))
            {
                value = unsigned;
                return true;
            }
            reason = RejectReason.IntegerOverflow;
            message = $"unsigned value {Shorten(text)} out of range for a 64-bit unsigned integer";
            return false;
        }
        switch (text)
        {
            case [(byte)'t' or (byte)'T']:
            case [(byte)'t', (byte)'r', (byte)'u', (byte)'e']:
            case [(byte)'T', (byte)'r', (byte)'u', (byte)'e']:
            case [(byte)'T', (byte)'R', (byte)'U', (byte)'E']:
                value = 1;
                return true;
            case [(byte)'f' or (byte)'F']:
            case [(byte)'f', (byte)'a', (byte)'l', (byte)'s', (byte)'e']:
            case [(byte)'F', (byte)'a', (byte)'l', (byte)'s', (byte)'e']:
            case [(byte)'F', (byte)'A', (byte)'L', (byte)'S', (byte)'E']:
                value = 0;
                return true;
        }
        // Only digits, sign, point and exponent: keeps NaN, Infinity and hex out, which double.TryParse would take.
        if (text.IndexOfAnyExcept("0123456789+-.eE"u8) < 0
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            if (double.IsFinite(value))
            {
                return true;
            }
            message = $"float value {Shorten(text)} out of range";
            return false;
        }
        message = $"invalid field value {Shorten(text)}";
        return false;
    }

    private static bool IsInteger(ReadOnlySpan<byte> text, bool allowSign)
    {
        if (allowSign && text.Length > 1 && text[0] == (byte)'-')
        {
            text = text[1..];
        }
        return !text.IsEmpty && text.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0;
    }

    private static bool TryParseTimestamp(ReadOnlySpan<byte> text, ref LineState state, out DateTimeOffset timestamp, out string reason, out string message)
    {
        timestamp = default;
        reason = RejectReason.BadTimestamp;
        message = "";
        if (text.IsEmpty)
        {
            timestamp = state.ReceivedAt;
            return true;
        }
        if (!IsInteger(text, allowSign: true))
        {
            message = $"bad timestamp {Shorten(text)}";
            return false;
        }
        reason = RejectReason.TimestampOutOfRange;
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var units)
            || units > long.MaxValue / state.NanosPerUnit || units < long.MinValue / state.NanosPerUnit)
        {
            message = $"timestamp {Shorten(text)} out of range";
            return false;
        }
        var nanoseconds = units * state.NanosPerUnit;
        if (nanoseconds < EarliestNanoseconds || nanoseconds > state.LatestNanoseconds)
        {
            message = $"timestamp {Shorten(text)} is before 2000 or more than a day ahead of the server clock";
            return false;
        }
        timestamp = new DateTimeOffset(UnixEpochTicks + nanoseconds / 100, TimeSpan.Zero);
        return true;
    }

    private static void Refuse(ReadOnlySpan<byte> line, int lineNumber, string reason, string message, ref LineState state)
    {
        var batch = state.Batch;
        batch.LinesRefused++;
        var detail = $"unable to parse '{Shorten(line)}' (line {lineNumber}): {message}";
        batch.FirstError ??= detail;
        batch.Result.Rejections.Add(new Rejection(batch.Result.Feed, reason, detail, state.Source, state.ReceivedAt));
    }

    /// <summary>Undoes <c>\,</c> <c>\ </c> <c>\=</c> <c>\\</c>; any other backslash stays, as InfluxDB keeps it.</summary>
    internal static string Unescape(ReadOnlySpan<byte> raw)
    {
        if (raw.IndexOf((byte)'\\') < 0)
        {
            return Encoding.UTF8.GetString(raw);
        }
        var buffer = raw.Length <= 256 ? stackalloc byte[raw.Length] : new byte[raw.Length];
        var n = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == (byte)'\\' && i + 1 < raw.Length && raw[i + 1] is (byte)',' or (byte)' ' or (byte)'=' or (byte)'\\')
            {
                i++;
            }
            buffer[n++] = raw[i];
        }
        return Encoding.UTF8.GetString(buffer[..n]);
    }

    private static string Shorten(ReadOnlySpan<byte> text) =>
        // Invalid UTF-8 shows as replacement characters, so the message stays readable.
        Shorten(Encoding.UTF8.GetString(text.Length > MaxPreviewChars * 4 ? text[..(MaxPreviewChars * 4)] : text));

    private static string Shorten(string text) => text.Length <= MaxPreviewChars ? text : text[..MaxPreviewChars] + "…";

    private struct LineState
    {
        public LineProtocolBatch Batch;
        public string Source;
        public DateTimeOffset ReceivedAt;
        public long NanosPerUnit;
        public long LatestNanoseconds;
        public char[] Chars;
        public List<PendingField> Fields;
        public List<SeriesKey> Keys;
    }

    private readonly record struct PendingField(int KeyStart, int KeyEnd, double Value, bool IsString);

    /// <summary>One measurement and tag set, with the series key of each field seen for it.</summary>
    private sealed class SeriesEntry
    {
        private const int MaxFieldsPerSeries = 1_000;
        private readonly ConcurrentDictionary<string, SeriesKey> _keys = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, SeriesKey>.AlternateLookup<ReadOnlySpan<char>> _lookup;

        private SeriesEntry(string measurement, Dictionary<string, string> tags)
        {
            Measurement = measurement;
            Tags = tags;
            _lookup = _keys.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public string Measurement { get; }

        public Dictionary<string, string> Tags { get; }

        public SeriesKey? KeyFor(ReadOnlySpan<byte> rawField, char[] chars, out string message)
        {
            message = "";
            var count = Encoding.UTF8.GetChars(rawField, chars);
            if (_lookup.TryGetValue(chars.AsSpan(0, count), out var key))
            {
                return key;
            }
            var field = Unescape(rawField);
            if (string.IsNullOrWhiteSpace(field))
            {
                message = "invalid field key";
                return null;
            }
            key = new SeriesKey(Measurement, field, Tags);
            if (_keys.Count < MaxFieldsPerSeries)
            {
                _lookup.TryAdd(chars.AsSpan(0, count), key);
            }
            return key;
        }

        public static SeriesEntry? TryCreate(ReadOnlySpan<byte> raw, out string message)
        {
            message = "";
            var measurementEnd = IndexOfUnescaped(raw, (byte)',');
            var measurement = Unescape(measurementEnd < 0 ? raw : raw[..measurementEnd]);
            if (measurement.Length == 0)
            {
                message = "missing measurement";
                return null;
            }
            if (string.IsNullOrWhiteSpace(measurement))
            {
                message = "invalid measurement";
                return null;
            }
            var tags = new Dictionary<string, string>(StringComparer.Ordinal);
            var rest = measurementEnd < 0 ? [] : raw[(measurementEnd + 1)..];
            var hasTags = measurementEnd >= 0;
            while (hasTags)
            {
                var tagEnd = IndexOfUnescaped(rest, (byte)',');
                var tag = tagEnd < 0 ? rest : rest[..tagEnd];
                var equals = IndexOfUnescaped(tag, (byte)'=');
                if (equals < 0 || equals == tag.Length - 1)
                {
                    message = "missing tag value";
                    return null;
                }
                if (equals == 0)
                {
                    message = "missing tag key";
                    return null;
                }
                var key = Unescape(tag[..equals]);
                if (!tags.TryAdd(key, Unescape(tag[(equals + 1)..])))
                {
                    message = $"duplicate tag '{Shorten(key)}'";
                    return null;
                }
                hasTags = tagEnd >= 0;
                rest = hasTags ? rest[(tagEnd + 1)..] : [];
            }
            return new SeriesEntry(measurement, tags);
        }

        private static int IndexOfUnescaped(ReadOnlySpan<byte> text, byte separator)
        {
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == (byte)'\\')
                {
                    i++;
                }
                else if (text[i] == separator)
                {
                    return i;
                }
            }
            return -1;
        }
    }
}
