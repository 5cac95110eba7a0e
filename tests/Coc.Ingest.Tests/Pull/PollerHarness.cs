using Coc.Core.Ingest;
using Coc.Core.Series;
using Coc.Ingest.Pipeline;
using Coc.Ingest.Pull;
using Coc.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Coc.Ingest.Tests.Pull;

/// <summary>A <see cref="PullPoller"/> on a fake clock, feeding a real <see cref="IngestQueue"/> whose batches the test reads.</summary>
internal sealed class PollerHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 23, 3, 0, 0, TimeSpan.Zero);

    private PollerHarness(PullOptions options)
    {
        Queue = new IngestQueue(Options.Create(new IngestOptions()), Stats, Time, NullLogger<IngestQueue>.Instance);
        Poller = new PullPoller(Options.Create(options), Queue, Time, NullLogger<PullPoller>.Instance);
    }

    public FakeTimeProvider Time { get; } = new(T0);

    public FeedStats Stats { get; } = new();

    public IngestQueue Queue { get; }

    public PullPoller Poller { get; }

    public static async Task<PollerHarness> StartAsync(params PullSource[] sources)
    {
        var harness = new PollerHarness(new PullOptions { Sources = [.. sources] });
        await harness.Poller.StartAsync(CancellationToken.None);
        return harness;
    }

    public PullStatus Status(string name) => Poller.StatusOf(name) ?? throw new InvalidOperationException($"no source {name}");

    /// <summary>Waits until the source has finished <paramref name="polls"/> polls (their results are then counted and queued).</summary>
    public async Task<PullStatus> PollsAsync(string name, int polls)
    {
        await Eventually.TrueAsync(() => Status(name).Polls >= polls, $"{name}: {polls} polls finished");
        var status = Status(name);
        Assert.Equal(polls, status.Polls);
        return status;
    }

    /// <summary>Every sample queued so far.</summary>
    public List<Sample> DrainSamples()
    {
        var samples = new List<Sample>();
        while (Queue.TryRead(out var batch))
        {
            samples.AddRange(batch.Samples);
        }
        return samples;
    }

    public async ValueTask DisposeAsync()
    {
        await Poller.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Poller.Dispose();
    }
}
