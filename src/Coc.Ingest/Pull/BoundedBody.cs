namespace Coc.Ingest.Pull;

/// <summary>Reads a response body up to a limit, counting what arrives: a wrong or missing Content-Length cannot make it read more.</summary>
internal static class BoundedBody
{
    /// <summary>The body, or null as soon as more than <paramref name="limit"/> bytes arrived.</summary>
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(Stream stream, int limit, long? lengthHint, CancellationToken cancellationToken)
    {
        var buffer = new byte[(int)Math.Clamp(lengthHint ?? 16 * 1024, 1024, limit + 1L)];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length > limit)
                {
                    return null;
                }
                // Grow up to limit + 1: one byte more than allowed is enough to know the body is too large.
                Array.Resize(ref buffer, (int)Math.Min(buffer.Length * 2L, limit + 1L));
            }
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                return buffer.AsMemory(0, length);
            }
            length += read;
        }
    }
}
