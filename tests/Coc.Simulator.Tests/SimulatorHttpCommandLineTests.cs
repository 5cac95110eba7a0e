namespace Coc.Simulator.Tests;

/// <summary>The HTTP output's flags: <c>--url</c> and <c>--api-key</c>, and what they cannot go with.</summary>
public class SimulatorHttpCommandLineTests
{
    [Fact]
    public void TryParse_UrlAndKey_HttpOutputWithSharedRateOptions()
    {
        string[] args =
        [
            "--url", "http://coc.local:5080", "--api-key=kunci-1", "--interval-ms", "250", "--devices", "3",
            "--seed", "9", "--messages-per-second", "400", "--duration-seconds", "5",
        ];

        Assert.True(SimulatorCommandLine.TryParse(args, out var command, out var error), error);

        Assert.NotNull(command.Http);
        Assert.Equal(new Uri("http://coc.local:5080"), command.Http.Url);
        Assert.Equal("kunci-1", command.Http.ApiKey);
        Assert.Equal(HttpFeedBatches.DefaultMaxItems, command.Http.MaxItemsPerRequest);
        var o = command.Options;
        Assert.Equal((250, 3, 9, 400), (o.IntervalMs, o.Devices, o.Seed, o.MessagesPerSecond));
        Assert.Equal(TimeSpan.FromSeconds(5), command.Duration);
    }

    [Fact]
    public void TryParse_NoUrl_MqttOutput()
    {
        Assert.True(SimulatorCommandLine.TryParse(["--host", "broker.local"], out var command, out var error), error);

        Assert.Null(command.Http);
    }

    [Fact]
    public void TryParse_UrlWithoutKey_HttpOutputWithNoKey()
    {
        Assert.True(SimulatorCommandLine.TryParse(["--url", "https://coc.example.id/"], out var command, out var error), error);

        Assert.Null(command.Http!.ApiKey);
        Assert.Equal("https", command.Http.Url.Scheme);
    }

    [Theory]
    [InlineData("--host", "broker.local")]
    [InlineData("--port", "1884")]
    [InlineData("--username", "coc")]
    [InlineData("--client-id", "sim-1")]
    public void TryParse_UrlWithMqttFlag_ErrorNamesBoth(string mqttFlag, string value)
    {
        Assert.False(SimulatorCommandLine.TryParse([mqttFlag, value, "--url", "http://127.0.0.1:5080"], out _, out var error));

        Assert.Contains("--url", error);
        Assert.Contains(mqttFlag, error);
    }

    [Fact]
    public void TryParse_UrlWithUsernameAndPassword_ErrorNamesUrlAndAnMqttFlag()
    {
        Assert.False(SimulatorCommandLine.TryParse(["--url", "http://127.0.0.1:5080", "--username", "u", "--password", "p"], out _, out var error));

        Assert.Contains("--url and --username cannot be used together", error);
    }

    [Fact]
    public void TryParse_UrlWithPassword_ErrorNamesBoth()
    {
        // Alone, --password fails its own check (needs --username); with --url, the conflict is what the user must fix.
        Assert.False(SimulatorCommandLine.TryParse(["--url", "http://127.0.0.1:5080", "--password", "p"], out _, out var error));

        Assert.Contains("--url and --password", error);
    }

    [Theory]
    [InlineData("mqtt://127.0.0.1:1883", "http://")]
    [InlineData("ftp://coc.local", "http://")]
    [InlineData("coc.local:5080", "http://")]
    // On Linux a bare path is an absolute file:// URI, so it is refused by scheme.
    [InlineData("/api/ingest", "http://")]
    [InlineData("http//coc.local", "absolute")]
    [InlineData("http://coc.local/?feed=atcs", "query")]
    public void TryParse_UrlNotHttpBase_ErrorNamesUrlAndWhy(string url, string why)
    {
        Assert.False(SimulatorCommandLine.TryParse(["--url", url], out _, out var error));

        Assert.StartsWith("--url", error);
        Assert.Contains(why, error);
    }

    [Fact]
    public void TryParse_ApiKeyWithoutUrl_ErrorNamesBoth()
    {
        Assert.False(SimulatorCommandLine.TryParse(["--api-key", "kunci"], out _, out var error));

        Assert.Contains("--api-key needs --url", error);
    }

    [Theory]
    [InlineData("--url")]
    [InlineData("--api-key")]
    public void TryParse_FlagWithoutValue_ErrorNamesIt(string flag)
    {
        Assert.False(SimulatorCommandLine.TryParse(["--url", "http://127.0.0.1:5080", flag], out _, out var error));

        Assert.Contains(flag, error);
    }

    [Fact]
    public void TryParse_BlankApiKey_Error()
    {
        Assert.False(SimulatorCommandLine.TryParse(["--url", "http://127.0.0.1:5080", "--api-key", " "], out _, out var error));

        Assert.Contains("--api-key must not be blank", error);
    }

    [Fact]
    public void TryParse_UrlTwice_Error()
    {
        Assert.False(SimulatorCommandLine.TryParse(["--url", "http://a:1", "--url", "http://b:2"], out _, out var error));

        Assert.Contains("--url is given more than once", error);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", "atcs", "http://127.0.0.1:5080/api/ingest/atcs")]
    [InlineData("http://127.0.0.1:5080/", "sensors", "http://127.0.0.1:5080/api/ingest/sensors")]
    [InlineData("https://kota.example.id/coc", "etle", "https://kota.example.id/coc/api/ingest/etle")]
    public void IngestUri_KeepsPathPrefix(string url, string feed, string expected)
    {
        Assert.Equal(new Uri(expected), new SimulatorHttpOptions(new Uri(url), null).IngestUri(feed));
    }

    [Fact]
    public void Usage_NamesTheHttpFlags()
    {
        Assert.Contains("--url <http(s)://host:port>", SimulatorCommandLine.Usage);
        Assert.Contains("--api-key <key>", SimulatorCommandLine.Usage);
        Assert.Contains("X-Api-Key", SimulatorCommandLine.Usage);
    }
}
