using Microsoft.Extensions.Options;

namespace Coc.Simulator;

/// <summary>One thing wrong with the options: the option's name and what is wrong with its value.</summary>
public readonly record struct OptionProblem(string Option, string Problem);

/// <summary>
/// Checks <see cref="SimulatorOptions"/>. The rules live in <see cref="Check"/> so the web app
/// (messages name <c>Coc:Simulator:Option</c>) and the command line (messages name <c>--option</c>)
/// share them.
/// </summary>
public sealed class SimulatorOptionsValidator : IValidateOptions<SimulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, SimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = Check(options);
        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(problems.Select(p => $"{SimulatorOptions.SectionName}:{p.Option} {p.Problem}."));
    }

    /// <summary>For the runners' constructors: bad options fail at once, naming every problem.</summary>
    public static void ThrowIfInvalid(SimulatorOptions options)
    {
        var problems = Check(options);
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid simulator options: " + string.Join("; ", problems.Select(p => $"{p.Option} {p.Problem}")), nameof(options));
        }
    }

    public static IReadOnlyList<OptionProblem> Check(SimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<OptionProblem>();
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            problems.Add(new(nameof(options.Host), "must name the MQTT broker (a host name or IP address)"));
        }
        else if (Uri.CheckHostName(options.Host) == UriHostNameType.Unknown)
        {
            problems.Add(new(nameof(options.Host), $"'{options.Host}' is not a host name or IP address"));
        }
        if (options.Port is < 1 or > 65535)
        {
            problems.Add(new(nameof(options.Port), $"must be between 1 and 65535 (was {options.Port})"));
        }
        if (options.Username is not null && string.IsNullOrWhiteSpace(options.Username))
        {
            problems.Add(new(nameof(options.Username), "must not be blank; leave it out to connect anonymously"));
        }
        if (!string.IsNullOrEmpty(options.Password) && string.IsNullOrWhiteSpace(options.Username))
        {
            problems.Add(new(nameof(options.Password), "is set but Username is not; MQTT sends a password only with a user name"));
        }
        if (options.ClientId is { Length: > 0 } clientId && (string.IsNullOrWhiteSpace(clientId) || clientId.Length > SimulatorOptions.MaxClientIdLength))
        {
            problems.Add(new(nameof(options.ClientId), $"must be 1 to {SimulatorOptions.MaxClientIdLength} characters and not blank"));
        }
        if (options.IntervalMs is < SimulatorOptions.MinIntervalMs or > SimulatorOptions.MaxIntervalMs)
        {
            problems.Add(new(nameof(options.IntervalMs),
                $"must be between {SimulatorOptions.MinIntervalMs} and {SimulatorOptions.MaxIntervalMs} milliseconds (was {options.IntervalMs})"));
        }
        if (options.Devices is < 1 or > SimulatorOptions.MaxDevices)
        {
            problems.Add(new(nameof(options.Devices), $"must be between 1 and {SimulatorOptions.MaxDevices} (was {options.Devices})"));
        }
        if (options.MessagesPerSecond is < 0 or > SimulatorOptions.MaxMessagesPerSecond)
        {
            problems.Add(new(nameof(options.MessagesPerSecond),
                $"must be between 0 (off) and {SimulatorOptions.MaxMessagesPerSecond} (was {options.MessagesPerSecond})"));
        }
        return problems;
    }
}
