using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Coc.Simulator;

/// <summary>
/// The command-line tool. A named class rather than top-level statements: Coc.Web references this
/// project and has its own top-level Program.
/// </summary>
public static class SimulatorProgram
{
    public static readonly TimeSpan StatusInterval = TimeSpan.FromSeconds(10);

    public static async Task<int> Main(string[] args)
    {
        using var stop = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            // Ctrl+C stops cleanly (disconnect, summary) instead of killing the process.
            e.Cancel = true;
            stop.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return await RunAsync(args, Console.Out, Console.Error, stop.Token).ConfigureAwait(false);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>The tool's body, with its output streams and stop signal passed in so tests can drive it.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!SimulatorCommandLine.TryParse(args, out var command, out var problem))
        {
            await error.WriteLineAsync($"coc-simulator: {problem}").ConfigureAwait(false);
            await error.WriteLineAsync().ConfigureAwait(false);
            await error.WriteLineAsync(SimulatorCommandLine.Usage).ConfigureAwait(false);
            return 2;
        }
        if (command.ShowHelp)
        {
            await output.WriteLineAsync(SimulatorCommandLine.Usage).ConfigureAwait(false);
            return 0;
        }

        using var loggerFactory = LoggerFactory.Create(logging => logging
            .SetMinimumLevel(LogLevel.Information)
            .AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "HH:mm:ss ";
            }));
        var options = command.Options;
        ISimulatorOutput runner = command.Http is { } http
            ? new SimulatorHttpRunner(options, http, TimeProvider.System, loggerFactory.CreateLogger<SimulatorHttpRunner>())
            : new SimulatorRunner(options, TimeProvider.System, loggerFactory.CreateLogger<SimulatorRunner>());
        if (command.Http is { ApiKey: null })
        {
            // Coc takes HTTP ingest only with a key unless its operator turned Coc:IngestKeys:RequireKey off.
            await error.WriteLineAsync("coc-simulator: warning: no --api-key given; Coc will answer 401 unless it accepts HTTP ingest without a key").ConfigureAwait(false);
        }
        var perRound = new JambiFeedModel(TimeProvider.System, options.Seed, options.Devices).MessagesPerTick;
        await output.WriteLineAsync(
            $"coc-simulator: sending to {runner.Target}, {SimulatorHostedService.DescribeMode(options)}, " +
            $"{perRound} messages per round ({options.Devices}x devices), seed {options.Seed}" +
            (command.Duration is { } d ? $", for {d.TotalSeconds:0} s" : ", until Ctrl+C")).ConfigureAwait(false);

        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (command.Duration is { } duration)
        {
            run.CancelAfter(duration);
        }
        var running = runner.RunAsync(run.Token);
        await ReportStatusAsync(runner, running, output, run.Token).ConfigureAwait(false);
        await running.ConfigureAwait(false);

        await output.WriteLineAsync($"coc-simulator: stopped; {runner.Summary}").ConfigureAwait(false);
        if (runner.Fatal is { } fatal)
        {
            await error.WriteLineAsync($"coc-simulator: {fatal}").ConfigureAwait(false);
            return 1;
        }
        if (runner.Published == 0)
        {
            await error.WriteLineAsync($"coc-simulator: {runner.NothingSentHint}").ConfigureAwait(false);
            return 1;
        }
        return 0;
    }

    private static async Task ReportStatusAsync(ISimulatorOutput runner, Task running, TextWriter output, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(StatusInterval);
        var lastCount = 0L;
        var lastAt = TimeProvider.System.GetTimestamp();
        try
        {
            while (!running.IsCompleted && await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var count = runner.Published;
                var rate = (count - lastCount) / TimeProvider.System.GetElapsedTime(lastAt).TotalSeconds;
                lastCount = count;
                lastAt = TimeProvider.System.GetTimestamp();
                var state = runner.IsConnected ? "connected" : "not connected";
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{DateTime.Now:HH:mm:ss} sent {count} ({rate:0.0}/s), {runner.ProblemCounts}, {state}")).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping ends the status lines.
        }
    }
}
