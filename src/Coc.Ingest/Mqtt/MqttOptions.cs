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

    /// <summary>User name of the ingest client at an external broker.</summary>
    public string? Username { get; set; }

    /// <summary>Password of the ingest client; never logged. Prefer <see cref="PasswordFile"/>.</summary>
    public string? Password { get; set; }

    /// <summary>File holding the password (a Docker or Kubernetes secret), read at every connect; instead of <see cref="Password"/>.</summary>
    public string? PasswordFile { get; set; }

    /// <summary>
    /// Client id at the external broker; <c>{machine}</c> becomes the machine's name. Must differ between Coc servers
    /// on one broker: the broker drops the older of two connections with the same id.
    /// </summary>
    public string ClientId { get; set; } = DefaultClientId;

    public const string DefaultClientId = "coc-ingest";

    /// <summary>
    /// Shared-subscription group of the Coc servers that store one broker's messages: each message goes to one server
    /// of the group (<c>$share/{group}/{filter}</c>). Null: a plain subscription, every server gets every message.
    /// </summary>
    public string? SharedSubscriptionGroup { get; set; }

    /// <summary>TLS to the external broker.</summary>
    public MqttTlsOptions Tls { get; set; } = new();

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
        ValidateClient(o, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>The ingest client's side: credentials, client id, shared subscription, TLS.</summary>
    private static void ValidateClient(MqttOptions o, List<string> errors)
    {
        if (!string.IsNullOrEmpty(o.Password) && !string.IsNullOrEmpty(o.PasswordFile))
        {
            errors.Add("Coc:Mqtt:Password and Coc:Mqtt:PasswordFile are both set: keep one");
        }
        if ((!string.IsNullOrEmpty(o.Password) || !string.IsNullOrEmpty(o.PasswordFile)) && string.IsNullOrWhiteSpace(o.Username))
        {
            errors.Add("Coc:Mqtt:Password or PasswordFile is set but Coc:Mqtt:Username is not: MQTT sends a password only with a user name");
        }
        if (string.IsNullOrWhiteSpace(o.ClientId))
        {
            errors.Add("Coc:Mqtt:ClientId is required");
        }
        else if (UnknownPlaceholder(o.ClientId) is { } placeholder)
        {
            errors.Add($"Coc:Mqtt:ClientId '{o.ClientId}' has the unknown placeholder '{placeholder}' (only {MqttIngestConnection.MachinePlaceholder})");
        }
        // Empty counts as unset: a JSON null or an empty environment variable.
        var shared = !string.IsNullOrEmpty(o.SharedSubscriptionGroup);
        if (shared && o.SharedSubscriptionGroup is { } group && (string.IsNullOrWhiteSpace(group) || group.IndexOfAny(['/', '+', '#']) >= 0))
        {
            errors.Add($"Coc:Mqtt:SharedSubscriptionGroup '{group}' must be a non-empty name without '/', '+' or '#'");
        }
        if (o.EmbeddedBroker)
        {
            // Signs of a configuration meant for an external broker that would silently do nothing here.
            if (shared)
            {
                errors.Add("Coc:Mqtt:SharedSubscriptionGroup applies to an external broker: set Coc:Mqtt:EmbeddedBroker to false (each server's embedded broker only has its own devices)");
            }
            if (o.Tls.Enabled)
            {
                errors.Add("Coc:Mqtt:Tls applies to the client of an external broker: set Coc:Mqtt:EmbeddedBroker to false (the embedded broker has no TLS listener)");
            }
            return;
        }
        if (shared && o.ClientId == MqttOptions.DefaultClientId)
        {
            errors.Add($"Coc:Mqtt:ClientId must differ on each server of Coc:Mqtt:SharedSubscriptionGroup '{o.SharedSubscriptionGroup}', "
                + $"but is the default '{MqttOptions.DefaultClientId}': use '{MqttOptions.DefaultClientId}-{MqttIngestConnection.MachinePlaceholder}' or set it per server");
        }
        if (!string.IsNullOrEmpty(o.PasswordFile) && string.IsNullOrEmpty(o.Password))
        {
            try
            {
                if (string.IsNullOrEmpty(MqttIngestConnection.Password(o)))
                {
                    errors.Add($"Coc:Mqtt:PasswordFile '{o.PasswordFile}' is empty");
                }
            }
            catch (InvalidDataException ex)
            {
                errors.Add(ex.Message);
            }
        }
        ValidateTls(o.Tls, errors);
    }

    private static void ValidateTls(MqttTlsOptions tls, List<string> errors)
    {
        const string Key = "Coc:Mqtt:Tls";
        if (!tls.Enabled)
        {
            // A CA path without Enabled would mean plain text where TLS was meant.
            foreach (var (name, set) in new[]
            {
                (nameof(tls.CaCertificatePath), !string.IsNullOrEmpty(tls.CaCertificatePath)),
                (nameof(tls.ClientCertificatePath), !string.IsNullOrEmpty(tls.ClientCertificatePath)),
                (nameof(tls.ClientKeyPath), !string.IsNullOrEmpty(tls.ClientKeyPath)),
                (nameof(tls.AllowUntrustedCertificates), tls.AllowUntrustedCertificates),
            })
            {
                if (set)
                {
                    errors.Add($"{Key}:{name} is set but {Key}:Enabled is false: the connection would be plain text");
                }
            }
            return;
        }
        if (tls.AllowUntrustedCertificates && !string.IsNullOrEmpty(tls.CaCertificatePath))
        {
            errors.Add($"{Key}:AllowUntrustedCertificates and {Key}:CaCertificatePath contradict each other: with the broker's CA set, turn AllowUntrustedCertificates off");
        }
        if (!string.IsNullOrEmpty(tls.CaCertificatePath))
        {
            try
            {
                foreach (var certificate in MqttTlsFiles.ReadCaCertificates(tls.CaCertificatePath))
                {
                    certificate.Dispose();
                }
            }
            catch (InvalidDataException ex)
            {
                errors.Add(ex.Message);
            }
        }
        if (!string.IsNullOrEmpty(tls.ClientKeyPath) && string.IsNullOrEmpty(tls.ClientCertificatePath))
        {
            errors.Add($"{Key}:ClientKeyPath is set but {Key}:ClientCertificatePath is not");
        }
        else if (!string.IsNullOrEmpty(tls.ClientCertificatePath))
        {
            try
            {
                using var _ = MqttTlsFiles.ReadClientCertificate(tls.ClientCertificatePath, string.IsNullOrEmpty(tls.ClientKeyPath) ? null : tls.ClientKeyPath);
            }
            catch (InvalidDataException ex)
            {
                errors.Add(ex.Message);
            }
        }
    }

    /// <summary>The first <c>{...}</c> in a client id that is not a known placeholder.</summary>
    private static string? UnknownPlaceholder(string clientId)
    {
        var match = System.Text.RegularExpressions.Regex.Match(clientId.Replace(MqttIngestConnection.MachinePlaceholder, "", StringComparison.Ordinal), @"\{[^}]*\}");
        return match.Success ? match.Value : null;
    }
}
