using Microsoft.Extensions.Logging;

namespace Coc.Simulator;

internal static partial class SimulatorLog
{
    [LoggerMessage(1, LogLevel.Information, "Simulator connected to MQTT broker {Broker} as {ClientId}")]
    public static partial void Connected(ILogger logger, string broker, string clientId);

    [LoggerMessage(2, LogLevel.Warning, "Simulator cannot reach MQTT broker {Broker}, retrying with back-off: {Reason}")]
    public static partial void ConnectFailed(ILogger logger, string broker, string reason);

    [LoggerMessage(3, LogLevel.Debug, "Simulator still cannot reach MQTT broker {Broker} (attempt {Attempt}): {Reason}")]
    public static partial void ConnectRetryFailed(ILogger logger, string broker, int attempt, string reason);

    [LoggerMessage(4, LogLevel.Warning, "Simulator lost the connection to MQTT broker {Broker}; reconnecting")]
    public static partial void ConnectionLost(ILogger logger, string broker);

    [LoggerMessage(5, LogLevel.Debug, "Simulator failed to publish to {Topic}")]
    public static partial void PublishFailed(ILogger logger, string topic, Exception exception);

    [LoggerMessage(6, LogLevel.Information, "Simulator publishing Jambi feeds to MQTT broker {Broker}: {Mode}, {Devices}x devices, seed {Seed}")]
    public static partial void Starting(ILogger logger, string broker, string mode, int devices, int seed);

    [LoggerMessage(7, LogLevel.Information, "Simulator disabled (Coc:Simulator:Enabled = false)")]
    public static partial void Disabled(ILogger logger);

    [LoggerMessage(8, LogLevel.Information, "Simulator stopped after {Published} messages ({Failures} failed)")]
    public static partial void Stopped(ILogger logger, long published, long failures);

    [LoggerMessage(9, LogLevel.Information, "Simulator reached Coc at {Url}")]
    public static partial void HttpReached(ILogger logger, Uri url);

    [LoggerMessage(10, LogLevel.Warning, "Simulator cannot reach Coc at {Url}, resending with back-off: {Reason}")]
    public static partial void HttpUnreachable(ILogger logger, Uri url, string reason);

    [LoggerMessage(11, LogLevel.Debug, "Simulator still cannot reach Coc at {Url}: {Reason}")]
    public static partial void HttpStillUnreachable(ILogger logger, Uri url, string reason);

    [LoggerMessage(12, LogLevel.Error, "Simulator stopped: Coc at {Url} refused the key. {Problem}")]
    public static partial void HttpKeyRefused(ILogger logger, Uri url, string problem);

    [LoggerMessage(13, LogLevel.Debug, "Coc answered {Status} for feed {Feed}; resending in {Seconds} s")]
    public static partial void HttpRetryLater(ILogger logger, string feed, int status, double seconds);

    [LoggerMessage(14, LogLevel.Warning, "Coc refused {Refused} of {Items} items of feed {Feed} (first refusal this minute): {Detail}")]
    public static partial void HttpRefused(ILogger logger, string feed, int refused, int items, string detail);

    [LoggerMessage(15, LogLevel.Information, "Simulator stopped after {Published} items kept by Coc ({Rejected} refused, {Failures} failed)")]
    public static partial void HttpStopped(ILogger logger, long published, long rejected, long failures);
}
