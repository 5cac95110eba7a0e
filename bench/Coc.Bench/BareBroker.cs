using System.Net;
using MQTTnet.Server;

namespace Coc.Bench;

/// <summary>
/// The ingest peer's broker, run as <c>Coc.Bench bare-broker PORT</c> in a child process: an MQTTnet 5
/// server with the options Coc's EmbeddedBroker sets (default endpoint on 127.0.0.1:PORT) and nothing
/// else: no interception, no subscribers, no logger. It runs until its standard input closes, so it
/// also ends when the bench does.
/// </summary>
public static class BareBroker
{
    public const string Mode = "bare-broker";
    public const string ReadyLine = "bare-broker ready";

    public static async Task<int> RunAsync(string portText)
    {
        if (!int.TryParse(portText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65_535)
        {
            await Console.Error.WriteLineAsync($"usage: Coc.Bench {Mode} PORT (1-65535), got '{portText}'");
            return 2;
        }
        var options = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointPort(port)
            .Build();
        using var server = new MqttServerFactory().CreateMqttServer(options);
        await server.StartAsync();
        Console.WriteLine(ReadyLine);
        // Blocks until the parent closes the pipe (or dies); nothing is ever written to it.
        await Console.In.ReadToEndAsync();
        await server.StopAsync();
        return 0;
    }
}
