using Coc.Core.Ingest;
using Coc.Core.Series;

namespace Coc.Core.Tests.Ingest;

/// <summary>The E-TLE and line-protocol-over-MQTT topics of the contract.</summary>
public sealed class EtleAndLineProtocolTopicTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Parse_EtleViolations_TypeBecomesATagWhateverTheOrder()
    {
        var first = MqttPayloadParser.Parse("coc/etle/cam-simpang-kawat", """{"violations": 3, "type": "lampu-merah", "ts": 1795402800000}""", Now);
        var second = MqttPayloadParser.Parse("coc/etle/cam-simpang-kawat", """{"type": "lampu-merah", "violations": 5}""", Now);

        var key = SeriesKey.Create("etle", "violations", ("camera", "cam-simpang-kawat"), ("type", "lampu-merah"));
        Assert.Equal("etle", first.Feed);
        Assert.Empty(first.Rejections);
        Assert.Equal(key, Assert.Single(first.Samples).Series);
        Assert.Equal(3, first.Samples[0].Value);
        Assert.Equal(key, Assert.Single(second.Samples).Series);
    }

    [Fact]
    public void Parse_EtleWithoutType_CountedUnderCameraOnly()
    {
        var result = MqttPayloadParser.Parse("coc/etle/cam-1", """{"violations": 2}""", Now);

        Assert.Equal(SeriesKey.Create("etle", "violations", ("camera", "cam-1")), Assert.Single(result.Samples).Series);
    }

    [Fact]
    public void Parse_EtleNonNumericViolations_RejectedNamingTheField()
    {
        var result = MqttPayloadParser.Parse("coc/etle/cam-1", """{"violations": "banyak", "type": "kecepatan"}""", Now);

        Assert.Empty(result.Samples);
        var rejection = Assert.Single(result.Rejections);
        Assert.Equal(RejectReason.NonNumericValue, rejection.Reason);
        Assert.Contains("violations", rejection.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("coc/lp/sensors", "sensors")]
    [InlineData("coc/lp/atcs", "atcs")]
    [InlineData("coc/lp/", "lp")]
    [InlineData("coc/lp/a/b", "lp")]
    [InlineData("coc/sensors/pm25/x", null)]
    [InlineData("coc/lpx/sensors", null)]
    public void LineProtocolFeed_Topic_FeedOrNull(string topic, string? expected)
    {
        Assert.Equal(expected, MqttTopicContract.LineProtocolFeed(topic));
    }
}
