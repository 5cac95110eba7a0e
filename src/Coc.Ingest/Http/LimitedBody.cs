using System.Buffers;

namespace Coc.Ingest.Http;

/// <summary>A request body read into a pooled buffer, or the news that it was over the limit. Return the buffer by disposing.</summary>
internal sealed class LimitedBody : IDisposable
{
    private byte[] _buffer;

    private LimitedBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, Length);

    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, Length);

    public Stream AsStream() => new MemoryStream(_buffer, 0, Length, writable: false);

    /// <summary>Reads all of <paramref name="stream"/>, or returns null as soon as more than <paramref name="limit"/> bytes came:
    /// a gzip bomb is stopped at the limit, never inflated whole.</summary>
    public static async Task<LimitedBody?> ReadAsync(Stream stream, int limit, int sizeHint, CancellationToken cancellationToken)
    {
        // A limit under 4 KiB (MaxBodyBytes allows 1024) must not make the clamp's minimum exceed its maximum.
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Clamp(sizeHint, Math.Min(4096, limit + 1), limit + 1));
        var length = 0;
        try
        {
            while (true)
            {
                // Rent may hand out more than asked: never read past limit + 1.
                var capacity = (int)Math.Min(buffer.Length, limit + 1L);
                if (length == capacity)
                {
                    if (length > limit)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        return null;
                    }
                    var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, limit + 1L));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                var read = await stream.ReadAsync(buffer.AsMemory(length, capacity - length), cancellationToken);
                if (read == 0)
                {
                    break;
                }
                length += read;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
        if (length > limit)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return null;
        }
        return new LimitedBody(buffer, length);
    }

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
