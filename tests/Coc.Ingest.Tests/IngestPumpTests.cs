using Coc.Tests.Shared;
using Coc.Core.Series;
using Coc.Ingest.Pipeline;
using Coc.Ingest.Tests.Support;
using static Coc.Ingest.Tests.Support.TestSamples;

namespace Coc.Ingest.Tests;

public class IngestPumpTests
{
    private static readonly SeriesKey Rain = SeriesKey.Create("rainfall", "value", ("sensor", "telanaipura"));

    [Fact]
    public async Task ExecuteAsync_SamplesSubmitted_ReachLiveStateAndStore()
    {
        var store = new RecordingStore();
        await using var pipeline = new TestPipeline(store, new IngestOptions { StoreFlushIntervalMs = 20 });
        await pipeline.StartAsync();

        await pipeline.Queue.SubmitAsync(Range(0, 3));
        await pipeline.Queue.SubmitAsync(Range(3, 2, Rain));
        await store.WaitUntilAsync(s => s.Written.Count >= 5, "5 samples stored");

        Assert.Equal(2, pipeline.Live.Get(Level)!.Latest!.Value.Value);
        Assert.Equal(4, pipeline.Live.Get(Rain)!.Latest!.Value.Value);
        Assert.Equal(Sequence((0, 5)), Values(store.Written));
        Assert.Equal(5, pipeline.Metrics.SamplesIn);
        Assert.Equal(0, pipeline.Queue.Depth);
    }

    [Fact]
    public async Task ExecuteAsync_StoreBlockedAndItsQueueFull_LiveStateStillUpdated()
    {
        var store = new RecordingStore(gateOpen: false);
        await using var pipeline = new TestPipeline(store, new IngestOptions { StoreBatchSize = 100, StoreQueueCapacity = 200, StoreFlushIntervalMs = 20 });
        await pipeline.StartAsync();
        await pipeline.Queue.SubmitAsync(Range(0, 100));
        await store.WaitUntilAsync(s => s.Attempts.Count == 1, "the first store write to start (and hang)");

        // The store is stuck and its queue overflows; the wall must still see every new value.
        for (var i = 100; i < 500; i += 100)
        {
            await pipeline.Queue.SubmitAsync(Range(i, 100));
            await Eventually.TrueAsync(() => pipeline.Live.Get(Level)?.Latest?.Value == i + 99, $"live value {i + 99} while the store is blocked");
        }

        Assert.False(store.GateOpen);
        Assert.Empty(store.Writes);
        Assert.Equal(500, pipeline.Metrics.SamplesIn);
        Assert.Equal(0, pipeline.Queue.Depth);
        Assert.Equal(2, pipeline.Writer.Depth);
        Assert.Equal(200, pipeline.Metrics.StoreDropped);

        store.OpenGate();
        await store.WaitUntilAsync(s => s.Written.Count >= 300, "the held batch and the two newest stored once the store recovers");
        Assert.Equal(Sequence((0, 100), (300, 200)), Values(store.Written));
        Assert.Equal(200, pipeline.Metrics.StoreDropped);
    }

    [Fact]
    public async Task ExecuteAsync_FanOutPresent_GetsEverySampleOnceInStoreSizedBatchesAfterTheLiveState()
    {
        var store = new RecordingStore();
        var fanOut = new RecordingFanOut();
        await using var pipeline = new TestPipeline(store, new IngestOptions { StoreBatchSize = 4, StoreFlushIntervalMs = 20 }, fanOut: fanOut);
        // Seen at publish time: the live state must already hold the batch, so this server's wall never trails the others.
        fanOut.OnPublish = batch => fanOut.LiveAtPublish.Add((batch[^1].Value, pipeline.Live.Get(Level)?.Latest?.Value));
        // Queued before the pump starts, so one drain takes all three messages.
        await pipeline.Queue.SubmitAsync(Range(0, 4));
        await pipeline.Queue.SubmitAsync(Range(4, 4));
        await pipeline.Queue.SubmitAsync(Range(8, 2));
        await pipeline.StartAsync();

        await store.WaitUntilAsync(s => s.Written.Count >= 10, "10 samples stored");
        await Eventually.TrueAsync(() => fanOut.Count == 10, "10 samples handed to the fan-out");

        Assert.Equal(Sequence((0, 10)), Values(fanOut.Samples));
        Assert.Equal([4, 4, 2], fanOut.Batches);
        Assert.All(fanOut.LiveAtPublish, p => Assert.True(p.Live >= p.Last, $"published {p.Last} while the live state held {p.Live}"));
    }

    private sealed class RecordingFanOut : ILiveFanOut
    {
        private readonly object _gate = new();

        public List<Sample> Samples { get; } = [];

        public List<int> Batches { get; } = [];

        public List<(double Last, double? Live)> LiveAtPublish { get; } = [];

        public int Count
        {
            get
            {
                lock (_gate)
                {
                    return Samples.Count;
                }
            }
        }

        public Action<IReadOnlyList<Sample>>? OnPublish { get; set; }

        public void Publish(IReadOnlyList<Sample> samples)
        {
            lock (_gate)
            {
                OnPublish?.Invoke(samples);
                Samples.AddRange(samples);
                Batches.Add(samples.Count);
            }
        }
    }
}
