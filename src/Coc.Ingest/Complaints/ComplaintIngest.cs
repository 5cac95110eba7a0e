using System.Buffers;
using Coc.Core.Complaints;
using Coc.Ingest.Pipeline;

namespace Coc.Ingest.Complaints;

/// <summary>
/// The complaint door behind <c>coc/complaints/{source}</c>: parses events, applies them to the
/// aggregator, and queues the aggregates they changed. Refusals are counted under feed <c>complaints</c>;
/// "accepted" there counts aggregate samples queued, not events (see the aggregator's counters for those).
/// The events the aggregator took also go to <see cref="RecentComplaints"/>, when registered, for the wall's ticker.
/// </summary>
public sealed class ComplaintIngest(ComplaintAggregator aggregator, IngestQueue queue, TimeProvider time, RecentComplaints? recent = null)
{
    public ComplaintAggregator Aggregator => aggregator;

    /// <summary>Parses, aggregates and queues; waits while the ingest queue is full. Returns what was refused, for HTTP answers.</summary>
    public async ValueTask<Coc.Core.Ingest.ParseResult> IngestAsync(string topic, ReadOnlySequence<byte> payload, CancellationToken cancellationToken)
    {
        var batch = ComplaintEventParser.Parse(topic, payload, time.GetUtcNow());
        if (batch.Events.Count > 0)
        {
            // Only what the aggregator took reaches the ticker: no duplicates, nothing stale or refused.
            recent?.Record(aggregator.Apply(batch));
        }
        await queue.SubmitAsync(batch.Result, cancellationToken);
        return batch.Result;
    }
}
