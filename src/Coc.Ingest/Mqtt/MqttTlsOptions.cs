namespace Coc.Ingest.Mqtt;

/// <summary>Section <c>Coc:Mqtt:Tls</c>: TLS from the ingest client to an external broker.</summary>
public sealed class MqttTlsOptions
{
    /// <summary>Connect over TLS (the broker's TLS listener, usually port 8883).</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// PEM file of the CA (or CAs) that signed the broker's certificate. Set: only these CAs are trusted,
    /// not the machine's store. Unset: the machine's trusted CAs (a broker with a public certificate).
    /// </summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>PEM certificate Coc shows the broker (mutual TLS, Mosquitto's <c>require_certificate true</c>).</summary>
    public string? ClientCertificatePath { get; set; }

    /// <summary>PEM private key (unencrypted PKCS#8 or PKCS#1) of the client certificate; unset when it is in the certificate's file.</summary>
    public string? ClientKeyPath { get; set; }

    /// <summary>Accept any server certificate, from anyone. Only for a first try on a test broker: logged as a warning and shown on /health.</summary>
    public bool AllowUntrustedCertificates { get; set; }
}
