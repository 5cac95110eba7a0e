namespace Coc.Simulator;

/// <summary>Settings of the built-in simulator, config section <c>Coc:Simulator</c>.</summary>
public sealed class SimulatorOptions
{
    public const string SectionName = "Coc:Simulator";

    public const int MinIntervalMs = 100;
    public const int MaxIntervalMs = 60_000;
    public const int MaxDevices = 1000;
    public const int MaxMessagesPerSecond = 200_000;
    public const int MaxClientIdLength = 128;

    /// <summary>Runs the simulator inside the web app. Turn off when real feeds are connected.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>MQTT broker host name or IP address.</summary>
    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 1883;

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>MQTT client id; empty means <c>coc-simulator-{machine}-{process id}</c>.</summary>
    public string? ClientId { get; set; }

    /// <summary>Time between two rounds of messages from every simulated device.</summary>
    public int IntervalMs { get; set; } = 1000;

    /// <summary>Copies of each ATCS intersection and sensor, for load (ids suffixed -2, -3…).</summary>
    public int Devices { get; set; } = 1;

    /// <summary>Same seed, same simulated city.</summary>
    public int Seed { get; set; } = 2026;

    /// <summary>
    /// Load mode when above 0: publish the simulated devices' messages back to back at this rate
    /// instead of one round every <see cref="IntervalMs"/>.
    /// </summary>
    public int MessagesPerSecond { get; set; }

    public SimulatorOptions Clone() => (SimulatorOptions)MemberwiseClone();

    internal string EffectiveClientId =>
        string.IsNullOrEmpty(ClientId) ? $"coc-simulator-{Environment.MachineName.ToLowerInvariant()}-{Environment.ProcessId}" : ClientId;
}
