using Microsoft.Extensions.Options;

namespace Coc.Ingest.Mqtt;

/// <summary>Section <c>Coc:Mqtt</c>: the embedded broker and the broker Coc's ingest client subscribes to.</summary>
public sealed class MqttOptions
{
    public const string Section = "Coc:Mqtt";

    /// <summary>Run the in-process broker. Off when devices publish to an external Mosquitto/EMQX.</summary>
    public bool EmbeddedBroker { get; set; } = true;

    /// <summary>Address the embedded broker listens on. Loopback by default: exposing it is a deliberate choice.</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>Broker host the ingest client connects to (the embedded one by default).</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Broker port: the embedded broker listens on it and the ingest client connects to it.</summary>
    public int Port { get; set; } = 1883;

    public string? Username { get; set; }

    public string? Password { get; set; }

    public string ClientId { get; set; } = "coc-ingest";

    /// <summary>Topic filter the ingest client subscribes to.</summary>
    public string Topic { get; set; } = "coc/#";

    /// <summary>Longest wait between reconnect attempts; attempts back off from 0.5 s up to this.</summary>
    public int MaxReconnectDelayMs { get; set; } = 10_000;

    /// <summary>Let devices connect to the embedded broker without a username. Off: every device has an account.</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>Accounts of the embedded broker; passwords only as hashes (<c>dotnet run --project src/Coc.Web -- hash-password</c>).</summary>
    public List<MqttUser> Users { get; set; } = [];

    /// <summary>Largest message payload Coc parses (bytes); a larger one is refused as <c>payload-too-large</c>.</summary>
    public int MaxPayloadBytes { get; set; } = 256 * 1024;

    /// <summary>Sensors with their own topics and JSON shapes; checked before the built-in <c>coc/...</c> contract.</summary>
    public List<MqttTopicMapping> Mappings { get; set; } = [];
}

public sealed class MqttUser
{
    public string Username { get; set; } = "";

    /// <summary><c>pbkdf2-sha256$iterations$salt$hash</c>, never the password itself.</summary>
    public string PasswordHash { get; set; } = "";
}

public sealed class MqttOptionsValidator : IValidateOptions<MqttOptions>
{
    public ValidateOptionsResult Validate(string? name, MqttOptions o)
    {
        var errors = new List<string>();
        if (o.Port is < 1 or > 65535)
        {
            errors.Add($"Coc:Mqtt:Port must be 1-65535, got {o.Port}");
        }
        if (string.IsNullOrWhiteSpace(o.Host))
        {
            errors.Add("Coc:Mqtt:Host is required");
        }
        if (o.EmbeddedBroker && !System.Net.IPAddress.TryParse(o.BindAddress, out _))
        {
            errors.Add($"Coc:Mqtt:BindAddress '{o.BindAddress}' is not an IP address");
        }
        if (string.IsNullOrWhiteSpace(o.Topic))
        {
            errors.Add("Coc:Mqtt:Topic is required");
        }
        for (var i = 0; i < o.Users.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(o.Users[i].Username))
            {
                errors.Add($"Coc:Mqtt:Users:{i}:Username is required");
            }
            if (!Coc.Core.Security.SecretHash.IsWellFormed(o.Users[i].PasswordHash))
            {
                errors.Add($"Coc:Mqtt:Users:{i}:PasswordHash is not a pbkdf2-sha256 hash (make one with: dotnet run --project src/Coc.Web -- hash-password)");
            }
        }
        if (o.Users.GroupBy(u => u.Username, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            errors.Add($"Coc:Mqtt:Users: username '{duplicate.Key}' appears twice");
        }
        if (o.MaxReconnectDelayMs is < 500 or > 300_000)
        {
            errors.Add("Coc:Mqtt:MaxReconnectDelayMs must be 500-300000");
        }
        if (o.MaxPayloadBytes is < 64 or > 64 * 1024 * 1024)
        {
            errors.Add($"Coc:Mqtt:MaxPayloadBytes must be 64-67108864, got {o.MaxPayloadBytes}");
        }
        MqttTopicMappings.Compile(o.Mappings, out var mappingErrors);
        errors.AddRange(mappingErrors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
