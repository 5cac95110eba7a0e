namespace Coc.Simulator.Tests;

/// <summary>The HTTP output with nothing listening; against the real Coc it is tested in Coc.Web.Tests (SimulatorHttpOutputTests).</summary>
public class SimulatorHttpRunnerTests
{
    private const int UnreachableEvent = 10;

    private static SimulatorHttpOptions NowhereUrl() =>
        new(new Uri($"http://127.0.0.1:{TestBroker.FreePort()}"), "kunci");

    [Fact]
    public async Task RunAsync_NothingListening_BacksOffNotConnectedAndStopsOnCancel()
    {
        var log = new SignalLogger<SimulatorHttpRunner>();
        var runner = new SimulatorHttpRunner(new SimulatorOptions { IntervalMs = 100 }, NowhereUrl(), TimeProvider.System, log);
        using var stop = new CancellationTokenSource();

        var run = runner.RunAsync(stop.Token);
        await log.WaitForEventAsync(UnreachableEvent);

        Assert.False(runner.IsConnected);
        Assert.True(runner.ConnectFailures >= 1);
        Assert.Equal(0, runner.Published);
        Assert.Null(runner.Fatal);
        Assert.False(run.IsCompleted, "an unreachable Coc is retried, not given up");
        await stop.CancelAsync();
        await run.WaitAsync(TestBroker.Timeout);
        Assert.Contains("nothing was accepted", runner.NothingSentHint);
    }

    [Fact]
    public void Constructor_NonHttpUrl_Throws()
    {
        var options = new SimulatorHttpOptions(new Uri("mqtt://127.0.0.1:1883"), null);

        var ex = Assert.Throws<ArgumentException>(() => new SimulatorHttpRunner(new SimulatorOptions(), options));

        Assert.Contains("http://", ex.Message);
    }

    [Fact]
    public async Task ProgramRunAsync_UrlWithoutKeyAndNothingListening_WarnsAndExits1()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var url = NowhereUrl().Url.ToString();

        var exitCode = await SimulatorProgram.RunAsync(["--url", url, "--duration-seconds", "1"], output, error, CancellationToken.None)
            .WaitAsync(TestBroker.Timeout);

        Assert.Equal(1, exitCode);
        Assert.Contains("no --api-key", error.ToString());
        Assert.Contains($"nothing was accepted; is Coc listening at {url}", error.ToString());
        Assert.Contains($"sending to Coc {url}", output.ToString());
    }
}
