using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace Coc.Storage.Influx.Spool;

/// <summary>
/// One append-only spool file of records (<see cref="SpoolRecordHeader"/> + gzip body). Opening a file left
/// by a crash keeps every whole record and cuts off a half-written tail, so a torn last write never costs
/// the good records before it.
/// </summary>
internal sealed class SpoolSegment : IDisposable
{
    public const string Extension = ".spool";

    private readonly SafeFileHandle _handle;

    private SpoolSegment(long sequence, string path, SafeFileHandle handle, long length, long samples)
    {
        Sequence = sequence;
        Path = path;
        _handle = handle;
        Length = length;
        Samples = samples;
    }

    public long Sequence { get; }

    public string Path { get; }

    /// <summary>Bytes of whole records in the file.</summary>
    public long Length { get; private set; }

    /// <summary>Samples in all its records, read or not.</summary>
    public long Samples { get; private set; }

    public static SpoolSegment Create(string folder, long sequence)
    {
        var path = System.IO.Path.Combine(folder, sequence.ToString("D16", System.Globalization.CultureInfo.InvariantCulture) + Extension);
        return new SpoolSegment(sequence, path, File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read), 0, 0);
    }

    /// <summary>Opens a file left by an earlier run: walks its headers and cuts off whatever follows the last whole record.</summary>
    public static SpoolSegment Open(string path, long sequence, ILogger logger)
    {
        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        try
        {
            var fileLength = RandomAccess.GetLength(handle);
            long offset = 0, samples = 0;
            Span<byte> bytes = stackalloc byte[SpoolRecordHeader.Size];
            while (offset + SpoolRecordHeader.Size <= fileLength
                && RandomAccess.Read(handle, bytes, offset) == SpoolRecordHeader.Size
                && SpoolRecordHeader.TryRead(bytes, out var header)
                && offset + SpoolRecordHeader.Size + header.Length <= fileLength)
            {
                offset += SpoolRecordHeader.Size + header.Length;
                samples += header.Samples;
            }
            if (offset < fileLength)
            {
                logger.LogWarning("Spool file {Path}: the last {Bytes} bytes are not a whole record (a write cut off by a crash or a full disk); the {Good} bytes of whole records before them are kept",
                    path, fileLength - offset, offset);
                RandomAccess.SetLength(handle, offset);
            }
            return new SpoolSegment(sequence, path, handle, offset, samples);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Samples in the records before <paramref name="offset"/>, or null when no record starts there.</summary>
    public long? SamplesBefore(long offset)
    {
        long at = 0, samples = 0;
        Span<byte> bytes = stackalloc byte[SpoolRecordHeader.Size];
        while (at < offset)
        {
            if (RandomAccess.Read(_handle, bytes, at) != SpoolRecordHeader.Size || !SpoolRecordHeader.TryRead(bytes, out var header))
            {
                return null;
            }
            at += SpoolRecordHeader.Size + header.Length;
            samples += header.Samples;
        }
        return at == offset && at <= Length ? samples : null;
    }

    /// <summary>Appends one record with a single write; on failure the file is cut back so no partial record stays.</summary>
    public void Append(byte[] body, int samples)
    {
        var header = new byte[SpoolRecordHeader.Size];
        new SpoolRecordHeader(body.Length, samples, Crc32.Compute(body)).Write(header);
        try
        {
            RandomAccess.Write(_handle, [header, body], Length);
        }
        catch (IOException)
        {
            TryCut();
            throw;
        }
        Length += SpoolRecordHeader.Size + body.Length;
        Samples += samples;
    }

    /// <summary>The record at <paramref name="offset"/>; its body is null when the CRC does not match (rotten bytes).</summary>
    public (SpoolRecordHeader Header, byte[]? Body) Read(long offset)
    {
        Span<byte> bytes = stackalloc byte[SpoolRecordHeader.Size];
        if (RandomAccess.Read(_handle, bytes, offset) != SpoolRecordHeader.Size || !SpoolRecordHeader.TryRead(bytes, out var header)
            || offset + SpoolRecordHeader.Size + header.Length > Length)
        {
            throw new InvalidDataException($"Spool file {Path} has no record header at offset {offset}");
        }
        var body = new byte[header.Length];
        var read = 0;
        while (read < body.Length)
        {
            var n = RandomAccess.Read(_handle, body.AsSpan(read), offset + SpoolRecordHeader.Size + read);
            if (n == 0)
            {
                throw new InvalidDataException($"Spool file {Path} ends inside the record at offset {offset}");
            }
            read += n;
        }
        return (header, Crc32.Compute(body) == header.Crc ? body : null);
    }

    public void Delete()
    {
        _handle.Dispose();
        File.Delete(Path);
    }

    public void Dispose() => _handle.Dispose();

    private void TryCut()
    {
        try
        {
            RandomAccess.SetLength(_handle, Length);
        }
        catch (IOException)
        {
            // Still torn: the next open cuts the tail off instead.
        }
    }
}
