using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Coc.Simulator;

/// <summary>What the command line asked for.</summary>
/// <param name="Http">Set when <c>--url</c> chose HTTP output; the MQTT settings of <paramref name="Options"/> are then unused.</param>
public sealed record SimulatorCommand(SimulatorOptions Options, TimeSpan? Duration, bool ShowHelp, SimulatorHttpOptions? Http = null);

/// <summary>
/// Parses the simulator's command line by hand (no extra packages): <c>--name value</c> or
/// <c>--name=value</c>. Every error names the argument at fault.
/// </summary>
public static class SimulatorCommandLine
{
    public const string Usage = """
        Coc simulator: plays realistic Kota Jambi feeds (ATCS, river level, rainfall, PM2.5,
        E-TLE, SiKesal and Call Center 112 complaints) into an MQTT broker or a Coc URL.

        Usage: dotnet run --project src/Coc.Simulator -- [options]

        MQTT output (the default):
          --host <name>                 MQTT broker host name or IP (default 127.0.0.1)
          --port <n>                    MQTT broker port (default 1883)
          --username <u>                user name, if the broker wants one
          --password <p>                password (needs --username)
          --client-id <id>              MQTT client id (default coc-simulator-<machine>-<pid>)

        HTTP output, instead of MQTT (Coc's JSON webhooks POST <url>/api/ingest/{feed}):
          --url <http(s)://host:port>   Coc's base URL, e.g. http://127.0.0.1:5080
          --api-key <key>               Coc ingest key for the feeds, sent as X-Api-Key

        Both:
          --interval-ms <n>             milliseconds between rounds, 100..60000 (default 1000)
          --devices <n>                 copies of each intersection and sensor, 1..1000 (default 1)
          --seed <n>                    same seed, same simulated city (default 2026)
          --messages-per-second <n>     load mode: send at this steady rate instead of rounds
          --duration-seconds <n>        stop after n seconds (default: run until Ctrl+C)
          -h, --help                    show this help

        Exit codes: 0 done, 1 nothing could be sent or Coc refused the key, 2 bad arguments.
        """;

    // The command-line flag of each option, so validation messages name what the user typed.
    private static readonly Dictionary<string, string> FlagOfOption = new(StringComparer.Ordinal)
    {
        [nameof(SimulatorOptions.Host)] = "--host",
        [nameof(SimulatorOptions.Port)] = "--port",
        [nameof(SimulatorOptions.Username)] = "--username",
        [nameof(SimulatorOptions.Password)] = "--password",
        [nameof(SimulatorOptions.ClientId)] = "--client-id",
        [nameof(SimulatorOptions.IntervalMs)] = "--interval-ms",
        [nameof(SimulatorOptions.Devices)] = "--devices",
        [nameof(SimulatorOptions.Seed)] = "--seed",
        [nameof(SimulatorOptions.MessagesPerSecond)] = "--messages-per-second",
    };

    /// <summary>Flags that only make sense for MQTT output, so cannot go with <c>--url</c>.</summary>
    private static readonly string[] MqttOnlyFlags = ["--host", "--port", "--username", "--password", "--client-id"];

    /// <summary>Flags that set no <see cref="SimulatorOptions"/> property.</summary>
    private static readonly string[] OtherFlags = ["--duration-seconds", "--url", "--api-key"];

    public static bool TryParse(IReadOnlyList<string> args, [NotNullWhen(true)] out SimulatorCommand? command, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(args);
        command = null;
        var options = new SimulatorOptions();
        TimeSpan? duration = null;
        string? url = null;
        string? apiKey = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);

        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help" or "-?")
            {
                command = new SimulatorCommand(options, null, ShowHelp: true);
                error = null;
                return true;
            }
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                error = $"unexpected argument '{arg}' (options start with --)";
                return false;
            }

            var name = arg;
            string? value = null;
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                name = arg[..equals];
                value = arg[(equals + 1)..];
            }
            if (!FlagOfOption.ContainsValue(name) && !OtherFlags.Contains(name))
            {
                error = $"unknown argument '{name}'";
                return false;
            }
            if (!seen.Add(name))
            {
                error = $"{name} is given more than once";
                return false;
            }
            if (value is null)
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    error = $"{name} needs a value";
                    return false;
                }
                value = args[++i];
            }

            switch (name)
            {
                case "--host":
                    options.Host = value;
                    break;
                case "--username":
                    options.Username = value;
                    break;
                case "--password":
                    options.Password = value;
                    break;
                case "--client-id":
                    options.ClientId = value;
                    break;
                case "--url":
                    url = value;
                    break;
                case "--api-key":
                    apiKey = value;
                    break;
                case "--duration-seconds":
                    if (!TryInt(name, value, out var seconds, out error))
                    {
                        return false;
                    }
                    if (seconds < 1)
                    {
                        error = $"--duration-seconds must be at least 1 (was {seconds})";
                        return false;
                    }
                    duration = TimeSpan.FromSeconds(seconds);
                    break;
                default:
                    if (!TryInt(name, value, out var number, out error))
                    {
                        return false;
                    }
                    SetNumber(options, name, number);
                    break;
            }
        }

        if (!TryHttp(url, apiKey, seen, out var http, out error))
        {
            return false;
        }
        var problems = SimulatorOptionsValidator.Check(options);
        if (problems.Count > 0)
        {
            error = string.Join("; ", problems.Select(p => $"{FlagOfOption.GetValueOrDefault(p.Option, p.Option)} {p.Problem}"));
            return false;
        }
        command = new SimulatorCommand(options, duration, ShowHelp: false, http);
        error = null;
        return true;
    }

    /// <summary>The HTTP output <c>--url</c> and <c>--api-key</c> ask for; null (and no error) for MQTT.</summary>
    private static bool TryHttp(string? url, string? apiKey, HashSet<string> seen, out SimulatorHttpOptions? http, [NotNullWhen(false)] out string? error)
    {
        http = null;
        error = null;
        if (url is null)
        {
            if (apiKey is not null)
            {
                error = "--api-key needs --url (an MQTT broker takes --username and --password instead)";
            }
            return error is null;
        }
        if (MqttOnlyFlags.FirstOrDefault(seen.Contains) is { } mqttFlag)
        {
            error = $"--url and {mqttFlag} cannot be used together: --url sends to Coc over HTTP, {mqttFlag} is for an MQTT broker";
            return false;
        }
        if (SimulatorHttpOptions.CheckUrl(url, out var uri) is { } problem)
        {
            error = $"--url {problem}";
            return false;
        }
        if (apiKey is not null && string.IsNullOrWhiteSpace(apiKey))
        {
            error = "--api-key must not be blank; leave it out to send without a key";
            return false;
        }
        http = new SimulatorHttpOptions(uri!, apiKey);
        return true;
    }

    private static bool TryInt(string name, string value, out int number, [NotNullWhen(false)] out string? error)
    {
        if (int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number))
        {
            error = null;
            return true;
        }
        error = $"{name} needs a whole number, got '{value}'";
        return false;
    }

    private static void SetNumber(SimulatorOptions options, string name, int number)
    {
        switch (name)
        {
            case "--port":
                options.Port = number;
                break;
            case "--interval-ms":
                options.IntervalMs = number;
                break;
            case "--devices":
                options.Devices = number;
                break;
            case "--seed":
                options.Seed = number;
                break;
            case "--messages-per-second":
                options.MessagesPerSecond = number;
                break;
            default:
                throw new InvalidOperationException($"{name} is not a numeric option");
        }
    }
}
