using Coc.Ingest.Mqtt;
using Coc.Tests.Shared;
using Coc.Ingest.Tests.Support;
using Microsoft.Extensions.Options;

namespace Coc.Ingest.Tests;

public class MqttOptionsValidatorTests
{
    private readonly MqttOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_Succeeds() => Assert.True(_validator.Validate(null, new MqttOptions()).Succeeded);

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    public void Validate_PortOutOfRange_FailsNamingKey(int port) =>
        AssertFails(new MqttOptions { Port = port }, $"Coc:Mqtt:Port must be 1-65535, got {port}");

    [Fact]
    public void Validate_EmptyHost_FailsNamingKey() => AssertFails(new MqttOptions { Host = " " }, "Coc:Mqtt:Host");

    [Fact]
    public void Validate_BindAddressNotAnIp_FailsNamingKey() => AssertFails(new MqttOptions { BindAddress = "localhost" }, "Coc:Mqtt:BindAddress");

    [Fact]
    public void Validate_BindAddressNotAnIpWithBrokerDisabled_Succeeds() =>
        Assert.True(_validator.Validate(null, new MqttOptions { EmbeddedBroker = false, BindAddress = "localhost" }).Succeeded);

    [Fact]
    public void Validate_EmptyTopic_FailsNamingKey() => AssertFails(new MqttOptions { Topic = "" }, "Coc:Mqtt:Topic");

    [Theory]
    [InlineData(499)]
    [InlineData(300_001)]
    public void Validate_MaxReconnectDelayOutOfRange_FailsNamingKey(int ms) =>
        AssertFails(new MqttOptions { MaxReconnectDelayMs = ms }, "Coc:Mqtt:MaxReconnectDelayMs");

    [Fact]
    public void Validate_TlsWithEmbeddedBroker_FailsNamingKey() =>
        AssertFails(new MqttOptions { Tls = new() { Enabled = true } }, "Coc:Mqtt:Tls applies to the client of an external broker");

    [Fact]
    public void Validate_SharedSubscriptionGroupWithEmbeddedBroker_FailsNamingKey() =>
        AssertFails(new MqttOptions { SharedSubscriptionGroup = "coc-writers" }, "Coc:Mqtt:SharedSubscriptionGroup applies to an external broker");

    [Fact]
    public void Validate_SharedSubscriptionGroupWithDefaultClientId_FailsAskingForAClientIdPerServer() =>
        AssertFails(External(o => o.SharedSubscriptionGroup = "coc-writers"),
            "Coc:Mqtt:ClientId must differ on each server of Coc:Mqtt:SharedSubscriptionGroup 'coc-writers', but is the default 'coc-ingest': use 'coc-ingest-{machine}' or set it per server");

    [Theory]
    [InlineData("coc-ingest-{machine}")]
    [InlineData("coc-ingest-2")]
    public void Validate_SharedSubscriptionGroupWithOwnClientId_Succeeds(string clientId) =>
        Assert.True(_validator.Validate(null, External(o => (o.SharedSubscriptionGroup, o.ClientId) = ("coc-writers", clientId))).Succeeded);

    [Theory]
    [InlineData(" ")]
    [InlineData("coc/writers")]
    [InlineData("coc+")]
    [InlineData("#")]
    public void Validate_SharedSubscriptionGroupNotAName_FailsNamingKey(string group) =>
        AssertFails(External(o => (o.SharedSubscriptionGroup, o.ClientId) = (group, "coc-a")), $"Coc:Mqtt:SharedSubscriptionGroup '{group}' must be a non-empty name");

    [Fact]
    public void Validate_ClientIdWithUnknownPlaceholder_FailsNamingIt() =>
        AssertFails(new MqttOptions { ClientId = "coc-{host}" }, "Coc:Mqtt:ClientId 'coc-{host}' has the unknown placeholder '{host}' (only {machine})");

    [Fact]
    public void Validate_PasswordAndPasswordFile_FailsAskingForOne() =>
        AssertFails(External(o => (o.Username, o.Password, o.PasswordFile) = ("coc", "x", "/run/secrets/mqtt")), "Coc:Mqtt:Password and Coc:Mqtt:PasswordFile are both set");

    [Fact]
    public void Validate_PasswordWithoutUsername_FailsNamingKey() =>
        AssertFails(External(o => o.Password = "x"), "Coc:Mqtt:Password or PasswordFile is set but Coc:Mqtt:Username is not");

