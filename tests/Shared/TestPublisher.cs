using System.Text;
using MQTTnet;
using MQTTnet.Protocol;

namespace Coc.Tests.Shared;

/// <summary>An ordinary MQTT client publishing to the app's broker, as a device would.</summary>
public sealed class TestPublisher : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();

    public static async Task<TestPublisher> ConnectAsync(int port)
    {
        var publisher = new TestPublisher();
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("test-device-" + Guid.NewGuid().ToString("N")[..8]).Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await publisher._client.ConnectAsync(options, timeout.Token);
        return publisher;
    }

    public Task PublishAsync(string topic, string payload) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(Encoding.UTF8.GetBytes(payload))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());

    public Task PublishAsync(string topic, byte[] payload) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }
        _client.Dispose();
    }
}
