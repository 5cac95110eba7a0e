namespace Coc.Simulator;

/// <summary>
/// What the command line needs of a running simulator, whichever way it sends:
/// <see cref="SimulatorRunner"/> (MQTT) or <see cref="SimulatorHttpRunner"/> (a Coc URL).
/// </summary>
public interface ISimulatorOutput
{
    /// <summary>Where it sends, for the start line and errors ("MQTT broker 127.0.0.1:1883", "Coc http://…").</summary>
    string Target { get; }

    /// <summary>Messages (MQTT) or items (HTTP) the other side took.</summary>
    long Published { get; }

    bool IsConnected { get; }

    /// <summary>The counters after "sent N" on a status line, e.g. "failed 0" or "rejected 0, failed 0".</summary>
    string ProblemCounts { get; }

    /// <summary>Why the run stopped by itself (e.g. the key was refused); null while running or when stopped by the caller.</summary>
    string? Fatal { get; }

    /// <summary>The closing summary after "stopped; ".</summary>
    string Summary { get; }

    /// <summary>Hint when nothing was sent at all.</summary>
    string NothingSentHint { get; }

    Task RunAsync(CancellationToken cancellationToken);
}
