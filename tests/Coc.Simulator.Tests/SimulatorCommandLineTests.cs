namespace Coc.Simulator.Tests;

public class SimulatorCommandLineTests
{
    [Fact]
    public void TryParse_NoArguments_Defaults()
    {
        Assert.True(SimulatorCommandLine.TryParse([], out var command, out var error), error);

        Assert.False(command.ShowHelp);
        Assert.Null(command.Duration);
        Assert.Equal("127.0.0.1", command.Options.Host);
        Assert.Equal(1883, command.Options.Port);
        Assert.Equal(1000, command.Options.IntervalMs);
        Assert.Equal(1, command.Options.Devices);
        Assert.Equal(2026, command.Options.Seed);
    }

    [Fact]
    public void TryParse_EveryOption_Applied()
    {
        string[] args =
        [
            "--host", "broker.local", "--port=1884", "--username", "coc", "--password", "s3cret", "--client-id", "sim-1",
            "--interval-ms", "250", "--devices", "4", "--seed", "-7", "--duration-seconds", "30", "--messages-per-second", "5000",
        ];

        Assert.True(SimulatorCommandLine.TryParse(args, out var command, out var error), error);

        var o = command.Options;
        Assert.Equal(("broker.local", 1884, "coc", "s3cret", "sim-1"), (o.Host, o.Port, o.Username, o.Password, o.ClientId));
        Assert.Equal((250, 4, -7, 5000), (o.IntervalMs, o.Devices, o.Seed, o.MessagesPerSecond));
        Assert.Equal(TimeSpan.FromSeconds(30), command.Duration);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void TryParse_Help_ShowsHelp(string flag)
    {
        Assert.True(SimulatorCommandLine.TryParse(["--port", "1", flag], out var command, out _));

        Assert.True(command.ShowHelp);
    }

    [Theory]
    [InlineData("--port", "--port", "abc")]
    [InlineData("--port", "--port", "0")]
    [InlineData("--port", "--port", "99999")]
    [InlineData("--interval-ms", "--interval-ms=50")]
    [InlineData("--devices", "--devices", "1001")]
    [InlineData("--seed", "--seed", "1.5")]
    [InlineData("--duration-seconds", "--duration-seconds", "0")]
    [InlineData("--host", "--host")]
    [InlineData("--host", "--host", "--port", "1883")]
    [InlineData("--bogus", "--bogus", "1")]
    [InlineData("stray", "stray")]
    [InlineData("--password", "--password", "x")]
    [InlineData("--port", "--port", "1", "--port", "2")]
    public void TryParse_BadArgument_ErrorNamesIt(string named, params string[] args)
    {
        Assert.False(SimulatorCommandLine.TryParse(args, out _, out var error));

        Assert.Contains(named, error);
    }

    [Fact]
    public async Task RunAsync_BadArgument_ExitCode2WithMessageAndUsage()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await SimulatorProgram.RunAsync(["--devices", "none"], output, error, CancellationToken.None);

        Assert.Equal(2, exitCode);
        Assert.Contains("--devices", error.ToString());
        Assert.Contains("Usage:", error.ToString());
    }

    [Fact]
    public async Task RunAsync_Help_ExitCode0WithUsage()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await SimulatorProgram.RunAsync(["--help"], output, error, CancellationToken.None);

        Assert.Equal(0, exitCode);
        Assert.Contains("--duration-seconds", output.ToString());
        Assert.Equal("", error.ToString());
    }
}
