using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Coc.Simulator;

/// <summary>Runs the simulator inside the web app while <see cref="SimulatorOptions.Enabled"/>.</summary>
public sealed class SimulatorHostedService : BackgroundService
{
    private readonly ILogger<SimulatorHostedService> _logger;

    public SimulatorHostedService(IOptions<SimulatorOptions> options, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        Options = options.Value;
        _logger = loggerFactory.CreateLogger<SimulatorHostedService>();
        if (Options.Enabled)
        {
            Runner = new SimulatorRunner(Options, timeProvider, loggerFactory.CreateLogger<SimulatorRunner>());
        }
    }

    public SimulatorOptions Options { get; }

    /// <summary>The running simulator (counters, connection state); null when disabled.</summary>
    public SimulatorRunner? Runner { get; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Runner is null)
        {
            SimulatorLog.Disabled(_logger);
            return;
        }
        SimulatorLog.Starting(_logger, Runner.Broker, DescribeMode(Options), Options.Devices, Options.Seed);
        await Runner.RunAsync(stoppingToken).ConfigureAwait(false);
    }

    internal static string DescribeMode(SimulatorOptions options) =>
        options.MessagesPerSecond > 0 ? $"load mode, {options.MessagesPerSecond} messages/s" : $"a round every {options.IntervalMs} ms";
}
