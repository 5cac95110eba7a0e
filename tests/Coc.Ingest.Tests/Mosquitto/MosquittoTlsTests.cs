using System.Globalization;
using Coc.Core.Series;
using Coc.Ingest.Tests.Support;
using Coc.Tests.Shared;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Coc.Ingest.Tests.Mosquitto;

/// <summary>
/// Coc's ingest client to mosquitto's TLS listener, with certificates made for each test by a throw-away CA.
/// Devices publish on the plain listener of the same broker; only Coc's connection is under test.
/// </summary>
public sealed class MosquittoTlsTests : IDisposable
{
    private static readonly SeriesKey WaterLevel = SeriesKey.Create("water_level", "value", ("sensor", "batanghari-1"));

    private readonly TempFolder _folder = new();
    private readonly TestCa _ca;

    public MosquittoTlsTests() => _ca = TestCa.Create("coc-test-ca", _folder);

    [Fact]
    public async Task Connect_BrokerCertificateFromConfiguredCa_SubscribesOverTlsAndIngests()
    {
        await using var broker = await StartBrokerAsync(_ca.IssueServer("mosquitto", "127.0.0.1", "localhost"));
        await using var app = await StartCocAsync(broker, new() { ["Coc:Mqtt:Tls:CaCertificatePath"] = _ca.CertificatePath });

        await app.UntilReceivingAsync(broker);
        await using var device = await broker.ConnectDeviceAsync();
        await device.PublishAsync("coc/sensors/water_level/batanghari-1", "799.5");

        await Eventually.TrueAsync(() => app.Live.Get(WaterLevel)?.Latest?.Value == 799.5, "water level 799.5 over the TLS connection");
        var health = await app.HealthEntryAsync("mqtt-ingest");
        Assert.Equal(HealthStatus.Healthy, health.Status);
        Assert.Equal(true, health.Data["tls"]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Connect_BrokerCertificateFromAnUntrustedCa_RefusedAndHealthSaysWhy(bool trustAnotherCa)
    {
        using var otherCa = TestCa.Create("other-ca", _folder);
        await using var broker = await StartBrokerAsync(_ca.IssueServer("mosquitto", "127.0.0.1"));
        // Without a CA path Coc trusts the machine's store, which does not hold this private CA either.
        await using var app = await StartCocAsync(broker, new() { ["Coc:Mqtt:Tls:CaCertificatePath"] = trustAnotherCa ? otherCa.CertificatePath : null });

        await app.UntilLastErrorContainsAsync(broker, "the broker's TLS certificate 'CN=mosquitto' is not trusted");
        var health = await app.HealthEntryAsync("mqtt-ingest");

        Assert.False(app.Client.IsReceiving);
        Assert.Equal(HealthStatus.Unhealthy, health.Status);
        Assert.Contains(trustAnotherCa
            ? $"not signed by the CA in Coc:Mqtt:Tls:CaCertificatePath '{otherCa.CertificatePath}'"
            : "not signed by a CA this machine trusts: set Coc:Mqtt:Tls:CaCertificatePath to the broker's CA",
            health.Description, StringComparison.Ordinal);
        Assert.Contains("RemoteCertificateChainErrors", health.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_BrokerCertificateForAnotherHost_RefusedAsNameMismatch()
    {
        await using var broker = await StartBrokerAsync(_ca.IssueServer("mosquitto", "broker.example"));
        await using var app = await StartCocAsync(broker, new() { ["Coc:Mqtt:Tls:CaCertificatePath"] = _ca.CertificatePath });

        await app.UntilLastErrorContainsAsync(broker, "it does not name the host '127.0.0.1' (Coc:Mqtt:Host)");

        Assert.False(app.Client.IsReceiving);
        Assert.Contains("RemoteCertificateNameMismatch", app.Client.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain("RemoteCertificateChainErrors", app.Client.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_BrokerRequiresClientCertificate_WithCertificateIngests()
    {
        await using var broker = await StartBrokerAsync(_ca.IssueServer("mosquitto", "127.0.0.1"), requireClientCertificate: true);
        var (certificate, key) = _ca.IssueClient("coc-server-1");
        await using var app = await StartCocAsync(broker, new()
        {
            ["Coc:Mqtt:Tls:CaCertificatePath"] = _ca.CertificatePath,
            ["Coc:Mqtt:Tls:ClientCertificatePath"] = certificate,
            ["Coc:Mqtt:Tls:ClientKeyPath"] = key,
        });

        await app.UntilReceivingAsync(broker);
        await using var device = await broker.ConnectDeviceAsync();
        await device.PublishAsync("coc/sensors/water_level/batanghari-1", "798");

        await Eventually.TrueAsync(() => app.Live.Get(WaterLevel)?.Latest?.Value == 798, "water level 798 over mutual TLS");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Connect_BrokerRequiresClientCertificate_WithoutOneOrFromAnotherCaRefusedAndHealthHints(bool certificateFromAnotherCa)
    {
        using var otherCa = TestCa.Create("other-ca", _folder);
        await using var broker = await StartBrokerAsync(_ca.IssueServer("mosquitto", "127.0.0.1"), requireClientCertificate: true);
        var tls = new Dictionary<string, string?> { ["Coc:Mqtt:Tls:CaCertificatePath"] = _ca.CertificatePath };
        var (certificate, key) = otherCa.IssueClient("coc-server-1");
        if (certificateFromAnotherCa)
        {
            tls["Coc:Mqtt:Tls:ClientCertificatePath"] = certificate;
            tls["Coc:Mqtt:Tls:ClientKeyPath"] = key;
        }
        await using var app = await StartCocAsync(broker, tls);

        await app.UntilLastErrorContainsAsync(broker, certificateFromAnotherCa
            ? $"the broker closed the connection after checking TLS: does it trust the CA that signed Coc:Mqtt:Tls:ClientCertificatePath '{certificate}'?"
            : "the broker closed the connection after checking TLS: if it requires a client certificate, set Coc:Mqtt:Tls:ClientCertificatePath");

        Assert.False(app.Client.IsReceiving);
        Assert.Equal(HealthStatus.Unhealthy, await app.HealthAsync("mqtt-ingest"));
        await broker.UntilLogContainsAsync(certificateFromAnotherCa ? "certificate verify failed" : "peer did not return a certificate");
    }

    [Fact]
    public async Task Connect_AllowUntrustedCertificates_ConnectsButWarnsAndHealthIsDegraded()
    {
        await using var broker = await StartBrokerAsync(_ca.IssueServer("mosquitto", "broker.example"));
        var logs = new LogCapture();
        await using var app = await StartCocAsync(broker, new() { ["Coc:Mqtt:Tls:AllowUntrustedCertificates"] = "true" }, logs);

        await app.UntilReceivingAsync(broker);
        var health = await app.HealthEntryAsync("mqtt-ingest");

        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Contains("the broker's TLS certificate is not verified (Coc:Mqtt:Tls:AllowUntrustedCertificates)", health.Description, StringComparison.Ordinal);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Text.Contains("is NOT verified", StringComparison.Ordinal));
    }

    private Task<MosquittoBroker> StartBrokerAsync((string Certificate, string Key) server, bool requireClientCertificate = false) =>
        MosquittoBroker.StartAsync(new MosquittoSetup { Tls = new MosquittoTls(_ca.CertificatePath, server.Certificate, server.Key, requireClientCertificate) });

    private static Task<IngestHost> StartCocAsync(MosquittoBroker broker, Dictionary<string, string?> tls, LogCapture? logs = null)
    {
        var settings = broker.IngestSettings();
        settings["Coc:Mqtt:Port"] = broker.TlsPort!.Value.ToString(CultureInfo.InvariantCulture);
        settings["Coc:Mqtt:Tls:Enabled"] = "true";
        foreach (var (key, value) in tls.Where(t => t.Value is not null))
        {
            settings[key] = value;
        }
        return IngestHost.StartAsync(embeddedBroker: false, broker.TlsPort, settings, logs);
    }

    public void Dispose()
    {
        _ca.Dispose();
        _folder.Dispose();
    }
}
