using System.Text;
using MQTTnet;
using MQTTnet.Protocol;

namespace Coc.Ingest.Tests.Support;

/// <summary>An ordinary MQTT client publishing to the broker, as a field device would.</summary>
internal sealed class TestDevice : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();

    public static async Task<TestDevice> ConnectAsync(int port)
    {
        var device = new TestDevice();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId("test-device-" + Guid.NewGuid().ToString("N")[..8])
            .Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await device._client.ConnectAsync(options, timeout.Token);
        return device;
    }

    public Task PublishAsync(string topic, string payload) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(Encoding.UTF8.GetBytes(payload))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }
        _client.Dispose();
    }
}
