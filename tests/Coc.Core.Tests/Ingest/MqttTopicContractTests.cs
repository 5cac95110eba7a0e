using Coc.Core.Ingest;

namespace Coc.Core.Tests.Ingest;

public class MqttTopicContractTests
{
    [Fact]
    public void TryMap_SensorTopic_KindIsMeasurementAndIdIsSensorTag()
    {
        Assert.True(MqttTopicContract.TryMap("coc/sensors/rainfall/arg-12", out var mapping));

        Assert.Equal(new TopicMapping("sensors", "rainfall", "sensor", "arg-12"), mapping);
    }

    [Fact]
    public void TryMap_AtcsTopic_AtcsMeasurementAndIntersectionTag()
    {
        Assert.True(MqttTopicContract.TryMap("coc/atcs/simpang-kawat", out var mapping));

        Assert.Equal(new TopicMapping("atcs", "atcs", "intersection", "simpang-kawat"), mapping);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("coc")]
    [InlineData("coc/sensors")]
    [InlineData("coc/sensors/rainfall")]
    [InlineData("coc/sensors/rainfall/arg-12/extra")]
    [InlineData("coc/atcs")]
    [InlineData("coc/atcs/a/b")]
    [InlineData("coc/etle/cam-1/extra")]
    [InlineData("coc/sensors/ /arg-12")]
    [InlineData("coc/sensors/rainfall/")]
    [InlineData("/coc/atcs/x")]
    [InlineData("city/atcs/x")]
    [InlineData("coc/Atcs/x")]
    public void TryMap_TopicOutsideContract_False(string topic)
    {
        Assert.False(MqttTopicContract.TryMap(topic, out _));
    }

    [Fact]
    public void SensorTopic_BuiltTopic_MapsBackToSameParts()
    {
        var topic = MqttTopicContract.SensorTopic("air_quality", "aq-07");

        Assert.Equal("coc/sensors/air_quality/aq-07", topic);
        Assert.True(MqttTopicContract.TryMap(topic, out var mapping));
        Assert.Equal(("air_quality", "aq-07"), (mapping.Measurement, mapping.IdentityValue));
    }

    [Fact]
    public void AtcsTopic_BuiltTopic_MapsBackToIntersection()
    {
        var topic = MqttTopicContract.AtcsTopic("simpang-rimbo");

        Assert.Equal("coc/atcs/simpang-rimbo", topic);
        Assert.True(MqttTopicContract.TryMap(topic, out var mapping));
        Assert.Equal("simpang-rimbo", mapping.IdentityValue);
    }

    [Theory]
    [InlineData("coc/sensors/rainfall/arg-12", "sensors")]
    [InlineData("coc/sensors/x/y/z", "sensors")]
    [InlineData("coc/atcs/simpang-kawat", "atcs")]
    [InlineData("coc/etle/cam-1", "etle")]
    [InlineData("home/sensors/x/y", "mqtt")]
    [InlineData("coc", "mqtt")]
    [InlineData("", "mqtt")]
    public void FeedOf_Topic_FeedItIsCountedUnder(string topic, string expected)
    {
        Assert.Equal(expected, MqttTopicContract.FeedOf(topic));
    }

    [Fact]
    public void SubscriptionFilter_CoversRoot()
    {
        Assert.Equal(MqttTopicContract.Root + "/#", MqttTopicContract.SubscriptionFilter);
    }
}
