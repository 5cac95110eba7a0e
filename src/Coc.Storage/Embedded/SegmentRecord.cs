using System.Buffers.Binary;

namespace Coc.Storage.Embedded;

/// <summary>
/// One sample on disk: int32 series id, int64 Unix milliseconds, double value, little-endian.
/// A fixed size lets a reader find record boundaries from the file length alone.
/// </summary>
internal static class SegmentRecord
{
    public const int Size = 20;

    public static void Write(Span<byte> destination, int seriesId, long unixMs, double value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(destination, seriesId);
        BinaryPrimitives.WriteInt64LittleEndian(destination[4..], unixMs);
        BinaryPrimitives.WriteDoubleLittleEndian(destination[12..], value);
    }

    public static int ReadSeriesId(ReadOnlySpan<byte> record) => BinaryPrimitives.ReadInt32LittleEndian(record);

    public static RawPoint ReadPoint(ReadOnlySpan<byte> record) => new(
        BinaryPrimitives.ReadInt64LittleEndian(record[4..]),
        BinaryPrimitives.ReadDoubleLittleEndian(record[12..]));
}
