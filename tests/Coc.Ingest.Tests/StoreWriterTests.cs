using Coc.Tests.Shared;
using System.Diagnostics;
using Coc.Ingest.Pipeline;
using Coc.Ingest.Tests.Support;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using static Coc.Ingest.Tests.Support.TestSamples;

namespace Coc.Ingest.Tests;

public class StoreWriterTests
{
    [Fact]
    public async Task Enqueue_12000SamplesIn100s_WritesBatchesOfAtMostBatchSizeInOrderWithNoneLost()
    {
        var store = new RecordingStore();
        await using var pipeline = new TestPipeline(store, new IngestOptions { StoreBatchSize = 5_000, StoreQueueCapacity = 1_000_000, StoreFlushIntervalMs = 50 });
        await pipeline.StartAsync();

        for (var i = 0; i < 12_000; i += 100)
        {
            pipeline.Writer.Enqueue(Range(i, 100));
        }
        await store.WaitUntilAsync(s => s.Written.Count >= 12_000, "12000 samples stored");
        await Eventually.TrueAsync(() => pipeline.Metrics.SamplesStored == 12_000, "SamplesStored to reach 12000");

        Assert.All(store.Writes, w => Assert.InRange(w.Length, 1, 5_000 + 100));
        Assert.True(store.Writes.Count >= 3, $"12000 samples in writes of at most 5100 take at least 3 writes, saw {store.Writes.Count}");
        Assert.Equal(Sequence((0, 12_000)), Values(store.Written));
        Assert.Equal(12_000, pipeline.Metrics.SamplesStored);
        Assert.Equal(0, pipeline.Metrics.StoreDropped);
        Assert.Equal(0, pipeline.Writer.Depth);
    }

    [Fact]
    public async Task Enqueue_PartialBatch_WrittenAfterFlushInterval()
    {
        var store = new RecordingStore();
        await using var pipeline = new TestPipeline(store, new IngestOptions { StoreBatchSize = 5_000, StoreFlushIntervalMs = 200 });
        await pipeline.StartAsync();

        var clock = Stopwatch.StartNew();
        pipeline.Writer.Enqueue(Range(0, 10));
        await store.WaitUntilAsync(s => s.Writes.Count >= 1, "the partial batch written");
        clock.Stop();
        await Eventually.TrueAsync(() => pipeline.Metrics.SamplesStored == 10, "SamplesStored to reach 10");

        var write = Assert.Single(store.Writes);
        Assert.Equal(Sequence((0, 10)), Values(write));
        // The writer waits the interval for more samples before writing a partial batch (a little slack for timer granularity).
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(180), $"written after {clock.Elapsed.TotalMilliseconds} ms, before the 200 ms flush interval");
        Assert.Equal(10, pipeline.Metrics.SamplesStored);
    }

    [Fact]
    public async Task Enqueue_StoreQueueOverflows_DropsOldestCountsThemAndWritesNewest()
    {
        var store = new RecordingStore(gateOpen: false);
        await using var pipeline = new TestPipeline(store, new IngestOptions { StoreBatchSize = 100, StoreQueueCapacity = 200 });
        await pipeline.StartAsync();
        Assert.Equal(HealthStatus.Healthy, (await pipeline.CheckHealthAsync()).Status);

        // The first batch is taken by the writer, which then hangs in the store: the queue no longer drains.
        pipeline.Writer.Enqueue(Range(0, 100));
        await store.WaitUntilAsync(s => s.Attempts.Count == 1, "the first write to start");
        for (var batch = 1; batch <= 10; batch++)
        {
            pipeline.Writer.Enqueue(Range(batch * 100, 100));
        }

        Assert.Equal(2, pipeline.Writer.Depth);
        Assert.Equal(8 * 100, pipeline.Metrics.StoreDropped);
        var health = await pipeline.CheckHealthAsync();
        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Contains("800 samples did not reach the store", health.Description);
        Assert.Equal(800L, health.Data["storeDropped"]);

        store.OpenGate();
        await store.WaitUntilAsync(s => s.Written.Count >= 300, "the held batch and the two newest stored");
        await Eventually.TrueAsync(() => pipeline.Metrics.SamplesStored == 300, "SamplesStored to reach 300");

        Assert.Equal(Sequence((0, 100), (900, 200)), Values(store.Written));
        Assert.Equal(300, pipeline.Metrics.SamplesStored);
        Assert.Equal(800, pipeline.Metrics.StoreDropped);
        Assert.Equal(0, pipeline.Metrics.StoreFailures);
        Assert.Equal(0, pipeline.Writer.Depth);
    }

    [Fact]
    public async Task Enqueue_ManyOneSampleBatchesWhileStoreHangs_BoundIsInSamplesSoNoneDropBelowIt()
    {
        var store = new RecordingStore(gateOpen: false);
        await using var pipeline = new TestPipeline(store, new IngestOptions { StoreBatchSize = 100, StoreQueueCapacity = 5_000 });
        await pipeline.StartAsync();
        pipeline.Writer.Enqueue(Range(0, 1));
        await store.WaitUntilAsync(s => s.Attempts.Count == 1, "the first write to start (and hang)");

        // One MQTT message is often one sample: 4,000 of them must fit a 5,000-sample queue.
        for (var i = 1; i <= 4_000; i++)
        {
            pipeline.Writer.Enqueue(Range(i, 1));
        }

        Assert.Equal(0, pipeline.Metrics.StoreDropped);
        Assert.Equal(4_000, pipeline.Writer.QueuedSamples);
        store.OpenGate();
        await Eventually.TrueAsync(() => pipeline.Metrics.SamplesStored == 4_001, "all 4,001 samples stored");
        Assert.Equal(0, pipeline.Writer.QueuedSamples);
    }

    [Fact]
    public async Task Enqueue_StoreThrows_CountsFailureAndDroppedAndWritesNextBatch()
    {
        var store = new RecordingStore { FailingWrites = [0] };
        await using var pipeline = new TestPipeline(store, new IngestOptions { StoreBatchSize = 100 });
        await pipeline.StartAsync();

        pipeline.Writer.Enqueue(Range(0, 100));
        pipeline.Writer.Enqueue(Range(100, 100));
        await store.WaitUntilAsync(s => s.Written.Count >= 100, "the batch after the failed one stored");
        await Eventually.TrueAsync(() => pipeline.Metrics.SamplesStored == 100, "SamplesStored to reach 100");

        Assert.Equal(2, store.Attempts.Count);
        Assert.Equal(Sequence((100, 100)), Values(store.Written));
        Assert.Equal(1, pipeline.Metrics.StoreFailures);
        Assert.Equal(100, pipeline.Metrics.StoreDropped);
        Assert.Equal(100, pipeline.Metrics.SamplesStored);
        var health = await pipeline.CheckHealthAsync();
        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Contains("100 samples did not reach the store", health.Description);
        Assert.Contains("disk full", health.Description);
    }
}
