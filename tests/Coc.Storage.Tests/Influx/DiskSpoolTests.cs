using System.Text;
using Coc.Storage.Influx.Spool;
using Coc.Storage.Tests.Support;
using Coc.Tests.Shared;

namespace Coc.Storage.Tests.Influx;

public sealed class DiskSpoolTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly CollectingLogger<DiskSpool> _logger = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void TryAppend_PastTheBound_RefusedAndOlderRecordsKept()
    {
        using var spool = Open(maxBytes: 3 * (16 + 100));

        Assert.True(spool.TryAppend(Body(1, 100), 1));
        Assert.True(spool.TryAppend(Body(2, 100), 2));
        Assert.True(spool.TryAppend(Body(3, 100), 3));
        Assert.False(spool.TryAppend(Body(4, 100), 4));

        Assert.Equal(6, spool.Samples);
        Assert.Equal(3 * 116, spool.Bytes);
        Assert.Equal([1, 2, 3], Drain(spool));
    }

    [Fact]
    public void Peek_RecordsOverManySegments_OldestFirstAndTakenSegmentsDeleted()
    {
        // 64 KiB segments: forty 10 KiB records fill several files.
        using var spool = Open(maxBytes: 1 << 20);
        for (var i = 1; i <= 40; i++)
        {
            Assert.True(spool.TryAppend(Body(i, 10_000), i));
        }
        Assert.True(SpoolFiles().Length > 3, $"{SpoolFiles().Length} files");

        Assert.Equal(Enumerable.Range(1, 40), Drain(spool));
        Assert.True(spool.IsEmpty);
        Assert.Equal(0, spool.Bytes);
        Assert.Empty(SpoolFiles());
    }

    [Fact]
    public void Open_AfterDispose_SameRecordsInOrderAndAppendsGoBehindThem()
    {
        using (var first = Open())
        {
            first.TryAppend(Body(1, 50), 1);
            first.TryAppend(Body(2, 50), 2);
            var taken = first.Peek()!;
            first.Remove(taken);
            first.TryAppend(Body(3, 50), 3);
        }

        using var reopened = Open();
        Assert.Equal(5, reopened.Samples);
        reopened.TryAppend(Body(4, 50), 4);

        Assert.Equal([2, 3, 4], Drain(reopened));
    }

    [Fact]
    public void Open_LastRecordHalfWritten_KeepsEveryWholeRecordAndCutsTheTail()
    {
        using (var first = Open())
        {
            first.TryAppend(Body(1, 200), 1);
            first.TryAppend(Body(2, 200), 2);
            first.TryAppend(Body(3, 200), 3);
        }
        var file = Assert.Single(SpoolFiles());
        // A crash in the middle of the third record's write.
        using (var stream = new FileStream(file, FileMode.Open))
        {
            stream.SetLength(2 * 216 + 100);
        }

        using var reopened = Open();

        Assert.Equal(3, reopened.Samples);
        Assert.Equal(2 * 216, new FileInfo(file).Length);
        Assert.Contains(_logger.Entries, e => e.Message.Contains("not a whole record", StringComparison.Ordinal));
        reopened.TryAppend(Body(4, 200), 4);
        Assert.Equal([1, 2, 4], Drain(reopened));
    }

    [Fact]
    public void Open_TornHeaderAtTheEnd_KeepsEveryWholeRecord()
    {
        using (var first = Open())
        {
            first.TryAppend(Body(1, 200), 1);
        }
        var file = Assert.Single(SpoolFiles());
        File.AppendAllText(file, "CSP"); // three bytes of the next header

        using var reopened = Open();

        Assert.Equal([1], Drain(reopened));
    }

    [Fact]
    public void Peek_RecordWithRottenBytes_SkippedAndCounted()
    {
        using (var first = Open())
        {
            first.TryAppend(Body(1, 200), 1);
            first.TryAppend(Body(2, 200), 5);
            first.TryAppend(Body(3, 200), 3);
        }
        var file = Assert.Single(SpoolFiles());
        var bytes = File.ReadAllBytes(file);
        bytes[216 + 16 + 50] ^= 0xFF; // inside the second record's body
        File.WriteAllBytes(file, bytes);

        using var reopened = Open();

        Assert.Equal([1, 3], Drain(reopened));
        Assert.Equal(5, reopened.CorruptSamples);
        Assert.Contains(_logger.Entries, e => e.Message.Contains("checksum", StringComparison.Ordinal));
    }

    [Fact]
    public void Open_FolderInUseByAnotherSpool_Throws()
    {
        using var first = Open();

        Assert.Throws<InvalidOperationException>(() => Open());
    }

    [Fact]
    public void Remove_NotTheOldestRecord_Throws()
    {
        using var spool = Open();
        spool.TryAppend(Body(1, 10), 1);
        var oldest = spool.Peek()!;

        Assert.Throws<InvalidOperationException>(() => spool.Remove(oldest with { Offset = 99 }));
    }

    [Fact]
    public void Crc32_StandardCheckValue()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
    }

    private DiskSpool Open(long maxBytes = 1 << 20) => new(_folder.Path, maxBytes, _logger);

    private string[] SpoolFiles() => Directory.GetFiles(_folder.Path, "*.spool");

    /// <summary>A body whose first bytes name it, padded to <paramref name="length"/>.</summary>
    private static byte[] Body(int id, int length)
    {
        var body = new byte[length];
        Random.Shared.NextBytes(body);
        Encoding.ASCII.GetBytes($"#{id:D6}#").CopyTo(body, 0);
        return body;
    }

    private static List<int> Drain(DiskSpool spool)
    {
        var ids = new List<int>();
        while (spool.Peek() is { } record)
        {
            ids.Add(int.Parse(Encoding.ASCII.GetString(record.Body, 1, 6), System.Globalization.CultureInfo.InvariantCulture));
            spool.Remove(record);
        }
        return ids;
    }
}
