using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Coc.Core.Security;

namespace Coc.Bench;

/// <summary>
/// Coc's side of an HTTP door's bench: <see cref="WriteSenders"/> against <paramref name="path"/>
/// (<c>POST /write?db=bench&amp;precision=ns</c> or <c>POST /api/ingest/atcs</c>) with a real ingest key
/// (<c>Authorization: Token …</c>), watching /health until every sample is in the store. The 204 comes
/// once Coc has parsed the body and queued its samples, so first POST → last 204 is the rate at which
/// Coc accepts lines (items); first POST → all stored is the rate into the store.
/// </summary>
public sealed class WriteBench(BenchOptions options, WriteSenders senders, AppProcess app, string path, string key, TextWriter output)
{
    public const string Feed = "bench";

    public static readonly string WritePath = $"/write?db={Feed}&precision=ns";

    /// <summary>A fresh random key and the environment that gives Coc.Web its hash (the real path: RequireKey stays on).</summary>
    public static (string Key, Dictionary<string, string> Environment) MakeKey()
    {
        var key = "bench-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        return (key, new Dictionary<string, string>
        {
            ["Coc__IngestKeys__Keys__0__Name"] = "bench",
            ["Coc__IngestKeys__Keys__0__KeyHash"] = SecretHash.Hash(key, iterations: 1000),
            ["Coc__IngestKeys__Keys__0__Feeds__0"] = "*",
        });
    }

    public async Task<WriteResult> RunAsync(CancellationToken cancellationToken)
    {
        using var probe = new HealthProbe(app.HttpBase);
        var baseline = await probe.ReadAsync(cancellationToken);
        var targetSamples = senders.TotalItems * senders.FieldsPerItem;
        output.WriteLine($"  POST {path} into Coc: {senders.Describe()}");

        var sendingDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var watch = new StoreWatch(probe, baseline, targetSamples, TimeSpan.FromSeconds(options.StoreTimeoutSeconds));
        var cpu = new CpuMeter(app.CpuTime);
        var start = Stopwatch.GetTimestamp();
        using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<StoreOutcome>? watching = null;
        WriteSummary sent;
        try
        {
            sent = await senders.RunAsync(
                new Uri(app.HttpBase, path),
                "Token " + key,
                at =>
                {
                    start = at;
                    watching = watch.RunAsync(start, sendingDone.Task, stopWatching.Token);
                },
                cancellationToken);
        }
        catch
        {
            // A failed sender ends the run: the watch must not sit out its timeout.
            await stopWatching.CancelAsync();
            if (watching is not null)
            {
                await watching.ContinueWith(_ => { }, TaskScheduler.Default);
            }
            throw;
        }
        finally
        {
            sendingDone.TrySetResult();
        }
        var cpuWhileSending = cpu.Stop();
        var store = await watching!;
        return new WriteResult(senders.TotalItems, senders.Batch, senders.Senders, senders.FieldsPerItem, sent, Seconds(start, sent), store, cpuWhileSending);
    }

    /// <summary>First POST → last 204; NaN when nothing was accepted.</summary>
    public static double Seconds(long start, WriteSummary sent) =>
        sent.ItemsAccepted == 0 ? double.NaN : Stopwatch.GetElapsedTime(start, sent.LastAcceptedAt).TotalSeconds;
}

/// <summary>
/// The HTTP doors' peer: the same senders and bodies against <see cref="BareHttp"/> in its own child
/// process, first POST → last 204, with Coc.Web already stopped: the cost of HTTP alone on this machine.
/// </summary>
public sealed class BareHttpBench(WriteSenders senders, BareBrokerProcess server, string path, TextWriter output)
{
    public async Task<BareHttpResult> RunAsync(CancellationToken cancellationToken)
    {
        output.WriteLine($"  POST {path} into the bare HTTP endpoint: {senders.Describe()}");
        var cpu = new CpuMeter(server.CpuTime);
        long start = 0;
        var sent = await senders.RunAsync(
            new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{server.Port}{path}")),
            null,
            at => start = at,
            cancellationToken);
        var usage = cpu.Stop();
        return new BareHttpResult(sent, WriteBench.Seconds(start, sent), usage);
    }
}

/// <summary>The bare endpoint's figures: lines (items) in 204-answered POSTs over first POST → last 204, and the CPU meanwhile (AppCores: the server).</summary>
public sealed record BareHttpResult(WriteSummary Sent, double Seconds, CpuUsage Cpu)
{
    public double LinesPerSecond => Sent.ItemsAccepted / Seconds;
}

/// <summary>
/// One run of an HTTP door's bench (<c>write</c> or <c>json</c>): Coc's side and, once the peer phase has
/// run, the bare endpoint's. "Lines" are line-protocol lines for <c>write</c> and JSON items for <c>json</c>.
/// </summary>
public sealed record WriteResult(
    long Lines,
    int Batch,
    int Senders,
    int FieldsPerLine,
    WriteSummary Sent,
    double AcceptSeconds,
    StoreOutcome Store,
    CpuUsage Cpu,
    BareHttpResult? Bare = null)
{
    public long SamplesSent => Sent.ItemsAccepted * FieldsPerLine;

    /// <summary>Lines in 204-answered POSTs over first POST → last 204.</summary>
    public double AcceptedLinesPerSecond => Sent.ItemsAccepted / AcceptSeconds;

    /// <summary>Accepted samples over first POST → all stored; short of that, stored over the time until the store last moved.</summary>
    public double StoreSamplesPerSecond => (Store.AllStored ? SamplesSent : Store.SamplesStored) / Store.Seconds;

    public double StoreLinesPerSecond => StoreSamplesPerSecond / FieldsPerLine;

    /// <summary>Sent − stored. The bench turns Coc's own coc_feed health samples off, so every stored sample is one it sent.</summary>
    public long Lost => SamplesSent - Store.SamplesStored;

    /// <summary>Stored beyond what was sent: should stay 0; reported so a double-count would show.</summary>
    public long Extra => Math.Max(0, Store.SamplesStored - SamplesSent);

    public double BareLinesPerSecond => Bare?.LinesPerSecond ?? double.NaN;

    public double RatioToBare => AcceptedLinesPerSecond / BareLinesPerSecond;
}
