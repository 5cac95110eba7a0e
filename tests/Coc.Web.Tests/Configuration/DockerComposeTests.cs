using System.Diagnostics;
using System.Text.Json;
using Coc.Ingest.Mqtt;
using Coc.Simulator;
using Coc.Storage;
using Coc.Web.Alarms;
using Coc.Web.Cluster;
using Coc.Web.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace Coc.Web.Tests.Configuration;

/// <summary>
/// docker-compose.yml is the production picture, and no Docker engine runs here: so check that the
/// file is valid (Debian's docker-compose parses and resolves it) and that every Coc__* variable of
/// each replica is a setting the app reads (bound with unknown keys as errors) with values its
/// validators accept.
/// </summary>
public sealed class DockerComposeTests
{
    private static readonly string[] Replicas = ["coc-1", "coc-2"];

    [Fact]
    public void Config_ParsesAndNamesTheProductionServices()
    {
        var services = ResolvedCompose().GetProperty("services");

        foreach (var name in new[] { "coc-1", "coc-2", "proxy", "influxdb", "mosquitto", "redis" })
        {
            Assert.True(services.TryGetProperty(name, out _), $"docker-compose.yml has no service '{name}'");
        }
        var proxy = services.GetProperty("proxy").GetProperty("environment");
        Assert.Equal("coc-1:8080", proxy.GetProperty("COC_1_ADDR").GetString());
        Assert.Equal("coc-2:8080", proxy.GetProperty("COC_2_ADDR").GetString());
    }

    [Fact]
    public void Replicas_EveryCocVariable_BindsToAnOptionClassAndPassesItsValidator()
    {
        var services = ResolvedCompose().GetProperty("services");
        var seen = new List<(string? ServerId, string ClientId)>();
        foreach (var replica in Replicas)
        {
            var environment = services.GetProperty(replica).GetProperty("environment").EnumerateObject()
                .Where(v => v.Name.StartsWith("Coc__", StringComparison.Ordinal))
                // `docker-compose config` writes a literal '$' as "$$" (its own escape); the container gets one '$'.
                .ToDictionary(v => v.Name.Replace("__", ":", StringComparison.Ordinal), v => (string?)v.Value.GetString()?.Replace("$$", "$", StringComparison.Ordinal));
            var config = new ConfigurationBuilder().AddInMemoryCollection(environment).Build();

            var sections = config.GetSection("Coc").GetChildren().Select(s => s.Key).ToArray();
            Assert.All(sections, s => Assert.Contains(s, new[] { "Storage", "Mqtt", "Cluster", "Simulator", "Wall", "Auth", "Alarms" }));

            var storage = Bind<StorageOptions>(config, StorageOptions.SectionName);
            var mqtt = Bind<MqttOptions>(config, MqttOptions.Section);
            var cluster = Bind<ClusterOptions>(config, ClusterOptions.Section);
            Bind<SimulatorOptions>(config, SimulatorOptions.SectionName);
            Bind<WallOptions>(config, WallOptions.Section);
            var alarms = Bind<AlarmOptions>(config, AlarmOptions.Section);
            var alarmsCheck = new AlarmOptionsValidator().Validate(null, alarms);
            Assert.True(alarmsCheck.Succeeded, $"{replica}: {alarmsCheck.FailureMessage}");
            Assert.StartsWith("/data/", alarms.DatabasePath, StringComparison.Ordinal);
            var auth = Bind<Coc.Web.Security.AuthOptions>(config, Coc.Web.Security.AuthOptions.Section);
            var authCheck = new Coc.Web.Security.AuthOptionsValidator().Validate(null, auth);
            Assert.True(authCheck.Succeeded, $"{replica}: {authCheck.FailureMessage}");
            Assert.False(auth.FirstRunSecrets, $"{replica}: production must not generate trial secrets");
            Assert.Contains(auth.Users, u => u.Role == Coc.Web.Security.CocRoles.Admin);
            Assert.NotEmpty(auth.ScreenTokens);

            Assert.True(storage.IsInflux, $"{replica}: history must go to InfluxDB");
            var storageCheck = new StorageOptionsValidator().Validate(null, storage);
            Assert.True(storageCheck.Succeeded, $"{replica}: {storageCheck.FailureMessage}");
            var clusterCheck = new ClusterOptionsValidator().Validate(null, cluster);
            Assert.True(clusterCheck.Succeeded, $"{replica}: {clusterCheck.FailureMessage}");
            Assert.False(mqtt.EmbeddedBroker, $"{replica}: replicas share the external broker");
            Assert.False(string.IsNullOrEmpty(mqtt.SharedSubscriptionGroup), $"{replica}: without a shared group every replica would store every sample");
            seen.Add((cluster.ServerId, mqtt.ClientId));
        }
        Assert.Equal(Replicas.Length, seen.Select(s => s.ServerId).Distinct().Count());
        Assert.Equal(Replicas.Length, seen.Select(s => s.ClientId).Distinct().Count());
    }

    private static T Bind<T>(IConfiguration config, string section) where T : new()
    {
        var options = new T();
        // Throws naming the key when a variable does not match a property: a typo in the compose file.
        config.GetSection(section).Bind(options, o => o.ErrorOnUnknownConfiguration = true);
        return options;
    }

    /// <summary>`docker-compose config` (anchors and merges resolved), turned into JSON by the PyYAML that docker-compose itself uses.</summary>
    private static JsonElement ResolvedCompose()
    {
        var file = Path.Combine(RepoPaths.Root(), "docker-compose.yml");
        // The sign-in hashes come from .env in production; here from the environment, in the same form.
        var resolved = Run("docker-compose", ["-f", file, "config"], stdin: null, new Dictionary<string, string>
        {
            ["COC_ADMIN_PASSWORD_HASH"] = CocAppFactory.HashOf("compose-admin"),
            ["COC_OPERATOR_PASSWORD_HASH"] = CocAppFactory.HashOf("compose-operator"),
            ["COC_SCREEN_TOKEN_HASH"] = CocAppFactory.HashOf("compose-screen"),
        });
        var json = Run("/usr/bin/python3", ["-c", "import json, sys, yaml; print(json.dumps(yaml.safe_load(sys.stdin)))"], resolved);
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    private static string Run(string program, string[] args, string? stdin, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        process.StandardInput.Write(stdin ?? "");
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)} exited {process.ExitCode}: {stderr.Result}");
        return stdout;
    }
}
