using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace Coc.Storage.Embedded;

/// <summary>Reads one series' points out of a segment without taking the write lock.</summary>
internal static class SegmentReader
{
    // A whole number of records, so a chunk never splits one.
    private const int ChunkSize = SegmentRecord.Size * 4096;

    /// <summary>Appends the points with <paramref name="fromMs"/> ≤ ts &lt; <paramref name="toMs"/>, in file order.</summary>
    public static void Read(string path, int seriesId, long fromMs, long toMs, List<RawPoint> into)
    {
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (FileNotFoundException)
        {
            return; // retention deleted it after the caller listed the folder
        }

        using (handle)
        {
            // Only whole records up to the length seen now: a tail that is not a multiple of the record
            // size is a write in progress or a crash mid-write, never something to decode.
            var length = RandomAccess.GetLength(handle);
            length -= length % SegmentRecord.Size;
            var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
            try
            {
                for (long offset = 0; offset < length;)
                {
                    var chunk = buffer.AsSpan(0, (int)Math.Min(ChunkSize, length - offset));
                    var read = ReadFully(handle, chunk, offset);
                    read -= read % SegmentRecord.Size;
                    if (read == 0)
                    {
                        break;
                    }
                    Collect(chunk[..read], seriesId, fromMs, toMs, into);
                    offset += read;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private static void Collect(ReadOnlySpan<byte> records, int seriesId, long fromMs, long toMs, List<RawPoint> into)
    {
        for (var at = 0; at < records.Length; at += SegmentRecord.Size)
        {
            var record = records.Slice(at, SegmentRecord.Size);
            if (SegmentRecord.ReadSeriesId(record) != seriesId)
            {
                continue;
            }
            var point = SegmentRecord.ReadPoint(record);
            if (point.UnixMs >= fromMs && point.UnixMs < toMs)
            {
                into.Add(point);
            }
        }
    }

    private static int ReadFully(SafeFileHandle handle, Span<byte> chunk, long offset)
    {
        var total = 0;
        while (total < chunk.Length)
        {
            var read = RandomAccess.Read(handle, chunk[total..], offset + total);
            if (read == 0)
            {
                break;
            }
            total += read;
        }
        return total;
    }
}