    [Fact]
    public void Validate_PasswordFileMissing_FailsNamingKeyAndPath()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "absent");
        AssertFails(External(o => (o.Username, o.PasswordFile) = ("coc", path)), $"Coc:Mqtt:PasswordFile '{path}' does not exist");
    }

    [Fact]
    public void Validate_TlsSettingsWithTlsOff_FailsSayingPlainText() =>
        AssertFails(External(o => o.Tls.CaCertificatePath = "/etc/coc/ca.crt"),
            "Coc:Mqtt:Tls:CaCertificatePath is set but Coc:Mqtt:Tls:Enabled is false: the connection would be plain text");

    [Fact]
    public void Validate_CaCertificateMissing_FailsNamingKeyAndPath()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "ca.crt");
        AssertFails(Tls(t => t.CaCertificatePath = path), $"Coc:Mqtt:Tls:CaCertificatePath '{path}' does not exist");
    }

    [Fact]
    public void Validate_CaCertificateNotPem_FailsNamingKeyAndPath()
    {
        using var folder = new TempFolder();
        var path = folder.Write("ca.crt", "this is not a certificate");
        AssertFails(Tls(t => t.CaCertificatePath = path), $"Coc:Mqtt:Tls:CaCertificatePath '{path}' holds no PEM certificate");
    }

    [Fact]
    public void Validate_CaCertificateAndAllowUntrusted_FailsAsContradiction()
    {
        using var folder = new TempFolder();
        using var ca = TestCa.Create("ca", folder);
        AssertFails(Tls(t => (t.CaCertificatePath, t.AllowUntrustedCertificates) = (ca.CertificatePath, true)),
            "Coc:Mqtt:Tls:AllowUntrustedCertificates and Coc:Mqtt:Tls:CaCertificatePath contradict each other");
    }

    [Fact]
    public void Validate_ClientCertificateWithItsKey_Succeeds()
    {
        using var folder = new TempFolder();
        using var ca = TestCa.Create("ca", folder);
        var (certificate, key) = ca.IssueClient("coc");
        Assert.True(_validator.Validate(null, Tls(t => (t.CaCertificatePath, t.ClientCertificatePath, t.ClientKeyPath) = (ca.CertificatePath, certificate, key))).Succeeded);
    }

    [Fact]
    public void Validate_ClientKeyOfAnotherCertificate_FailsNamingKey()
    {
        using var folder = new TempFolder();
        using var ca = TestCa.Create("ca", folder);
        var (certificate, _) = ca.IssueClient("coc");
        var (_, otherKey) = ca.IssueClient("other");
        AssertFails(Tls(t => (t.ClientCertificatePath, t.ClientKeyPath) = (certificate, otherKey)),
            $"Coc:Mqtt:Tls:ClientKeyPath '{otherKey}' is not the unencrypted private key of Coc:Mqtt:Tls:ClientCertificatePath '{certificate}'");
    }

    [Fact]
    public void Validate_ClientCertificateWithoutKey_FailsNamingKey()
    {
        using var folder = new TempFolder();
        using var ca = TestCa.Create("ca", folder);
        var (certificate, _) = ca.IssueClient("coc");
        AssertFails(Tls(t => t.ClientCertificatePath = certificate), $"Coc:Mqtt:Tls:ClientCertificatePath '{certificate}' holds no certificate with its unencrypted private key");
    }

    [Fact]
    public void Validate_ClientKeyWithoutCertificate_FailsNamingKey() =>
        AssertFails(Tls(t => t.ClientKeyPath = "/etc/coc/client.key"), "Coc:Mqtt:Tls:ClientKeyPath is set but Coc:Mqtt:Tls:ClientCertificatePath is not");

    [Fact]
    public async Task StartAsync_HostWithInvalidPort_FailsNamingKey()
    {
        using var host = IngestHost.Build(new Dictionary<string, string?> { ["Coc:Mqtt:Port"] = "70000" }, new RecordingStore());

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Coc:Mqtt:Port must be 1-65535, got 70000", error.Message);
    }

    private static MqttOptions External(Action<MqttOptions> configure)
    {
        var o = new MqttOptions { EmbeddedBroker = false };
        configure(o);
        return o;
    }

    private static MqttOptions Tls(Action<MqttTlsOptions> configure) => External(o =>
    {
        o.Tls.Enabled = true;
        configure(o.Tls);
    });

    private void AssertFails(MqttOptions options, string expected)
    {
        var result = _validator.Validate(null, options);
        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.Contains(expected, failure);
    }
}
