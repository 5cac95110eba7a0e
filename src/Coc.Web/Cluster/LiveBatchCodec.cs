using System.Text;
using Coc.Core.Series;

namespace Coc.Web.Cluster;

/// <summary>
/// The wire form of a live batch shared between servers: which server took it in (and which run of
/// it), then per sample the series (measurement, field, tags), UTC ticks and value. Binary and
/// length-prefixed: exact doubles and timestamps, nothing to escape, about 60 bytes a sample.
/// </summary>
public static class LiveBatchCodec
{
    private const byte Version = 1;

    public static byte[] Encode(LiveBatchOrigin origin, IReadOnlyList<Sample> samples)
    {
        using var buffer = new MemoryStream(64 + samples.Count * 64);
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Version);
            writer.Write(origin.ServerId);
            writer.Write(origin.RunId.ToByteArray());
            writer.Write7BitEncodedInt(samples.Count);
            foreach (var sample in samples)
            {
                var series = sample.Series;
                writer.Write(series.Measurement);
                writer.Write(series.Field);
                writer.Write7BitEncodedInt(series.Tags.Count);
                foreach (var (key, value) in series.Tags)
                {
                    writer.Write(key);
                    writer.Write(value);
                }
                writer.Write(sample.Timestamp.UtcTicks);
                writer.Write(sample.Value);
            }
        }
        return buffer.ToArray();
    }

    /// <summary>Reads a batch; throws <see cref="FormatException"/> on anything it cannot read whole.</summary>
    public static (LiveBatchOrigin Origin, Sample[] Samples) Decode(byte[] payload)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(payload, writable: false), Encoding.UTF8);
            var version = reader.ReadByte();
            if (version != Version)
            {
                throw new FormatException($"live batch version {version}, this server reads {Version} (servers of different releases in one cluster?)");
            }
            var origin = new LiveBatchOrigin(reader.ReadString(), new Guid(reader.ReadBytes(16)));
            var count = reader.Read7BitEncodedInt();
            // A corrupt count must not allocate gigabytes: no sample is smaller than 21 bytes.
            if (count < 0 || count > payload.Length / 21)
            {
                throw new FormatException($"live batch claims {count} samples in {payload.Length} bytes");
            }
            var samples = new Sample[count];
            for (var i = 0; i < count; i++)
            {
                var measurement = reader.ReadString();
                var field = reader.ReadString();
                var tagCount = reader.Read7BitEncodedInt();
                Dictionary<string, string>? tags = tagCount > 0 ? new(tagCount, StringComparer.Ordinal) : null;
                for (var t = 0; t < tagCount; t++)
                {
                    tags![reader.ReadString()] = reader.ReadString();
                }
                var ticks = reader.ReadInt64();
                samples[i] = new Sample(new SeriesKey(measurement, field, tags), new DateTimeOffset(ticks, TimeSpan.Zero), reader.ReadDouble());
            }
            if (reader.BaseStream.Position != reader.BaseStream.Length)
            {
                throw new FormatException("live batch has bytes after its last sample");
            }
            return (origin, samples);
        }
        catch (Exception ex) when (ex is EndOfStreamException or ArgumentException or IOException)
        {
            throw new FormatException("live batch is cut short or malformed: " + ex.Message, ex);
        }
    }
}

/// <summary>
/// Who took a batch in: the configured server id (for people) and this run's random id, which is
/// what a server uses to skip its own batches, so two servers given the same id by mistake still see each other's.
/// </summary>
public readonly record struct LiveBatchOrigin(string ServerId, Guid RunId);
