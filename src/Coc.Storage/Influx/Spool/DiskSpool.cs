using System.Globalization;
using Coc.Storage.Embedded;
using Microsoft.Extensions.Logging;

namespace Coc.Storage.Influx.Spool;

/// <summary>
/// A bounded first-in first-out queue of write bodies on disk: what could not reach InfluxDB waits here,
/// across restarts, and leaves oldest first. Append-only segment files; a segment is deleted once every
/// record in it has been taken. A record is taken only after it was sent, so a crash while sending sends
/// it again (InfluxDB keeps one point per series and timestamp, so a repeat changes nothing).
/// </summary>
internal sealed class DiskSpool : IDisposable
{
    private readonly object _lock = new();
    private readonly string _folder;
    private readonly long _maxBytes;
    private readonly long _segmentBytes;
    private readonly ILogger _logger;
    private readonly FolderLock _folderLock;
    private readonly string _positionPath;
    private readonly List<SpoolSegment> _segments = []; // oldest first; the last one takes appends
    private long _readOffset; // inside _segments[0]
    private long _bytes;
    private long _samples;
    private long _nextSequence;
    private long _corruptSamples;

    public DiskSpool(string folder, long maxBytes, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxBytes, SpoolRecordHeader.Size);
        _folder = Path.GetFullPath(folder);
        _maxBytes = maxBytes;
        // Small enough that a drained part of the spool frees its disk soon, large enough to keep the file count low.
        _segmentBytes = Math.Clamp(maxBytes / 16, 64 * 1024, 64 * 1024 * 1024);
        _logger = logger;
        _positionPath = Path.Combine(_folder, "head.pos");
        Directory.CreateDirectory(_folder);
        // Two processes appending to one spool would interleave records: the second fails loudly instead.
        _folderLock = new FolderLock(_folder);
        try
        {
            OpenExisting();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Bytes waiting (headers included), never above the bound given.</summary>
    public long Bytes
    {
        get
        {
            lock (_lock)
            {
                return _bytes;
            }
        }
    }

    /// <summary>Samples waiting.</summary>
    public long Samples
    {
        get
        {
            lock (_lock)
            {
                return _samples;
            }
        }
    }

    public bool IsEmpty => Samples == 0;

    public long MaxBytes => _maxBytes;

    /// <summary>Samples lost because their record was unreadable (its CRC did not match).</summary>
    public long CorruptSamples => Interlocked.Read(ref _corruptSamples);

    /// <summary>
    /// Adds a body at the end; false when it does not fit in the bound (the caller counts the refusal).
    /// Throws <see cref="IOException"/> when the disk refuses the write.
    /// </summary>
    public bool TryAppend(byte[] body, int samples)
    {
        ArgumentNullException.ThrowIfNull(body);
        var size = SpoolRecordHeader.Size + body.Length;
        lock (_lock)
        {
            if (_bytes + size > _maxBytes)
            {
                return false;
            }
            if (_segments.Count == 0 || (_segments[^1].Length > 0 && _segments[^1].Length + size > _segmentBytes))
            {
                _segments.Add(SpoolSegment.Create(_folder, _nextSequence++));
            }
            _segments[^1].Append(body, samples);
            _bytes += size;
            _samples += samples;
            return true;
        }
    }

    /// <summary>The oldest record, left in place until <see cref="Remove"/>; null when the spool is empty.</summary>
    public SpoolRecord? Peek()
    {
        lock (_lock)
        {
            while (_segments.Count > 0)
            {
                var segment = _segments[0];
                if (_readOffset >= segment.Length)
                {
                    if (segment == _segments[^1])
                    {
                        return null;
                    }
                    DropHead();
                    continue;
                }
                var (header, body) = segment.Read(_readOffset);
                if (body is not null)
                {
                    return new SpoolRecord(segment.Sequence, _readOffset, body, header.Samples);
                }
                _logger.LogError("Spool file {Path}: the record at offset {Offset} ({Samples} samples) fails its checksum and is skipped", segment.Path, _readOffset, header.Samples);
                Interlocked.Add(ref _corruptSamples, header.Samples);
                Advance(segment, SpoolRecordHeader.Size + header.Length, header.Samples);
            }
            return null;
        }
    }

    /// <summary>Takes the record returned by <see cref="Peek"/> off the spool (it was sent, or can never be).</summary>
    public void Remove(SpoolRecord record)
    {
        lock (_lock)
        {
            if (_segments.Count == 0 || _segments[0].Sequence != record.Sequence || _readOffset != record.Offset)
            {
                throw new InvalidOperationException("Only the oldest record, as returned by Peek, can be removed.");
            }
            Advance(_segments[0], SpoolRecordHeader.Size + record.Body.Length, record.Samples);
            SavePosition();
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var segment in _segments)
            {
                segment.Dispose();
            }
            _segments.Clear();
            _folderLock.Dispose();
        }
    }

    private void Advance(SpoolSegment segment, long size, int samples)
    {
        _readOffset += size;
        _bytes -= size;
        _samples -= samples;
        if (_readOffset >= segment.Length)
        {
            // Even the segment taking appends goes: the next append starts a fresh file.
            DropHead();
        }
    }

    private void DropHead()
    {
        _segments[0].Delete();
        _segments.RemoveAt(0);
        _readOffset = 0;
    }

    private void OpenExisting()
    {
        var files = Directory.EnumerateFiles(_folder, "*" + SpoolSegment.Extension)
            .Select(path => (Path: path, Sequence: long.TryParse(Path.GetFileNameWithoutExtension(path), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : -1))
            .Where(f => f.Sequence >= 0)
            .OrderBy(f => f.Sequence)
            .ToList();
        foreach (var (path, sequence) in files)
        {
            var segment = SpoolSegment.Open(path, sequence, _logger);
            if (segment.Length == 0)
            {
                segment.Delete();
                continue;
            }
            _segments.Add(segment);
            _bytes += segment.Length;
            _samples += segment.Samples;
        }
        _nextSequence = files.Count == 0 ? 1 : files[^1].Sequence + 1;
        RestorePosition();
        if (_samples > 0)
        {
            _logger.LogInformation("InfluxDB spool {Folder}: {Samples} samples ({Bytes} bytes) left by an earlier run will be written first", _folder, _samples, _bytes);
        }
    }

    // Not flushed to the disk on every record: after a power cut the reader may start a little early, and
    // what it sends again overwrites the same points.
    private void SavePosition()
    {
        var bytes = new byte[16];
        if (_segments.Count > 0)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(bytes, _segments[0].Sequence);
            System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(8), _readOffset);
        }
        try
        {
            File.WriteAllBytes(_positionPath, bytes);
        }
        catch (IOException ex)
        {
            _logger.LogWarning(ex, "Could not save the spool's read position; after a restart some spooled samples are sent twice (harmless)");
        }
    }

    private void RestorePosition()
    {
        if (_segments.Count == 0 || !File.Exists(_positionPath))
        {
            return;
        }
        var bytes = File.ReadAllBytes(_positionPath);
        if (bytes.Length != 16 || System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(bytes) != _segments[0].Sequence)
        {
            return;
        }
        var offset = System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(8));
        // Trusted only when a record starts there; otherwise the whole file is sent again, which is safe.
        if (offset > 0 && _segments[0].SamplesBefore(offset) is { } taken)
        {
            _readOffset = offset;
            _bytes -= offset;
            _samples -= taken;
        }
    }
}

/// <summary>One spooled write body and where it sits, so only that record can be taken off.</summary>
internal sealed record SpoolRecord(long Sequence, long Offset, byte[] Body, int Samples);
