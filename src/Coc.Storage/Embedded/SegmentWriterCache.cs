using Microsoft.Extensions.Logging;

namespace Coc.Storage.Embedded;

/// <summary>
/// Keeps the few most recently written segments open for appending. Live data touches one or two
/// hours, so reopening per batch would be waste; the bound stops a replay of old data from holding
/// a handle per hour. Not thread-safe: the store calls it under its write lock.
/// </summary>
internal sealed class SegmentWriterCache(string folder, ILogger logger, int capacity = 4) : IDisposable
{
    private readonly Dictionary<long, Entry> _open = [];
    private long _clock;

    /// <summary>
    /// One write per call, unbuffered: the caller already assembled the batch's bytes for this hour,
    /// so they reach the OS (visible to readers, safe from a process crash) before this returns.
    /// </summary>
    public void Append(long hour, ReadOnlySpan<byte> records) => Get(hour).Write(records);

    /// <summary>Closes the hour's stream, if open, so its file can be deleted.</summary>
    public void Close(long hour)
    {
        if (_open.Remove(hour, out var entry))
        {
            entry.Stream.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var entry in _open.Values)
        {
            entry.Stream.Dispose();
        }
        _open.Clear();
    }

    private FileStream Get(long hour)
    {
        if (!_open.TryGetValue(hour, out var entry))
        {
            if (_open.Count >= capacity)
            {
                Close(_open.MinBy(e => e.Value.LastUse).Key);
            }
            entry = new Entry(Open(hour));
            _open.Add(hour, entry);
        }
        entry.LastUse = ++_clock;
        return entry.Stream;
    }

    private FileStream Open(long hour)
    {
        var path = SegmentFiles.PathOf(folder, hour);
        var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.OpenOrCreate,
            Access = FileAccess.Write,
            Share = FileShare.ReadWrite | FileShare.Delete,
            BufferSize = 0,
        });
        // A crash mid-write leaves a partial record; appending after it would shift every later record.
        var torn = stream.Length % SegmentRecord.Size;
        if (torn != 0)
        {
            logger.LogWarning("Segment {Path} ends with a partial record ({Bytes} bytes); cutting it off before appending", path, torn);
            stream.SetLength(stream.Length - torn);
        }
        stream.Seek(0, SeekOrigin.End);
        return stream;
    }

    private sealed class Entry(FileStream stream)
    {
        public FileStream Stream { get; } = stream;

        public long LastUse { get; set; }
    }
}
