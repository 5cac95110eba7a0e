using System.IO.Compression;

namespace Coc.Storage.Influx;

/// <summary>
/// Bodies are compressed once, when a batch is encoded, and kept compressed in the spool: line protocol
/// shrinks about tenfold, so the same disk holds a tenfold longer outage.
/// </summary>
internal static class Gzip
{
    public static byte[] Compress(ReadOnlySpan<byte> data)
    {
        using var output = new MemoryStream(data.Length / 6 + 64);
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }
        return output.ToArray();
    }

    public static byte[] Decompress(byte[] body)
    {
        using var input = new MemoryStream(body);
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream(body.Length * 8);
        gzip.CopyTo(output);
        return output.ToArray();
    }
}
