using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using MQTTnet;
using Microsoft.Playwright;

namespace Coc.Bench;

/// <summary>
/// Publish → seen, for an alarm: a river gauge value over Siaga 1 published over MQTT to Coc.Web (a child
/// process), timed until the wall screen's tile flashes and until the tablet's alarm list shows the row, both in
/// headless Chromium. Peer, in the same run and pages: a value under Siaga published the same way, timed until
/// the same tile shows it (the plain live path, no alarm). Each cycle then acknowledges the alarm (API, as a
/// duty officer) and clears it, so the next cycle raises a new one. Times are taken in the page when the DOM
/// changes (a MutationObserver stamps Date.now()), so polling from the bench adds nothing.
/// </summary>
public sealed class AlarmBench(BenchOptions options, string dll, string logPath, TextWriter output)
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string Topic = "coc/sensors/water_level/pos-angso-duo";
    public const string TileId = "river-angso-duo";
    private static readonly TimeSpan QuietBeforePublish = TimeSpan.FromMilliseconds(400);
    private const string DutyUser = "bench-duty";
    private const string DutyPassword = "bench-duty-sandi";

    private const string WatchScript = """
        (() => {
          const b = { target: null, hitAt: null };
          window.__cocAlarmBench = b;
          const check = () => { if (b.target && b.hitAt === null && b.target()) b.hitAt = Date.now(); };
          new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['class', 'data-value', 'data-state'] });
          const host = id => document.querySelector(`[data-tile-id='${id}']`)?.closest('.tile-host');
          b.armValue = (id, v) => { b.hitAt = null; b.target = () => Number(document.querySelector(`[data-tile-id='${id}']`)?.dataset.value) === v; check(); };
          b.armFlash = id => { b.hitAt = null; b.target = () => !!host(id)?.classList.contains('tile-alarm-flash'); check(); };
          b.armCalm = id => { b.hitAt = null; b.target = () => !!host(id) && !host(id).classList.contains('tile-alarm'); check(); };
          b.armRow = prefix => { b.hitAt = null; b.target = () => !!document.querySelector(`.alarm-row[data-alarm-id^='${prefix}'][data-state='unack']`); check(); };
        })();
        """;

    public async Task<AlarmResult> RunAsync(CancellationToken cancellationToken)
    {
        var dutyHash = Coc.Core.Security.SecretHash.Hash(DutyPassword, iterations: 1_000);
        await using var app = await AppProcess.StartAsync(dll, logPath, cancellationToken, new Dictionary<string, string>
        {
            ["Coc__Auth__Users__1__Name"] = DutyUser,
            ["Coc__Auth__Users__1__PasswordHash"] = dutyHash,
            ["Coc__Auth__Users__1__Role"] = "duty-officer",
        });
        output.WriteLine($"alarm: Coc.Web pid {app.Pid}, http {app.HttpBase}, simulator off");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var wall = await OpenAsync(browser, app.HttpBase, "/wall/jambi-coc/screen/3", 1920, 1080);
        var tablet = await OpenAsync(browser, app.HttpBase, "/wall/jambi-coc", 1280, 800);
        await tablet.Locator("[data-alarms-toggle]").ClickAsync();
        await tablet.WaitForSelectorAsync(".alarm-board");

        using var http = new HttpClient { BaseAddress = app.HttpBase, Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(DutyUser + ":" + DutyPassword)));
        var factory = new MqttClientFactory();
        using var mqtt = await BenchMqtt.ConnectAsync(factory, app.MqttPort, "coc-bench-alarm", cancellationToken);
        var result = new AlarmResult();
        try
        {
            // A first value, so the tile exists with data before the first timed cycle.
            await PublishAndWaitAsync(mqtt, 10.0, [(wall, $"b => b.armValue('{TileId}', 10)")], cancellationToken);
            for (var cycle = 0; cycle < options.AlarmCycles; cycle++)
            {
                var plain = Math.Round(10.01 + cycle * 0.01, 2);
                var peer = await PublishAndWaitAsync(mqtt, plain, [(wall, Arm("armValue", plain))], cancellationToken);
                result.PlainUpdateMs.Add(peer[0]);

                var high = Math.Round(13.71 + cycle * 0.01, 2);
                var seen = await PublishAndWaitAsync(mqtt, high, [(wall, $"b => b.armFlash('{TileId}')"), (tablet, "b => b.armRow('sungai-siaga|')")], cancellationToken);
                result.WallFlashMs.Add(seen[0]);
                result.TabletRowMs.Add(seen[1]);

                await AcknowledgeAllAsync(http, cancellationToken);
                await PublishAndWaitAsync(mqtt, 10.0, [(wall, $"b => b.armCalm('{TileId}')")], cancellationToken);
            }
        }
        finally
        {
            await BenchMqtt.DisconnectQuietlyAsync(mqtt);
        }
        result.Log = AppLogSummary.Of(app.Log);
        return result;
    }

    private static string Arm(string fn, double value) => $"b => b.{fn}('{TileId}', {value.ToString(CultureInfo.InvariantCulture)})";

    private static async Task<IPage> OpenAsync(IBrowser browser, Uri baseUri, string path, int width, int height)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        await context.AddInitScriptAsync(WatchScript);
        var page = await context.NewPageAsync();
        await page.GotoAsync(BenchAuth.WithScreenToken(new Uri(baseUri, path).ToString()));
        await page.WaitForSelectorAsync("[data-tile-id]", new() { Timeout = 30_000 });
        return page;
    }

    /// <summary>Arms each page's watch, publishes <paramref name="value"/>, and returns per page the ms from publish to the DOM change.</summary>
    private static async Task<double[]> PublishAndWaitAsync(IMqttClient mqtt, double value, (IPage Page, string Arm)[] watches, CancellationToken cancellationToken)
    {
        // A quiet spell longer than the tile render interval: a publish right after the previous one's render
        // would wait out the throttle, and the figure would measure the throttle rather than the path.
        await Task.Delay(QuietBeforePublish, cancellationToken);
        foreach (var (page, arm) in watches)
        {
            await page.EvaluateAsync($"({arm})(window.__cocAlarmBench)");
        }
        var payload = $$"""{"value": {{value.ToString(CultureInfo.InvariantCulture)}}}""";
        var sentAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await mqtt.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(Topic).WithPayload(payload).Build(), cancellationToken);
        var times = new double[watches.Length];
        for (var i = 0; i < watches.Length; i++)
        {
            await watches[i].Page.WaitForFunctionAsync("() => window.__cocAlarmBench.hitAt !== null", null, new() { Timeout = 30_000 });
            times[i] = await watches[i].Page.EvaluateAsync<double>("() => window.__cocAlarmBench.hitAt") - sentAt;
        }
        return times;
    }

    private static async Task AcknowledgeAllAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var open = await http.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/alarms", cancellationToken);
        foreach (var alarm in open.EnumerateArray().Where(a => a.GetProperty("acknowledgedBy").ValueKind == System.Text.Json.JsonValueKind.Null))
        {
            var id = Uri.EscapeDataString(alarm.GetProperty("id").GetString()!);
            using var response = await http.PostAsJsonAsync($"/api/alarms/{id}/ack", new { occurrence = alarm.GetProperty("occurrence").GetInt64() }, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new BenchException($"ack {id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
        }
    }
}

public sealed class AlarmResult
{
    public List<double> PlainUpdateMs { get; } = [];
    public List<double> WallFlashMs { get; } = [];
    public List<double> TabletRowMs { get; } = [];
    public AppLogSummary? Log { get; set; }
}
