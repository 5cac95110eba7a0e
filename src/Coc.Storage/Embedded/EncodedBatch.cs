using System.Buffers;
using Coc.Core.Series;

namespace Coc.Storage.Embedded;

/// <summary>
/// A batch encoded as one contiguous run of records per hour segment, so each segment costs one write.
/// Order inside a run is the batch order, which keeps equal timestamps in write order on query.
/// </summary>
internal sealed class EncodedBatch : IDisposable
{
    private readonly byte[] _buffer;

    private EncodedBatch(byte[] buffer, List<Run> runs)
    {
        _buffer = buffer;
        Runs = runs;
    }

    public IReadOnlyList<Run> Runs { get; }

    public static EncodedBatch Encode(IReadOnlyList<Sample> samples, int[] seriesIds)
    {
        // Group indices by hour first; a live batch nearly always lands in one or two hours.
        var byHour = new Dictionary<long, List<int>>();
        for (var i = 0; i < samples.Count; i++)
        {
            var hour = TimeMath.HourOf(samples[i].Timestamp.ToUnixTimeMilliseconds());
            if (!byHour.TryGetValue(hour, out var indices))
            {
                byHour.Add(hour, indices = []);
            }
            indices.Add(i);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(samples.Count * SegmentRecord.Size);
        var runs = new List<Run>(byHour.Count);
        var offset = 0;
        foreach (var (hour, indices) in byHour)
        {
            var start = offset;
            foreach (var i in indices)
            {
                var sample = samples[i];
                SegmentRecord.Write(buffer.AsSpan(offset, SegmentRecord.Size), seriesIds[i], sample.Timestamp.ToUnixTimeMilliseconds(), sample.Value);
                offset += SegmentRecord.Size;
            }
            runs.Add(new Run(hour, start, offset - start));
        }
        return new EncodedBatch(buffer, runs);
    }

    public ReadOnlySpan<byte> Bytes(Run run) => _buffer.AsSpan(run.Offset, run.Length);

    public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);

    public readonly record struct Run(long Hour, int Offset, int Length);
}
