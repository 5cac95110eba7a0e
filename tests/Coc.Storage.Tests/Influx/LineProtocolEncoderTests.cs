using System.Text;
using Coc.Core.Series;
using Coc.Storage.Influx;

namespace Coc.Storage.Tests.Influx;

public sealed class LineProtocolEncoderTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 10, 8, 0, 0, TimeSpan.Zero);
    private readonly LineProtocolEncoder _encoder = new();

    [Fact]
    public void Encode_PlainSample_MeasurementSortedTagsFieldFloatAndMilliseconds()
    {
        var series = SeriesKey.Create("atcs", "vehicles", ("lane", "north"), ("intersection", "simpang-kawat"));

        Assert.Equal("atcs,intersection=simpang-kawat,lane=north vehicles=41 1741593600123\n", Text(new Sample(series, T0.AddMilliseconds(123), 41)));
    }

    [Fact]
    public void Encode_SpecialCharacters_EscapedPerLineProtocol()
    {
        var series = SeriesKey.Create("river level,cm", "a=b c", ("t,k", "v=1 2"), ("empty", ""), ("back", "a\\b"));

        // Measurement: comma and space; tag keys, values and field keys: comma, '=' and space.
        // A tag with an empty value has no line-protocol form and is the same series as none.
        Assert.Equal(@"river\ level\,cm,back=a\b,t\,k=v\=1\ 2 a\=b\ c=0.5 1741593600000" + "\n", Text(new Sample(series, T0, 0.5)));
    }

    [Fact]
    public void Encode_ExtremeValues_RoundTripFormat()
    {
        var series = SeriesKey.Create("m", "f");

        Assert.Equal("m f=1E+20 1741593600000\nm f=-1.5E-05 1741593600000\nm f=5E-324 1741593600000\n",
            Text(new Sample(series, T0, 1e20), new Sample(series, T0, -0.000015), new Sample(series, T0, double.Epsilon)));
    }

    [Theory]
    [InlineData("#comment", "f", "x", "starts with '#'")]
    [InlineData("m", "f", "ends\\", "has a backslash before")]
    [InlineData("m", "f", "a\\,b", "has a backslash before")]
    [InlineData("m", "f", "two\\\\", "has a backslash before")]
    [InlineData("m", "line\nbreak", "x", "holds a line break")]
    public void Encode_NameWithoutLineProtocolForm_RefusedAndOthersKept(string measurement, string field, string tag, string problem)
    {
        var bad = new SeriesKey(measurement, field, new Dictionary<string, string> { ["t"] = tag });
        var good = SeriesKey.Create("m", "f");

        var lines = _encoder.Encode([new Sample(bad, T0, 1), new Sample(good, T0, 2)], 0, 2);

        Assert.Equal((1, 1), (lines.Samples, lines.Refused));
        Assert.Contains(problem, lines.FirstProblem, StringComparison.Ordinal);
        Assert.Equal("m f=2 1741593600000\n", Encoding.UTF8.GetString(Gzip.Decompress(lines.Body)));
    }

    [Fact]
    public void Encode_NotFiniteValue_Refused()
    {
        var series = SeriesKey.Create("m", "f");

        var lines = _encoder.Encode([new Sample(series, T0, double.NaN), new Sample(series, T0, double.PositiveInfinity)], 0, 2);

        Assert.Equal((0, 2), (lines.Samples, lines.Refused));
        Assert.Empty(lines.Body);
    }

    [Fact]
    public void Encode_Slice_EncodesOnlyThatRange()
    {
        var series = SeriesKey.Create("m", "f");
        Sample[] samples = [new(series, T0, 1), new(series, T0, 2), new(series, T0, 3)];

        Assert.Equal("m f=2 1741593600000\nm f=3 1741593600000\n", Encoding.UTF8.GetString(Gzip.Decompress(_encoder.Encode(samples, 1, 2).Body)));
    }

    private string Text(params Sample[] samples)
    {
        var lines = _encoder.Encode(samples, 0, samples.Length);
        Assert.Equal(0, lines.Refused);
        return Encoding.UTF8.GetString(Gzip.Decompress(lines.Body));
    }
}
