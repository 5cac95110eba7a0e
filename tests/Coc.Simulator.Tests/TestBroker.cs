using System.Buffers;
using System.Net;
using System.Net.Sockets;
using MQTTnet.Server;

namespace Coc.Simulator.Tests;

/// <summary>An MQTTnet broker on a free loopback port that records what it receives and lets tests wait on it.</summary>
internal sealed class TestBroker : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly MqttServer _server;
    private readonly List<(string Topic, byte[] Payload)> _received = [];
    private readonly List<(Func<IReadOnlyList<(string Topic, byte[] Payload)>, bool> Condition, TaskCompletionSource Done)> _waiters = [];
    private readonly Lock _gate = new();

    private TestBroker(int port)
    {
        Port = port;
        var options = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointPort(port)
            .Build();
        // A broker restarted on the same port must bind again at once.
        options.DefaultEndpointOptions.ReuseAddress = true;
        _server = new MqttServerFactory().CreateMqttServer(options);
        _server.InterceptingPublishAsync += e =>
        {
            lock (_gate)
            {
                _received.Add((e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray()));
                CompleteSatisfiedWaiters();
            }
            return Task.CompletedTask;
        };
    }

    public int Port { get; }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<TestBroker> StartAsync(int? port = null)
    {
        var broker = new TestBroker(port ?? FreePort());
        await broker._server.StartAsync();
        return broker;
    }

    public IReadOnlyList<(string Topic, byte[] Payload)> Received
    {
        get
        {
            lock (_gate)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>Completes when what was received satisfies <paramref name="condition"/>; fails the test after <see cref="Timeout"/>.</summary>
    public Task WaitUntilAsync(Func<IReadOnlyList<(string Topic, byte[] Payload)>, bool> condition)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _waiters.Add((condition, done));
            CompleteSatisfiedWaiters();
        }
        return done.Task.WaitAsync(Timeout);
    }

    public Task StopAsync() => _server.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync();
        _server.Dispose();
    }

    private void CompleteSatisfiedWaiters()
    {
        for (var i = _waiters.Count - 1; i >= 0; i--)
        {
            if (_waiters[i].Condition(_received))
            {
                _waiters[i].Done.TrySetResult();
                _waiters.RemoveAt(i);
            }
        }
    }
}
