using System.Reflection;
using Coc.Ingest.Mqtt;
using Coc.Ingest.Pipeline;
using Coc.Simulator;
using Coc.Storage;
using Coc.Web.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Coc.Web.Tests.Configuration;

/// <summary>appsettings.sample.json documents every option that exists, and its values are valid.</summary>
public sealed class SampleConfigurationTests
{
    private static readonly IConfigurationRoot Sample = new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(RepoPaths.Root(), "appsettings.sample.json"), optional: false)
        .Build();

    public static TheoryData<Type, string> Sections => new()
    {
        { typeof(MqttOptions), MqttOptions.Section },
        { typeof(MqttTlsOptions), MqttOptions.Section + ":Tls" },
        { typeof(IngestOptions), IngestOptions.Section },
        { typeof(StorageOptions), StorageOptions.SectionName },
        { typeof(Coc.Storage.Influx.InfluxOptions), Coc.Storage.Influx.InfluxOptions.SectionName },
        { typeof(SimulatorOptions), "Coc:Simulator" },
        { typeof(WallOptions), WallOptions.Section },
        { typeof(FeedsOptions), FeedsOptions.Section },
        { typeof(Coc.Ingest.Http.IngestKeyOptions), Coc.Ingest.Http.IngestKeyOptions.Section },
        { typeof(Coc.Ingest.Http.LineProtocolOptions), Coc.Ingest.Http.LineProtocolOptions.Section },
        { typeof(Coc.Ingest.Complaints.ComplaintOptions), Coc.Ingest.Complaints.ComplaintOptions.Section },
        { typeof(Coc.Ingest.Pull.PullOptions), Coc.Ingest.Pull.PullOptions.Section },
        { typeof(Coc.Web.Cluster.ClusterOptions), Coc.Web.Cluster.ClusterOptions.Section },
        { typeof(Coc.Web.Alarms.AlarmOptions), Coc.Web.Alarms.AlarmOptions.Section },
        { typeof(Coc.Storage.Alarms.AlarmJournalOptions), Coc.Web.Alarms.AlarmOptions.Section + ":Journal" },
        { typeof(ScreenBinding), WallOptions.Section + ":Screens:ruang-coc-kanan" },
        { typeof(Coc.Web.Security.AuthOptions), Coc.Web.Security.AuthOptions.Section },
        { typeof(Coc.Web.Security.OidcOptions), Coc.Web.Security.AuthOptions.Section + ":Oidc" },
        { typeof(Coc.Web.Security.LocalAccount), Coc.Web.Security.AuthOptions.Section + ":Users:0" },
        { typeof(Coc.Web.Security.ScreenToken), Coc.Web.Security.AuthOptions.Section + ":ScreenTokens:0" },
    };

    [Theory]
    [MemberData(nameof(Sections))]
    public void Sample_EveryOptionProperty_AppearsInItsSection(Type optionsType, string section)
    {
        var documented = Sample.GetSection(section).GetChildren().Select(c => c.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var properties = optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => p.Name);

        var missing = properties.Where(p => !documented.Contains(p)).ToList();

        Assert.True(missing.Count == 0, $"{section} in appsettings.sample.json lacks: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Sample_AuthSecrets_AreHashesNeverPlainText()
    {
        var secrets = Sample.GetSection(Coc.Web.Security.AuthOptions.Section).AsEnumerable()
            .Where(kv => kv.Key.EndsWith(":PasswordHash", StringComparison.Ordinal) || kv.Key.EndsWith(":TokenHash", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(secrets);
        Assert.All(secrets, kv => Assert.True(Coc.Core.Security.SecretHash.IsWellFormed(kv.Value), $"{kv.Key} is not a pbkdf2-sha256 hash"));
    }

    [Fact]
    public void Sample_BoundValues_PassEveryValidator()
    {
        AssertValid(new MqttOptionsValidator(), Bind<MqttOptions>(MqttOptions.Section));
        AssertValid(new IngestOptionsValidator(), Bind<IngestOptions>(IngestOptions.Section));
        AssertValid(new StorageOptionsValidator(), Bind<StorageOptions>(StorageOptions.SectionName));
        // The Influx section is checked only with its backend chosen: its sample values must pass then too.
        var influx = Bind<StorageOptions>(StorageOptions.SectionName);
        influx.Backend = StorageOptions.InfluxBackend;
        AssertValid(new StorageOptionsValidator(), influx);
        AssertValid(new SimulatorOptionsValidator(), Bind<SimulatorOptions>("Coc:Simulator"));
        AssertValid(new WallOptionsValidator(), Bind<WallOptions>(WallOptions.Section));
        AssertValid(new FeedsOptionsValidator(), Bind<FeedsOptions>(FeedsOptions.Section));
        AssertValid(new Coc.Ingest.Http.IngestKeyOptionsValidator(), Bind<Coc.Ingest.Http.IngestKeyOptions>(Coc.Ingest.Http.IngestKeyOptions.Section));
        AssertValid(new Coc.Ingest.Pull.PullOptionsValidator(), Bind<Coc.Ingest.Pull.PullOptions>(Coc.Ingest.Pull.PullOptions.Section));
        AssertValid(new Coc.Web.Cluster.ClusterOptionsValidator(), Bind<Coc.Web.Cluster.ClusterOptions>(Coc.Web.Cluster.ClusterOptions.Section));
        var auth = Bind<Coc.Web.Security.AuthOptions>(Coc.Web.Security.AuthOptions.Section);
        AssertValid(new Coc.Web.Security.AuthOptionsValidator(), auth);
        // The identity provider's part is checked only with an Authority: its sample values must pass then too.
        auth.Oidc.Authority = "https://sso.jambikota.go.id/realms/coc";
        auth.Oidc.ClientId = "coc-wall";
        AssertValid(new Coc.Web.Security.AuthOptionsValidator(), auth);
    }

    private static T Bind<T>(string section) where T : new()
    {
        var options = new T();
        Sample.GetSection(section).Bind(options);
        return options;
    }

    private static void AssertValid<T>(IValidateOptions<T> validator, T options) where T : class
    {
        var result = validator.Validate(null, options);
        Assert.True(result.Succeeded, result.FailureMessage);
    }
}
