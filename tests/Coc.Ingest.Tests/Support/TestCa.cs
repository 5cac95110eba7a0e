using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Coc.Tests.Shared;

namespace Coc.Ingest.Tests.Support;

/// <summary>
/// A throw-away certificate authority made at test time (no private key is checked in). It writes PEM files, as an
/// operator's CA would hand them out: its own certificate, and certificates with keys it issues to a broker or a client.
/// </summary>
internal sealed class TestCa : IDisposable
{
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");

    private readonly X509Certificate2 _certificate;
    private readonly TempFolder _folder;
    private readonly string _name;

    private TestCa(string name, X509Certificate2 certificate, TempFolder folder)
    {
        _name = name;
        _certificate = certificate;
        _folder = folder;
        CertificatePath = folder.Write($"{name}.crt", certificate.ExportCertificatePem());
    }

    /// <summary>The CA's certificate (PEM), what <c>Coc:Mqtt:Tls:CaCertificatePath</c> and Mosquitto's <c>cafile</c> name.</summary>
    public string CertificatePath { get; }

    /// <param name="folder">Where the PEM files go; the caller owns (and deletes) it.</param>
    public static TestCa Create(string name, TempFolder folder)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var now = DateTimeOffset.UtcNow;
        return new TestCa(name, request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1)), folder);
    }

    /// <summary>A broker's certificate naming <paramref name="hosts"/> (IP addresses or DNS names): (certificate, key) paths.</summary>
    public (string Certificate, string Key) IssueServer(string name, params string[] hosts)
    {
        var names = new SubjectAlternativeNameBuilder();
        foreach (var host in hosts)
        {
            if (IPAddress.TryParse(host, out var ip))
            {
                names.AddIpAddress(ip);
            }
            else
            {
                names.AddDnsName(host);
            }
        }
        return Issue(name, ServerAuth, names.Build());
    }

    /// <summary>A client certificate (mutual TLS): (certificate, key) paths.</summary>
    public (string Certificate, string Key) IssueClient(string name) => Issue(name, ClientAuth, null);

    private (string Certificate, string Key) Issue(string name, Oid usage, X509Extension? subjectAlternativeNames)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage], critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        if (subjectAlternativeNames is not null)
        {
            request.CertificateExtensions.Add(subjectAlternativeNames);
        }
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f; // a positive serial number
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.Create(_certificate, now.AddMinutes(-5), now.AddHours(12), serial);
        var certificatePath = _folder.Write($"{_name}-{name}.crt", certificate.ExportCertificatePem());
        var keyPath = _folder.Write($"{_name}-{name}.key", key.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows())
        {
            // Owner-only, as a real key file is.
            File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return (certificatePath, keyPath);
    }

    public void Dispose() => _certificate.Dispose();
}
