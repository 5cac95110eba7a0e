using System.Diagnostics;
using System.Globalization;
using Coc.Core.Live;
using Coc.Core.Series;
using Coc.Web.Tests.Support;
using Coc.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Coc.Web.Tests.Http;

/// <summary>
/// A client no one here wrote: python's <c>influxdb</c> package (Debian python3-influxdb, installed by
/// scripts/test.sh), run by Debian's own /usr/bin/python3. It pings, writes points (plain and gzip)
/// with Basic auth, and gets Coc's 400 text back for a bad line.
/// </summary>
public sealed class PythonInfluxClientInteropTests : IClassFixture<KestrelAppFactory>
{
    private const string Script = """
        import sys
        from influxdb import InfluxDBClient
        from influxdb.exceptions import InfluxDBClientError
        port, user, password, gzip = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4] == "gzip"
        client = InfluxDBClient(host="127.0.0.1", port=port, username=user, password=password, database="sensors", gzip=gzip)
        print("version", client.ping())
        ok = client.write_points([
            {"measurement": "rainfall", "tags": {"sensor": "arr-python-" + sys.argv[4]}, "fields": {"value": 3.25}},
            {"measurement": "rainfall", "tags": {"sensor": "arr-python-" + sys.argv[4]}, "fields": {"battery": 88}},
        ], time_precision="ms")
        print("written", ok)
        try:
            client.write_points(["rainfall,sensor=arr-python value="], protocol="line")
            print("bad line accepted")
        except InfluxDBClientError as e:
            print("refused", e.code, e.content)
        """;

    private readonly KestrelAppFactory _app;

    public PythonInfluxClientInteropTests(KestrelAppFactory app) => _app = app;

    [Theory]
    [InlineData("plain")]
    [InlineData("gzip")]
    public async Task PythonInfluxDbClient_WritePoints_ReachLiveStateAndBadLineIsRefusedWithReason(string body)
    {
        var live = _app.Services.GetRequiredService<LiveState>();
        using var folder = new TempFolder();
        var script = Path.Combine(folder.Path, "write.py");
        await File.WriteAllTextAsync(script, Script);

        var (exitCode, output) = await RunAsync("/usr/bin/python3", script, _app.HttpPort.ToString(CultureInfo.InvariantCulture),
            CocAppFactory.IngestKeyName, CocAppFactory.IngestKey, body);

        Assert.True(exitCode == 0, output);
        Assert.Contains("version 1.8", output, StringComparison.Ordinal);
        Assert.Contains("written True", output, StringComparison.Ordinal);
        Assert.Contains("refused 400", output, StringComparison.Ordinal);
        Assert.Contains("missing field value", output, StringComparison.Ordinal);
        var value = SeriesKey.Create("rainfall", "value", ("sensor", "arr-python-" + body));
        var battery = SeriesKey.Create("rainfall", "battery", ("sensor", "arr-python-" + body));
        await Eventually.TrueAsync(() => live.Get(value)?.Latest?.Value == 3.25 && live.Get(battery)?.Latest?.Value == 88, "python's points in live state");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return (process.ExitCode, await stdout + await stderr);
    }
}
