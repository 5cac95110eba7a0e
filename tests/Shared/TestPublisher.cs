using System.Text;
using MQTTnet;
using MQTTnet.Protocol;

namespace Coc.Tests.Shared;

/// <summary>An ordinary MQTT client publishing to the app's broker, as a device would.</summary>
public sealed class TestPublisher : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();

    /// <summary>Connects as a device; without a username it connects anonymously (the broker must allow it).</summary>
    public static async Task<TestPublisher> ConnectAsync(int port, string? username = null, string? password = null)
    {
        var publisher = new TestPublisher();
        var builder = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("test-device-" + Guid.NewGuid().ToString("N")[..8]);
        if (username is not null)
        {
            builder = builder.WithCredentials(username, password);
        }
        var options = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var result = await publisher._client.ConnectAsync(options, timeout.Token);
        // MQTTnet 5 reports a refused CONNECT in the result instead of throwing.
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            publisher._client.Dispose();
            throw new InvalidOperationException($"MQTT connect refused: {result.ResultCode} {result.ReasonString}");
        }
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
