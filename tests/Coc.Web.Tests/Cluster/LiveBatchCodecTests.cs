using Coc.Core.Series;
using Coc.Web.Cluster;

namespace Coc.Web.Tests.Cluster;

public sealed class LiveBatchCodecTests
{
    private static readonly LiveBatchOrigin Origin = new("coc-a", Guid.NewGuid());

    [Fact]
    public void Decode_OfEncode_SameOriginSeriesTimesAndValuesExactly()
    {
        Sample[] samples =
        [
            new(SeriesKey.Create("water_level", "value", ("sensor", "pos-angso-duo")), new DateTimeOffset(2026, 11, 23, 3, 0, 0, 123, TimeSpan.Zero).AddTicks(4567), 12.345678901234567),
            // Separators and non-ASCII in names, no tags, a negative and a tiny value: nothing may be lost or merged.
            new(new SeriesKey("udara, kota=baru", "pm2.5#µg"), DateTimeOffset.UnixEpoch.AddYears(40), -0.1),
            new(SeriesKey.Create("atcs", "saturation", ("intersection", "simpang=kawat"), ("lane", "utara")), new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(7)), double.Epsilon),
        ];

        var (origin, decoded) = LiveBatchCodec.Decode(LiveBatchCodec.Encode(Origin, samples));

        Assert.Equal(Origin, origin);
        Assert.Equal(samples, decoded);
        Assert.All(decoded, s => Assert.Equal(TimeSpan.Zero, s.Timestamp.Offset));
    }

    [Fact]
    public void Encode_ThousandSamples_UnderEightyBytesEach()
    {
        var samples = Enumerable.Range(0, 1000)
            .Select(i => new Sample(SeriesKey.Create("atcs", "vehicles", ("intersection", $"simpang-{i % 40}")), DateTimeOffset.UtcNow, i))
            .ToArray();

        var bytes = LiveBatchCodec.Encode(Origin, samples);

        Assert.InRange(bytes.Length, 1, 80_000);
    }

    [Fact]
    public void Decode_CutShort_FormatException()
    {
        var bytes = LiveBatchCodec.Encode(Origin, [new Sample(SeriesKey.Create("rainfall", "mm"), DateTimeOffset.UtcNow, 1)]);

        Assert.Throws<FormatException>(() => LiveBatchCodec.Decode(bytes[..^3]));
    }

    [Fact]
    public void Decode_OtherVersion_FormatExceptionNamingIt()
    {
        var bytes = LiveBatchCodec.Encode(Origin, []);
        bytes[0] = 9;

        var error = Assert.Throws<FormatException>(() => LiveBatchCodec.Decode(bytes));

        Assert.Contains("version 9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_HugeClaimedCount_FormatExceptionWithoutAllocatingIt()
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer))
        {
            writer.Write((byte)1);
            writer.Write("coc-a");
            writer.Write(Guid.NewGuid().ToByteArray());
            writer.Write7BitEncodedInt(int.MaxValue);
        }

        Assert.Throws<FormatException>(() => LiveBatchCodec.Decode(buffer.ToArray()));
    }
}
