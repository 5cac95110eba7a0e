using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Coc.Ingest.Mqtt;

/// <summary>
/// Reads the PEM files of <see cref="MqttTlsOptions"/>; errors name the option key and the file. The validator and every connect attempt use the same code,
/// so a file that passes at start-up is read the same way later, and a renewed certificate is picked up on reconnect.
/// </summary>
public static class MqttTlsFiles
{
    /// <summary>The CA certificates in <paramref name="path"/> (one or a bundle).</summary>
    /// <exception cref="InvalidDataException">The file is missing, unreadable or holds no PEM certificate; the message says which.</exception>
    public static X509Certificate2Collection ReadCaCertificates(string path)
    {
        const string Key = "Coc:Mqtt:Tls:CaCertificatePath";
        var pem = ReadText(Key, path);
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPem(pem);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            throw new InvalidDataException($"{Key} '{path}' is not a readable PEM certificate file: {ex.Message}", ex);
        }
        if (certificates.Count == 0)
        {
            throw new InvalidDataException($"{Key} '{path}' holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return certificates;
    }

    /// <summary>The client certificate with its private key; <paramref name="keyPath"/> null when the key is in the certificate's file.</summary>
    /// <exception cref="InvalidDataException">A file is missing or unreadable, or the key is absent, encrypted or not the certificate's.</exception>
    public static X509Certificate2 ReadClientCertificate(string certificatePath, string? keyPath)
    {
        const string CertificateKey = "Coc:Mqtt:Tls:ClientCertificatePath", KeyKey = "Coc:Mqtt:Tls:ClientKeyPath";
        var certificatePem = ReadText(CertificateKey, certificatePath);
        var keyPem = keyPath is null ? certificatePem : ReadText(KeyKey, keyPath);
        X509Certificate2 pemCertificate;
        try
        {
            pemCertificate = X509Certificate2.CreateFromPem(certificatePem, keyPem);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            var key = keyPath is null
                ? $"{CertificateKey} '{certificatePath}' holds no certificate with its unencrypted private key (or set {KeyKey})"
                : $"{KeyKey} '{keyPath}' is not the unencrypted private key of {CertificateKey} '{certificatePath}' (or that is no PEM certificate)";
            throw new InvalidDataException($"{key}: {ex.Message}", ex);
        }
        using (pemCertificate)
        {
            // A key made from PEM is ephemeral; SslStream on Windows cannot use one for client auth. A PKCS#12
            // round trip gives a key every platform can use (on Linux it changes nothing).
            return X509CertificateLoader.LoadPkcs12(pemCertificate.Export(X509ContentType.Pkcs12), null);
        }
    }

    private static string ReadText(string key, string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            var why = ex is FileNotFoundException or DirectoryNotFoundException ? "does not exist" : $"cannot be read ({ex.Message})";
            throw new InvalidDataException($"{key} '{path}' {why}", ex);
        }
    }
}
