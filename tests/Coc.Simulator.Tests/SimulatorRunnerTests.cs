using System.Buffers;
using Coc.Core.Complaints;
using Coc.Core.Ingest;

namespace Coc.Simulator.Tests;

public class SimulatorRunnerTests
{
    private const int ConnectedEvent = 1;
    private const int ConnectFailedEvent = 2;
    private const int ConnectionLostEvent = 4;

    [Fact]
    public async Task RunAsync_BrokerUp_PublishesRoundsThatParseAndStopsCleanly()
    {
        await using var broker = await TestBroker.StartAsync();
        var runner = new SimulatorRunner(Options(broker.Port));
        var perRound = new JambiFeedModel(TimeProvider.System, 1).MessagesPerTick;
        using var stop = new CancellationTokenSource();

        var run = runner.RunAsync(stop.Token);
        await broker.WaitUntilAsync(received => received.Count >= 2 * perRound);
        await stop.CancelAsync();
        await run.WaitAsync(TestBroker.Timeout);

        var received = broker.Received;
        var expectedTopics = new JambiFeedModel(TimeProvider.System, 1).Tick().Select(m => m.Topic).ToHashSet();
        Assert.True(expectedTopics.SetEquals(received.Select(m => m.Topic)), "every device of a round reaches the broker, nothing else");
        Assert.All(received, m =>
        {
            var result = MqttTopicContract.IsComplaintTopic(m.Topic)
                ? ComplaintEventParser.Parse(m.Topic, new ReadOnlySequence<byte>(m.Payload), DateTimeOffset.UtcNow).Result
                : MqttPayloadParser.Parse(m.Topic, new ReadOnlySequence<byte>(m.Payload), DateTimeOffset.UtcNow);
            Assert.Empty(result.Rejections);
        });
        Assert.True(runner.Published >= received.Count);
        Assert.Equal(0, runner.Failures);
        Assert.Equal(1, runner.Connections);
        Assert.False(runner.IsConnected);
    }

    [Fact]
    public async Task RunAsync_BrokerStartsLaterAndRestarts_ReconnectsAndKeepsPublishing()
    {
        var port = TestBroker.FreePort();
        var log = new SignalLogger<SimulatorRunner>();
        var runner = new SimulatorRunner(Options(port), TimeProvider.System, log);
        using var stop = new CancellationTokenSource();

        var run = runner.RunAsync(stop.Token);
        await log.WaitForEventAsync(ConnectFailedEvent);
        Assert.True(runner.ConnectFailures >= 1);
        Assert.Equal(0, runner.Published);

        var first = await TestBroker.StartAsync(port);
        await first.WaitUntilAsync(received => received.Count > 0);
        log.Reset(ConnectedEvent);
        await first.DisposeAsync();
        await log.WaitForEventAsync(ConnectionLostEvent);

        await using var second = await TestBroker.StartAsync(port);
        await second.WaitUntilAsync(received => received.Count > 0);
        await log.WaitForEventAsync(ConnectedEvent);
        await stop.CancelAsync();
        await run.WaitAsync(TestBroker.Timeout);

        Assert.Equal(2, runner.Connections);
    }

    [Fact]
    public async Task RunAsync_LoadMode_PublishesAtAboutTheRequestedRate()
    {
        await using var broker = await TestBroker.StartAsync();
        var options = Options(broker.Port);
        options.MessagesPerSecond = 2000;
        options.Devices = 2;
        var runner = new SimulatorRunner(options);
        using var stop = new CancellationTokenSource();
        var started = TimeProvider.System.GetTimestamp();

        var run = runner.RunAsync(stop.Token);
        await broker.WaitUntilAsync(received => received.Count >= 1000);
        var elapsed = TimeProvider.System.GetElapsedTime(started);
        await stop.CancelAsync();
        await run.WaitAsync(TestBroker.Timeout);

        // 1000 messages at 2000/s take about half a second; never much less (that would be unpaced).
        Assert.True(elapsed > TimeSpan.FromSeconds(0.35), $"1000 messages arrived after {elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(0, runner.Failures);
        Assert.Contains(broker.Received, m => m.Topic == "coc/atcs/simpang-kawat-2");
    }

    [Fact]
    public async Task RunAsync_CalledTwiceAtOnce_SecondThrows()
    {
        var runner = new SimulatorRunner(Options(TestBroker.FreePort()));
        using var stop = new CancellationTokenSource();

        var run = runner.RunAsync(stop.Token);
        await Assert.ThrowsAsync<InvalidOperationException>(() => runner.RunAsync(stop.Token));
        await stop.CancelAsync();
        await run.WaitAsync(TestBroker.Timeout);
    }

    [Fact]
    public async Task ProgramRunAsync_WithDuration_PublishesThenExits0()
    {
        await using var broker = await TestBroker.StartAsync();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await SimulatorProgram.RunAsync(
            ["--port", broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--interval-ms", "100", "--duration-seconds", "1"],
            output, error, CancellationToken.None).WaitAsync(TestBroker.Timeout);

        Assert.Equal(0, exitCode);
        Assert.NotEmpty(broker.Received);
        Assert.Contains("stopped; sent", output.ToString());
    }

    [Fact]
    public async Task ProgramRunAsync_NoBroker_Exits1()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await SimulatorProgram.RunAsync(
            ["--port", TestBroker.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture), "--duration-seconds", "1"],
            output, error, CancellationToken.None).WaitAsync(TestBroker.Timeout);

        Assert.Equal(1, exitCode);
        Assert.Contains("nothing was published", error.ToString());
    }

    private static SimulatorOptions Options(int port) => new()
    {
        Port = port,
        IntervalMs = 100,
        ClientId = $"sim-test-{Guid.NewGuid():N}",
    };
}
