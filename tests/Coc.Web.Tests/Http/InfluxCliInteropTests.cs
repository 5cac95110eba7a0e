using System.Diagnostics;
using System.Globalization;
using Coc.Core.Live;
using Coc.Core.Series;
using Coc.Storage;
using Coc.Tests.Shared;
using Coc.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Coc.Web.Tests.Http;

/// <summary>A client no one here wrote: Debian's <c>influx</c> CLI (package influxdb-client, installed by scripts/test.sh).</summary>
public sealed class InfluxCliInteropTests : IClassFixture<KestrelAppFactory>
{
    private readonly KestrelAppFactory _app;

    public InfluxCliInteropTests(KestrelAppFactory app) => _app = app;

    private async Task<(int ExitCode, string Output)> InfluxAsync(params string[] args)
    {
        var start = new ProcessStartInfo("influx", ["-host", "127.0.0.1", "-port", _app.HttpPort.ToString(CultureInfo.InvariantCulture),
            "-username", CocAppFactory.IngestKeyName, "-password", CocAppFactory.IngestKey, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // The CLI keeps a history file in HOME; a temp HOME keeps the tester's own untouched.
        using var home = new TempFolder();
        start.Environment["HOME"] = home.Path;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        return (process.ExitCode, await stdout + await stderr);
    }

    [Fact]
    public async Task InfluxCli_Insert_ValueReachesLiveStateAndStore()
    {
        var live = _app.Services.GetRequiredService<LiveState>();
        var store = _app.Services.GetRequiredService<ITimeSeriesStore>();
        var key = SeriesKey.Create("water_level", "value", ("sensor", "pos-influx-cli"));

        var (exitCode, output) = await InfluxAsync("-database", "sensors", "-execute", "INSERT water_level,sensor=pos-influx-cli value=12.5");

        Assert.True(exitCode == 0, output);
        await Eventually.TrueAsync(() => live.Get(key)?.Latest?.Value == 12.5, "the CLI's value in live state");
        await Eventually.TrueAsync(async () => (await store.LatestAsync(key))?.Value == 12.5, "the CLI's value in the store");
    }

    [Fact]
    public async Task InfluxCli_InsertMalformed_ReportsTheParseError()
    {
        var (_, output) = await InfluxAsync("-database", "sensors", "-execute", "INSERT water_level,sensor=pos-influx-cli value=");

        Assert.Contains("missing field value", output, StringComparison.Ordinal);
    }
}
