using Coc.Core.Ingest;
using Coc.Ingest.Pipeline;
using Coc.Ingest.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static Coc.Ingest.Tests.Support.TestSamples;

namespace Coc.Ingest.Tests;

public class IngestQueueTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new(T0);
    private readonly FeedStats _stats = new();

    [Fact]
    public async Task SubmitAsync_ParseResults_RecordsAcceptedAndRejectionsByReasonAndQueuesGoodSamples()
    {
        var queue = NewQueue(capacity: 100);
        var mixed = MqttPayloadParser.Parse("coc/atcs/simpang-kawat", """{"vehicles": 12, "queue_m": 40, "phase": "red"}""", T0);
        var malformed = MqttPayloadParser.Parse("coc/atcs/simpang-kawat", "{vehicles: 12", T0);

        await queue.SubmitAsync(mixed);
        await queue.SubmitAsync(malformed);

        var atcs = _stats.For("atcs");
        Assert.Equal(2, atcs.Accepted);
        Assert.Equal(T0, atcs.LastSampleAt);
        Assert.Equal(new Dictionary<string, long> { [RejectReason.NonNumericValue] = 1, [RejectReason.MalformedJson] = 1 },
            atcs.RejectedByReason.OrderBy(r => r.Key).ToDictionary());
        // Only the message that yielded samples is queued; a fully refused one completes at once.
        Assert.Equal(1, queue.Depth);
        Assert.True(queue.TryRead(out var batch));
        Assert.Equal(["queue_m", "vehicles"], batch.Samples.Select(s => s.Series.Field).Order());
        Assert.Equal(T0, batch.ReceivedAt);
    }

    [Fact]
    public async Task SubmitAsync_QueueFull_WaitsUntilAnItemIsRead()
    {
        var queue = NewQueue(capacity: 10);
        for (var i = 0; i < 10; i++)
        {
            Assert.True(queue.SubmitAsync(Range(i, 1)).IsCompletedSuccessfully, $"submit {i} should not wait below capacity");
        }

        var blocked = queue.SubmitAsync(Range(10, 1));
        Assert.False(blocked.IsCompleted, "a submit to a full queue must wait (back-pressure), not drop or fail");
        Assert.Equal(10, queue.Depth);

        Assert.True(queue.TryRead(out var first));
        await blocked.AsTask().WaitAsync(Deadline);

        Assert.Equal(0, first.Samples[0].Value);
        Assert.Equal(10, queue.Depth);
        var rest = new List<double>();
        while (queue.TryRead(out var batch))
        {
            rest.Add(batch.Samples[0].Value);
        }
        Assert.Equal(Sequence((1, 10)), rest);
    }

    [Fact]
    public async Task SubmitAsync_QueueFullAndCancelled_ThrowsAndQueuesNothing()
    {
        var queue = NewQueue(capacity: 10);
        for (var i = 0; i < 10; i++)
        {
            await queue.SubmitAsync(Range(i, 1));
        }
        using var cancel = new CancellationTokenSource();

        var blocked = queue.SubmitAsync(Range(10, 1), cancel.Token).AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => blocked.WaitAsync(Deadline));
        Assert.Equal(10, queue.Depth);
    }

    [Fact]
    public async Task SubmitAsync_BatchLargerThanCapacity_TakenWhenTheQueueIsEmptyAndWaitsOtherwise()
    {
        var queue = NewQueue(capacity: 10);

        Assert.True(queue.SubmitAsync(Range(0, 25)).IsCompletedSuccessfully, "an empty queue takes one oversized batch");
        Assert.Equal(25, queue.QueuedSamples);
        var second = queue.SubmitAsync(Range(25, 5));
        Assert.False(second.IsCompleted, "the bound is in samples: 25 queued leaves no room for 5 more");

        Assert.True(queue.TryRead(out _));
        await second.AsTask().WaitAsync(Deadline);

        Assert.Equal(5, queue.QueuedSamples);
    }

    [Fact]
    public async Task SubmitAsync_CancelledWhileWaiting_CountsNothingSoTheSenderCanRetry()
    {
        var queue = NewQueue(capacity: 10);
        await queue.SubmitAsync(Result("sensors", 10));
        using var cancel = new CancellationTokenSource();

        var blocked = queue.SubmitAsync(Result("sensors", 3), cancel.Token).AsTask();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => blocked.WaitAsync(Deadline));

        Assert.Equal(10, _stats.For("sensors").Accepted);
        Assert.Equal(10, queue.QueuedSamples);
    }

    private static ParseResult Result(string feed, int samples)
    {
        var result = new ParseResult(feed);
        result.Samples.AddRange(Range(0, samples));
        return result;
    }

    private IngestQueue NewQueue(int capacity) =>
        new(Options.Create(new IngestOptions { QueueCapacity = capacity }), _stats, _time, NullLogger<IngestQueue>.Instance);
}
