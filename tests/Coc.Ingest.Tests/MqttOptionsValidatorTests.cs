using Coc.Ingest.Mqtt;
using Coc.Ingest.Tests.Support;
using Microsoft.Extensions.Options;

namespace Coc.Ingest.Tests;

public class MqttOptionsValidatorTests
{
    private readonly MqttOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_Succeeds() => Assert.True(_validator.Validate(null, new MqttOptions()).Succeeded);

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    public void Validate_PortOutOfRange_FailsNamingKey(int port) =>
        AssertFails(new MqttOptions { Port = port }, $"Coc:Mqtt:Port must be 1-65535, got {port}");

    [Fact]
    public void Validate_EmptyHost_FailsNamingKey() => AssertFails(new MqttOptions { Host = " " }, "Coc:Mqtt:Host");

    [Fact]
    public void Validate_BindAddressNotAnIp_FailsNamingKey() => AssertFails(new MqttOptions { BindAddress = "localhost" }, "Coc:Mqtt:BindAddress");

    [Fact]
    public void Validate_BindAddressNotAnIpWithBrokerDisabled_Succeeds() =>
        Assert.True(_validator.Validate(null, new MqttOptions { EmbeddedBroker = false, BindAddress = "localhost" }).Succeeded);

    [Fact]
    public void Validate_EmptyTopic_FailsNamingKey() => AssertFails(new MqttOptions { Topic = "" }, "Coc:Mqtt:Topic");

    [Theory]
    [InlineData(499)]
    [InlineData(300_001)]
    public void Validate_MaxReconnectDelayOutOfRange_FailsNamingKey(int ms) =>
        AssertFails(new MqttOptions { MaxReconnectDelayMs = ms }, "Coc:Mqtt:MaxReconnectDelayMs");

    [Fact]
    public async Task StartAsync_HostWithInvalidPort_FailsNamingKey()
    {
        using var host = IngestHost.Build(new Dictionary<string, string?> { ["Coc:Mqtt:Port"] = "70000" }, new RecordingStore());

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Coc:Mqtt:Port must be 1-65535, got 70000", error.Message);
    }

    private void AssertFails(MqttOptions options, string expected)
    {
        var result = _validator.Validate(null, options);
        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.Contains(expected, failure);
    }
}
