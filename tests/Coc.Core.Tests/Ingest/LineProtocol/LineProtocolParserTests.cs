using System.Text;
using Coc.Core.Ingest;
using Coc.Core.Ingest.LineProtocol;
using Coc.Core.Series;

namespace Coc.Core.Tests.Ingest.LineProtocol;

public class LineProtocolParserTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 11, 23, 3, 0, 0, TimeSpan.Zero);
    private const string GoodLine = "atcs,intersection=simpang-kawat vehicles=41i,queue_m=35,speed_kmh=22.5 1795402800000000000";

    private static LineProtocolBatch Parse(string body, LineProtocolPrecision precision = LineProtocolPrecision.Nanoseconds, int maxLineBytes = LineProtocolParser.DefaultMaxLineBytes) =>
        new LineProtocolParser(maxLineBytes).Parse("atcs", body, precision, ReceivedAt);

    private static LineProtocolBatch Parse(byte[] body) =>
        new LineProtocolParser().Parse("atcs", body, LineProtocolPrecision.Nanoseconds, ReceivedAt);

    [Fact]
    public void Parse_TypicalAtcsLine_OneSamplePerFieldWithTagsAndTimestamp()
    {
        var batch = Parse(GoodLine);

        Assert.Empty(batch.Result.Rejections);
        Assert.Equal(1, batch.LinesSeen);
        Assert.Equal(0, batch.LinesRefused);
        Assert.Null(batch.FirstError);
        Assert.Equal("atcs", batch.Result.Feed);
        var ts = DateTimeOffset.FromUnixTimeMilliseconds(1795402800000);
        Assert.Equal(
            [
                new Sample(SeriesKey.Create("atcs", "vehicles", ("intersection", "simpang-kawat")), ts, 41),
                new Sample(SeriesKey.Create("atcs", "queue_m", ("intersection", "simpang-kawat")), ts, 35),
                new Sample(SeriesKey.Create("atcs", "speed_kmh", ("intersection", "simpang-kawat")), ts, 22.5),
            ],
            batch.Result.Samples);
    }

    [Fact]
    public void Parse_NoTimestamp_ReceiveTime()
    {
        var sample = Assert.Single(Parse("water_level,sensor=pos-x value=12.5").Result.Samples);

        Assert.Equal(ReceivedAt, sample.Timestamp);
        Assert.Equal(SeriesKey.Create("water_level", "value", ("sensor", "pos-x")), sample.Series);
    }

    [Fact]
    public void Parse_NoTags_SeriesWithoutTags()
    {
        var sample = Assert.Single(Parse("rain value=1.5").Result.Samples);

        Assert.Equal(SeriesKey.Create("rain", "value"), sample.Series);
    }

    [Theory]
    [InlineData("v=1i", 1)]
    [InlineData("v=-9223372036854775808i", -9223372036854775808d)]
    [InlineData("v=18446744073709551615u", 18446744073709551615d)]
    [InlineData("v=1.5e3", 1500)]
    [InlineData("v=-2.5E-1", -0.25)]
    [InlineData("v=.5", 0.5)]
    [InlineData("v=7", 7)]
    [InlineData("v=t", 1)]
    [InlineData("v=T", 1)]
    [InlineData("v=true", 1)]
    [InlineData("v=True", 1)]
    [InlineData("v=TRUE", 1)]
    [InlineData("v=f", 0)]
    [InlineData("v=F", 0)]
    [InlineData("v=false", 0)]
    [InlineData("v=False", 0)]
    [InlineData("v=FALSE", 0)]
    public void Parse_FieldTypes_NumericValue(string fields, double expected)
    {
        var sample = Assert.Single(Parse($"m {fields}").Result.Samples);

        Assert.Equal(expected, sample.Value);
    }

    [Theory]
    [InlineData(LineProtocolPrecision.Nanoseconds, "1795402800123456789", 17954028001234567)]
    [InlineData(LineProtocolPrecision.Microseconds, "1795402800123456", 17954028001234560)]
    [InlineData(LineProtocolPrecision.Milliseconds, "1795402800123", 17954028001230000)]
    [InlineData(LineProtocolPrecision.Seconds, "1795402800", 17954028000000000)]
    [InlineData(LineProtocolPrecision.Minutes, "29923380", 17954028000000000)]
    [InlineData(LineProtocolPrecision.Hours, "498723", 17954028000000000)]
    public void Parse_Precision_TimestampScaled(LineProtocolPrecision precision, string timestamp, long ticksSinceEpoch)
    {
        var sample = Assert.Single(Parse($"m v=1 {timestamp}", precision).Result.Samples);

        Assert.Equal(DateTime.UnixEpoch.Ticks + ticksSinceEpoch, sample.Timestamp.UtcTicks);
    }

    [Theory]
    [InlineData(null, LineProtocolPrecision.Nanoseconds)]
    [InlineData("", LineProtocolPrecision.Nanoseconds)]
    [InlineData("n", LineProtocolPrecision.Nanoseconds)]
    [InlineData("ns", LineProtocolPrecision.Nanoseconds)]
    [InlineData("u", LineProtocolPrecision.Microseconds)]
    [InlineData("ms", LineProtocolPrecision.Milliseconds)]
    [InlineData("s", LineProtocolPrecision.Seconds)]
    [InlineData("h", LineProtocolPrecision.Hours)]
    public void TryParse_KnownPrecision_Parsed(string? text, LineProtocolPrecision expected)
    {
        Assert.True(LineProtocolPrecisions.TryParse(text, out var precision));
        Assert.Equal(expected, precision);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("MS")]
    [InlineData("sec")]
    public void TryParse_UnknownPrecision_False(string text) => Assert.False(LineProtocolPrecisions.TryParse(text, out _));

    [Fact]
    public void Parse_Escapes_UnescapedNamesTagsAndFieldKeys()
    {
        var sample = Assert.Single(Parse("""my\ meas\,ure,tag\ key\=x=a\,b\ c\=d f\ k\,e\=y=1 1795402800000000000""").Result.Samples);

        Assert.Equal("my meas,ure", sample.Series.Measurement);
        Assert.Equal("f k,e=y", sample.Series.Field);
        Assert.Equal("a,b c=d", sample.Series.Tags["tag key=x"]);
    }

    [Theory]
    [InlineData("plain", "host", "a")]
    [InlineData("with space", "tag,comma", "v=equals")]
    [InlineData("back\\slash", "k\\ey", "trailing\\")]
    [InlineData("all , = \\ of them", " lead", "trail ")]
    [InlineData("Sungai Batanghari", "pos", "Angso Duo, Jambi")]
    public void Parse_EscapedNames_RoundTrip(string measurement, string tagKey, string tagValue)
    {
        var line = $"{EscapeMeasurement(measurement)},{EscapeKey(tagKey)}={EscapeKey(tagValue)} {EscapeKey("field " + tagKey)}=2.5";

        var batch = Parse(line);

        Assert.Empty(batch.Result.Rejections);
        var sample = Assert.Single(batch.Result.Samples);
        Assert.Equal(SeriesKey.Create(measurement, "field " + tagKey, (tagKey, tagValue)), sample.Series);
    }

    // The escaping InfluxDB client libraries do (influxdb-python's _escape_tag).
    private static string EscapeKey(string text) => text.Replace("\\", "\\\\").Replace(" ", "\\ ").Replace(",", "\\,").Replace("=", "\\=");

    private static string EscapeMeasurement(string text) => text.Replace("\\", "\\\\").Replace(" ", "\\ ").Replace(",", "\\,");

    [Fact]
    public void Parse_StringField_RefusedAloneOtherFieldsKept()
    {
        var batch = Parse("""etle,camera=cam-1 violations=3i,type="speed \"over\" \\ limit",plate="BH 1234 XY",speed=81.5""");

        Assert.Equal(0, batch.LinesRefused);
        Assert.Equal([3, 81.5], batch.Result.Samples.Select(s => s.Value));
        Assert.Equal(2, batch.Result.Rejections.Count);
        Assert.All(batch.Result.Rejections, r => Assert.Equal(RejectReason.NonNumericValue, r.Reason));
        Assert.Contains("'type'", batch.Result.Rejections[0].Detail, StringComparison.Ordinal);
        Assert.Contains("'plate'", batch.Result.Rejections[1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CommentsBlankLinesAndCrlf_Skipped()
    {
        var batch = Parse("# a comment\r\n\r\n   \r\nm v=1\r\n  # indented comment\nm v=2 1795402800000000000\r\n");

        Assert.Equal(2, batch.LinesSeen);
        Assert.Empty(batch.Result.Rejections);
        Assert.Equal([1, 2], batch.Result.Samples.Select(s => s.Value));
    }

    public static TheoryData<string, string, string> Malformed => new()
    {
        { "cpu,host=a value=", RejectReason.BadLine, "missing field value" },
        { "cpu,host=a", RejectReason.BadLine, "missing fields" },
        { ",host=a value=1", RejectReason.BadLine, "missing measurement" },
        { "cpu,host value=1", RejectReason.BadLine, "missing tag value" },
        { "cpu,host= value=1", RejectReason.BadLine, "missing tag value" },
        { "cpu,=a value=1", RejectReason.BadLine, "missing tag key" },
        { "cpu,host=a,host=b value=1", RejectReason.BadLine, "duplicate tag 'host'" },
        { "cpu =1", RejectReason.BadLine, "missing field key" },
        { "cpu value", RejectReason.BadLine, "missing field value" },
        { "cpu value=1,", RejectReason.BadLine, "missing field key" },
        { "cpu value=1,other", RejectReason.BadLine, "missing field value" },
        { "cpu value=abc", RejectReason.BadLine, "invalid field value abc" },
        { "cpu value=NaN", RejectReason.BadLine, "invalid field value NaN" },
        { "cpu value=Inf", RejectReason.BadLine, "invalid field value Inf" },
        { "cpu value=-Infinity", RejectReason.BadLine, "invalid field value -Infinity" },
        { "cpu value=1e999", RejectReason.BadLine, "out of range" },
        { "cpu value=1.2.3", RejectReason.BadLine, "invalid field value 1.2.3" },
        { "cpu value=12ii", RejectReason.BadLine, "invalid field value 12ii" },
        { "cpu value=-5u", RejectReason.BadLine, "invalid field value -5u" },
        { "cpu value=\"unterminated", RejectReason.BadLine, "unterminated string" },
        { "cpu value=\"ends in escape\\\"", RejectReason.BadLine, "unterminated string" },
        { "cpu value=9223372036854775808i", RejectReason.IntegerOverflow, "out of range for a 64-bit integer" },
        { "cpu value=-9223372036854775809i", RejectReason.IntegerOverflow, "out of range for a 64-bit integer" },
        { "cpu value=18446744073709551616u", RejectReason.IntegerOverflow, "out of range for a 64-bit unsigned integer" },
        { "cpu\\", RejectReason.BadEscape, "backslash at the end" },
        { "cpu value=1\\", RejectReason.BadLine, "invalid field value 1\\" },
        { "cpu val\\", RejectReason.BadEscape, "backslash at the end" },
        { "cpu value=1 abc", RejectReason.BadTimestamp, "bad timestamp abc" },
        { "cpu value=1 12.5", RejectReason.BadTimestamp, "bad timestamp 12.5" },
        { "cpu value=1 99999999999999999999", RejectReason.TimestampOutOfRange, "out of range" },
        { "cpu value=1 1700000000", RejectReason.TimestampOutOfRange, "before 2000" },
        { "cpu value=1 -1795402800000000000", RejectReason.TimestampOutOfRange, "before 2000" },
        { "cpu value=1 1795575600000000000", RejectReason.TimestampOutOfRange, "more than a day ahead" },
        { "\\  value=1", RejectReason.BadLine, "invalid measurement" },
        { "cpu \\ =1", RejectReason.BadLine, "invalid field key" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Parse_MalformedLineBetweenGoodOnes_RefusedWithReasonGoodLinesKept(string bad, string reason, string message)
    {
        var batch = Parse($"good v=1 1795402800000000000\n{bad}\ngood v=2 1795402800000000000\n");

        Assert.Equal(3, batch.LinesSeen);
        Assert.Equal(1, batch.LinesRefused);
        Assert.Equal([1, 2], batch.Result.Samples.Select(s => s.Value));
        var rejection = Assert.Single(batch.Result.Rejections);
        Assert.Equal(reason, rejection.Reason);
        Assert.Equal("atcs", rejection.Feed);
        Assert.StartsWith($"unable to parse '{bad}' (line 2): ", rejection.Detail, StringComparison.Ordinal);
        Assert.Contains(message, rejection.Detail, StringComparison.Ordinal);
        Assert.Equal(rejection.Detail, batch.FirstError);
    }

    [Fact]
    public void Parse_BadLineWithStringField_NoStringRejectionForTheRefusedLine()
    {
        var batch = Parse("m s=\"text\",v=oops\nm v=3");

        var rejection = Assert.Single(batch.Result.Rejections);
        Assert.Equal(RejectReason.BadLine, rejection.Reason);
        Assert.Equal(3, Assert.Single(batch.Result.Samples).Value);
    }

    [Fact]
    public void Parse_TruncatedUtf8_LineRefusedOthersKept()
    {
        var good = "m,site=Pasar\u00A0Angso v=1\n"u8.ToArray();
        byte[] truncated = [.. "m,site=Pasar "u8, 0xE2, 0x82, .. " v=2\n"u8];
        var batch = Parse([.. good, .. truncated, .. good]);

        Assert.Equal(2, batch.Result.Samples.Count);
        Assert.Equal("Pasar\u00A0Angso", batch.Result.Samples[0].Series.Tags["site"]);
        var rejection = Assert.Single(batch.Result.Rejections);
        Assert.Equal(RejectReason.InvalidUtf8, rejection.Reason);
        Assert.Contains("(line 2)", rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LineOverLimit_RefusedAloneWithShortDetail()
    {
        var huge = "m,tag=" + new string('x', 2000) + " v=1";
        var batch = Parse($"m v=1\n{huge}\nm v=2", maxLineBytes: 1024);

        Assert.Equal([1, 2], batch.Result.Samples.Select(s => s.Value));
        var rejection = Assert.Single(batch.Result.Rejections);
        Assert.Equal(RejectReason.LineTooLong, rejection.Reason);
        Assert.Contains("more than the limit of 1024", rejection.Detail, StringComparison.Ordinal);
        Assert.True(rejection.Detail.Length < 400, "the detail shows only the start of the line");
    }

    [Fact]
    public void Parse_SeveralBadLines_FirstErrorIsTheFirstAndCountsAll()
    {
        var batch = Parse("a v=\nb v=1\nc\nd v=x");

        Assert.Equal(4, batch.LinesSeen);
        Assert.Equal(3, batch.LinesRefused);
        Assert.StartsWith("unable to parse 'a v=' (line 1): missing field value", batch.FirstError, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SameSeriesManyLines_SameKeyInstanceReused()
    {
        var parser = new LineProtocolParser();
        var first = parser.Parse("atcs", GoodLine, LineProtocolPrecision.Nanoseconds, ReceivedAt).Result.Samples;
        var second = parser.Parse("atcs", GoodLine, LineProtocolPrecision.Nanoseconds, ReceivedAt).Result.Samples;

        Assert.Same(first[0].Series, second[0].Series);
        Assert.Same(first[2].Series, second[2].Series);
    }

    [Fact]
    public void Parse_CacheFull_KeysStillCorrect()
    {
        var parser = new LineProtocolParser(maxCachedSeries: 1);
        var body = string.Join('\n', Enumerable.Range(0, 5).Select(i => $"m,id=d{i} v={i}"));

        var samples = parser.Parse("sensors", body, LineProtocolPrecision.Nanoseconds, ReceivedAt).Result.Samples;

        Assert.Equal(Enumerable.Range(0, 5).Select(i => SeriesKey.Create("m", "v", ("id", $"d{i}"))), samples.Select(s => s.Series));
    }

    [Fact]
    public void Parse_EmptyBody_NothingSeen()
    {
        var batch = Parse("");

        Assert.Equal(0, batch.LinesSeen);
        Assert.Empty(batch.Result.Samples);
        Assert.Empty(batch.Result.Rejections);
    }

    [Fact]
    public void Parse_ExtraSpacesBetweenSections_Accepted()
    {
        var sample = Assert.Single(Parse("m,host=a   v=1   1795402800000000000").Result.Samples);

        Assert.Equal(1, sample.Value);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795402800000), sample.Timestamp);
    }

    [Fact]
    public void Parse_Utf8Names_Decoded()
    {
        var sample = Assert.Single(Parse(Encoding.UTF8.GetBytes("kualitas_udara,stasiun=Telanaipura\u00B7Jambi pm2\u00B75=41.5\n")).Result.Samples);

        Assert.Equal("pm2\u00B75", sample.Series.Field);
        Assert.Equal("Telanaipura\u00B7Jambi", sample.Series.Tags["stasiun"]);
    }
}
