using System.Diagnostics;
using Coc.Tests.Shared;

namespace Coc.Bench;

/// <summary>
/// The failover: two Coc.Web replicas (child processes, simulator on) behind the real haproxy running
/// deploy/haproxy.cfg, and screen 1 of the Jambi wall in headless Chromium through the proxy. Each run first
/// reloads the screen with both replicas up (the peer: what a plain reload costs), then SIGKILLs the replica
/// holding the screen and times until the screen is live on the other one; the killed replica is started again
/// on the same port before the next run, so the runs alternate between the two.
/// </summary>
public sealed class FailoverBench(BenchOptions options, string root, string dll, string logFolder, TextWriter output)
{
    public const string ScreenPath = "/wall/jambi-coc/screen/1";
    private static readonly TimeSpan LiveTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan BackInRotationTimeout = TimeSpan.FromSeconds(60);

    private static readonly IReadOnlyDictionary<string, string> AppEnvironment = new Dictionary<string, string>
    {
        // One round of the simulated city a second, as `dotnet run` does: the tile's data-ts moves by itself.
        ["Coc__Simulator__Enabled"] = "true",
    };

    public async Task<FailoverResult> RunAsync(CancellationToken cancellationToken)
    {
        var loadBefore = MachineInfo.LoadAverage();
        var replicas = new Dictionary<string, AppProcess>();
        var ports = new Dictionary<string, int>();
        var logs = new List<AppLogSummary>();
        try
        {
            foreach (var name in new[] { "coc1", "coc2" })
            {
                replicas[name] = await StartReplicaAsync(name, 0, null, cancellationToken);
                ports[name] = replicas[name].HttpBase.Port;
            }
            var config = Path.Combine(root, "deploy", "haproxy.cfg");
            await using var proxy = await HaproxyServer.StartAsync(config, $"127.0.0.1:{ports["coc1"]}", $"127.0.0.1:{ports["coc2"]}");
            using var rotation = new ProxyRotation(new Uri(proxy.Url));
            await using var browser = await FailoverBrowser.LaunchAsync();
            output.WriteLine($"failover: coc1 pid {replicas["coc1"].Pid} :{ports["coc1"]}, coc2 pid {replicas["coc2"].Pid} :{ports["coc2"]}, haproxy {proxy.Url}, Chromium {browser.Version}");

            await browser.OpenAsync(proxy.Url + ScreenPath, LiveTimeout);
            var runs = new List<FailoverRunResult>();
            for (var run = 1; run <= options.Runs; run++)
            {
                foreach (var name in replicas.Keys)
                {
                    await rotation.WaitInRotationAsync(name, BackInRotationTimeout, cancellationToken);
                }
                var peer = await browser.ReloadAsync(LiveTimeout);
                var holder = await browser.StickyReplicaAsync() ?? throw new BenchException("no COCSERVER cookie after the reload: is the proxy's stickiness on?");
                if (!replicas.ContainsKey(holder))
                {
                    throw new BenchException($"COCSERVER cookie '{holder}' names no replica");
                }

                // Timed from just before the page call that arms the watch (a few ms before the SIGKILL itself);
                // only a tile sample newer than this counts, in a document other than the current one.
                var killedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                var before = await browser.ArmAsync(killedAt);
                replicas[holder].KillNow();
                var after = await browser.WaitLiveAsync(before, LiveTimeout);
                logs.Add(AppLogSummary.Of(replicas[holder].Log));
                await replicas[holder].DisposeAsync(); // already dead: waits for the exit, deletes its temp folder
                replicas.Remove(holder);
                var survivor = await browser.StickyReplicaAsync();
                if (survivor == holder || survivor is null || !replicas.ContainsKey(survivor))
                {
                    throw new BenchException($"after the kill of {holder} the screen is pinned to '{survivor}', not to the other replica");
                }

                var result = new FailoverRunResult(run, holder, survivor,
                    PeerReloadToLiveMs: peer.LiveAt!.Value - peer.Origin,
                    KillToDownMs: after.DownAt is { } down ? down - killedAt : null,
                    KillToReloadMs: after.Origin - killedAt,
                    ReloadToLiveMs: after.LiveAt!.Value - after.Origin,
                    KillToLiveMs: after.LiveAt!.Value - killedAt);
                runs.Add(result);
                output.WriteLine(FailoverReport.ProgressLine(result));

                replicas[holder] = await StartReplicaAsync(holder, run, ports[holder], cancellationToken);
            }
            return new FailoverResult(runs, browser.Version, HaproxyVersion(), loadBefore, MachineInfo.LoadAverage(),
                [.. logs, .. replicas.Values.Select(r => AppLogSummary.Of(r.Log))]);
        }
        finally
        {
            foreach (var replica in replicas.Values)
            {
                await replica.DisposeAsync();
            }
        }
    }

    private Task<AppProcess> StartReplicaAsync(string name, int afterRun, int? port, CancellationToken cancellationToken) =>
        AppProcess.StartAsync(dll, Path.Combine(logFolder, $"failover-{name}-{afterRun}.log"), cancellationToken, AppEnvironment, port);

    /// <summary>The first line of <c>haproxy -v</c>, for the report's header.</summary>
    private static string HaproxyVersion()
    {
        using var process = Process.Start(new ProcessStartInfo(HaproxyServer.Binary, ["-v"]) { RedirectStandardOutput = true, UseShellExecute = false })
            ?? throw new BenchException("haproxy -v did not start");
        var first = process.StandardOutput.ReadLine() ?? "";
        process.WaitForExit();
        return first.Split(" - ")[0].Trim();
    }
}

public sealed record FailoverRunResult(
    int Run,
    string Killed,
    string Survivor,
    double PeerReloadToLiveMs,
    double? KillToDownMs,
    double KillToReloadMs,
    double ReloadToLiveMs,
    double KillToLiveMs);

public sealed record FailoverResult(
    IReadOnlyList<FailoverRunResult> Runs,
    string ChromiumVersion,
    string HaproxyVersion,
    string LoadBefore,
    string LoadAfter,
    IReadOnlyList<AppLogSummary> Logs);
