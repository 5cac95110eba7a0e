using System.Buffers.Binary;

namespace Coc.Storage.Influx.Spool;

/// <summary>
/// 16 bytes before every spooled body: magic "CSP1", body length, sample count, CRC-32 of the body
/// (little-endian). The length lets a reader walk a segment; the magic and CRC tell a torn or
/// overwritten record from a good one.
/// </summary>
internal readonly record struct SpoolRecordHeader(int Length, int Samples, uint Crc)
{
    public const int Size = 16;

    // The largest body a record may claim; a bigger length can only be garbage.
    public const int MaxLength = 256 * 1024 * 1024;

    private const uint Magic = 0x3150_5343; // "CSP1" read little-endian

    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(destination[4..], Length);
        BinaryPrimitives.WriteInt32LittleEndian(destination[8..], Samples);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[12..], Crc);
    }

    /// <summary>False when the bytes are not a plausible header (wrong magic, impossible length or count).</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out SpoolRecordHeader header)
    {
        header = new SpoolRecordHeader(
            BinaryPrimitives.ReadInt32LittleEndian(source[4..]),
            BinaryPrimitives.ReadInt32LittleEndian(source[8..]),
            BinaryPrimitives.ReadUInt32LittleEndian(source[12..]));
        return BinaryPrimitives.ReadUInt32LittleEndian(source) == Magic
            && header.Length is > 0 and <= MaxLength
            && header.Samples > 0;
    }
}
