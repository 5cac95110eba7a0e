using System.Security.Cryptography.X509Certificates;
using MQTTnet;

namespace Coc.Ingest.Mqtt;

/// <summary>
/// What the ingest client sends an external broker, built from <see cref="MqttOptions"/> at every connect:
/// client id, credentials, TLS and the topic filters (shared or plain). Files (password, certificates) are
/// read each time, so a rotated secret or a renewed certificate is used from the next reconnect on.
/// </summary>
public static class MqttIngestConnection
{
    public const string MachinePlaceholder = "{machine}";

    /// <summary>The client id with <c>{machine}</c> replaced by this machine's name (lower case).</summary>
    public static string ClientId(MqttOptions o) =>
        o.ClientId.Replace(MachinePlaceholder, Environment.MachineName.ToLowerInvariant(), StringComparison.Ordinal);

    /// <summary><c>Password</c>, or the content of <c>PasswordFile</c> without its trailing line break.</summary>
    /// <exception cref="InvalidDataException">The password file is missing or unreadable.</exception>
    public static string? Password(MqttOptions o)
    {
        if (string.IsNullOrEmpty(o.PasswordFile))
        {
            return o.Password;
        }
        try
        {
            // Secrets written with echo end in a newline that is not part of the password.
            return File.ReadAllText(o.PasswordFile).TrimEnd('\r', '\n');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            var why = ex is FileNotFoundException or DirectoryNotFoundException ? "does not exist" : $"cannot be read ({ex.GetType().Name})";
            throw new InvalidDataException($"Coc:Mqtt:PasswordFile '{o.PasswordFile}' {why}", ex);
        }
    }

    /// <summary>
    /// The filters to subscribe to: as given, or each as <c>$share/{group}/{filter}</c> so the broker hands every
    /// message to one member of the group (MQTT 5 shared subscriptions; Mosquitto 2 and EMQX also take them over 3.1.1).
    /// </summary>
    public static IReadOnlyList<string> Filters(MqttOptions o, IReadOnlyList<string> filters) =>
        string.IsNullOrEmpty(o.SharedSubscriptionGroup) ? filters : [.. filters.Select(f => $"$share/{o.SharedSubscriptionGroup}/{f}")];

    /// <param name="validateServerCertificate">Decides on the broker's certificate; called only with TLS on.</param>
    /// <exception cref="InvalidDataException">A password or certificate file cannot be read; the message names its key.</exception>
    public static MqttClientOptions Build(MqttOptions o, Func<MqttClientCertificateValidationEventArgs, bool> validateServerCertificate)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(o.Host, o.Port)
            .WithClientId(ClientId(o))
            .WithCleanSession()
            .WithTimeout(TimeSpan.FromSeconds(5));
        if (!string.IsNullOrEmpty(o.Username))
        {
            builder = builder.WithCredentials(o.Username, Password(o));
        }
        if (o.Tls.Enabled)
        {
            var tls = o.Tls;
            var trusted = tls.CaCertificatePath is { Length: > 0 } ca ? MqttTlsFiles.ReadCaCertificates(ca) : null;
            var client = tls.ClientCertificatePath is { Length: > 0 } cert
                ? MqttTlsFiles.ReadClientCertificate(cert, string.IsNullOrEmpty(tls.ClientKeyPath) ? null : tls.ClientKeyPath)
                : null;
            builder = builder.WithTlsOptions(t =>
            {
                t.UseTls()
                    // The host name is checked against the certificate (MQTTnet passes Host as the TLS target host).
                    .WithCertificateValidationHandler(validateServerCertificate)
                    // Private CAs rarely publish revocation lists, and a COC's closed network cannot fetch public ones.
                    .WithRevocationMode(X509RevocationMode.NoCheck);
                if (trusted is not null)
                {
                    // Custom root trust: these CAs and nothing else, not the machine's store.
                    t.WithTrustChain(trusted);
                }
                if (client is not null)
                {
                    t.WithClientCertificates([client]);
                }
            });
        }
        return builder.Build();
    }
}
