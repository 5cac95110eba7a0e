using MQTTnet;

namespace Coc.Bench;

/// <summary>Connects an MQTTnet 5 client to Coc's embedded broker on loopback.</summary>
public static class BenchMqtt
{
    public static async Task<IMqttClient> ConnectAsync(MqttClientFactory factory, int port, string clientId, CancellationToken cancellationToken)
    {
        var client = factory.CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId($"{clientId}-{Environment.ProcessId}")
            .WithCleanSession()
            .WithTimeout(TimeSpan.FromSeconds(10))
            .Build();
        try
        {
            await client.ConnectAsync(options, cancellationToken);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public static async Task DisconnectQuietlyAsync(IMqttClient client)
    {
        try
        {
            if (client.IsConnected)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await client.DisconnectAsync(new MqttClientDisconnectOptions(), timeout.Token);
            }
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException)
        {
            // The app may already be gone; nothing to tidy.
        }
        finally
        {
            client.Dispose();
        }
    }
}
