using System.Globalization;
using System.Text;

namespace Coc.Bench;

/// <summary>The <c>failover</c> figures as markdown: the resume time and its parts against a plain reload, then each run.</summary>
public static class FailoverReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string ProgressLine(FailoverRunResult r) => string.Create(Inv,
        $"failover run {r.Run}: killed {r.Killed}, live on {r.Survivor} after {r.KillToLiveMs:0} ms (banner {Ms(r.KillToDownMs)}, reload at {r.KillToReloadMs:0} ms, reload → live {r.ReloadToLiveMs:0} ms); peer reload → live {r.PeerReloadToLiveMs:0} ms");

    public static string Body(FailoverResult result)
    {
        var runs = result.Runs;
        var sb = new StringBuilder();
        sb.AppendLine(Inv, $"{runs.Count} runs. Two Coc.Web replicas (child processes on loopback, each with its own embedded broker and store, simulator on: one round of the simulated city a second) behind {result.HaproxyVersion} running `deploy/haproxy.cfg`, and screen 1 of the Jambi wall (`{FailoverBench.ScreenPath}`) in headless Chromium {result.ChromiumVersion} through the proxy. Each run: first the **peer**, a plain reload of the screen with both replicas up, from the new page's navigation start to live; then a **SIGKILL** of the replica holding the screen (its COCSERVER cookie says which), timed until the screen is live on the other replica. The killed replica is started again on the same port before the next run, so the runs alternate between the two.");
        sb.AppendLine();
        sb.AppendLine(Inv, $"*Live*: a new document (prerender is off, so its own circuit rendered every tile), the reconnect banner's `data-state` is `connected`, `<html>` has no `kiosk-disconnected`, and tile `{FailoverBrowser.TileId}` shows a sample newer than the kill (after a plain reload: any sample). Noted in the page by a MutationObserver on its own clock (the same machine's clock as the bench's kill time).");
        sb.AppendLine();
        sb.AppendLine("| | median (ms) | min (ms) | max (ms) |");
        sb.AppendLine("|---|--:|--:|--:|");
        Row(sb, "kill → the screen says it lost its server (banner)", [.. runs.Where(r => r.KillToDownMs is not null).Select(r => r.KillToDownMs!.Value)]);
        Row(sb, "kill → the page reload starts (kiosk.js: reconnect rejected, page answers)", [.. runs.Select(r => r.KillToReloadMs)]);
        Row(sb, "reload → live on the other replica", [.. runs.Select(r => r.ReloadToLiveMs)]);
        Row(sb, "**kill → live again (resume)**", [.. runs.Select(r => r.KillToLiveMs)]);
        Row(sb, "peer: plain reload → live, both replicas up", [.. runs.Select(r => r.PeerReloadToLiveMs)]);
        Row(sb, "resume − peer reload of the same run", [.. runs.Select(r => r.KillToLiveMs - r.PeerReloadToLiveMs)]);
        sb.AppendLine();
        sb.AppendLine("| Run | killed | back on | banner (ms) | reload starts (ms) | reload → live (ms) | resume (ms) | peer reload → live (ms) |");
        sb.AppendLine("|--:|---|---|--:|--:|--:|--:|--:|");
        foreach (var r in runs)
        {
            sb.AppendLine(Inv, $"| {r.Run} | {r.Killed} | {r.Survivor} | {Ms(r.KillToDownMs)} | {r.KillToReloadMs:0} | {r.ReloadToLiveMs:0} | {r.KillToLiveMs:0} | {r.PeerReloadToLiveMs:0} |");
        }
        return sb.ToString();
    }

    private static void Row(StringBuilder sb, string name, double[] values)
    {
        if (values.Length == 0)
        {
            sb.AppendLine(Inv, $"| {name} | – | – | – |");
            return;
        }
        sb.AppendLine(Inv, $"| {name} | {Percentiles.Median(values):0} | {values.Min():0} | {values.Max():0} |");
    }

    private static string Ms(double? value) => value is { } v ? v.ToString("0", Inv) : "–";
}
