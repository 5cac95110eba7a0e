using System.Net;
using MQTTnet.Server;

namespace Coc.Ingest.Tests.Support;

/// <summary>A plain MQTTnet broker standing in for an external Mosquitto/EMQX: Coc only subscribes to it.</summary>
internal sealed class ExternalBroker : IAsyncDisposable
{
    private readonly MqttServer _server;

    private ExternalBroker(MqttServer server) => _server = server;

    /// <param name="refuseSubscription">Filters it answers with "not authorized" in the SUBACK, as a broker's ACL would.</param>
    public static async Task<ExternalBroker> StartAsync(int port, Func<string, bool>? refuseSubscription = null)
    {
        var options = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointPort(port)
            .Build();
        var server = new MqttServerFactory().CreateMqttServer(options);
        if (refuseSubscription is not null)
        {
            server.InterceptingSubscriptionAsync += e =>
            {
                if (refuseSubscription(e.TopicFilter.Topic))
                {
                    e.ProcessSubscription = false;
                    e.Response.ReasonCode = MQTTnet.Protocol.MqttSubscribeReasonCode.NotAuthorized;
                }
                return Task.CompletedTask;
            };
        }
        await server.StartAsync();
        return new ExternalBroker(server);
    }

    public Task StopAsync() => _server.StopAsync();

    public async ValueTask DisposeAsync()
    {
        if (_server.IsStarted)
        {
            await _server.StopAsync();
        }
        _server.Dispose();
    }
}
