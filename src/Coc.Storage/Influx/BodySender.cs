using System.Text;

namespace Coc.Storage.Influx;

/// <summary>
/// Sends one write body and sorts the answer into "done" (written, or refused for good) and "try again".
/// Creates the database first when asked to (InfluxDB 1.x), and halves a body the server finds too large.
/// </summary>
internal sealed class BodySender(InfluxHttp http, bool createDatabase)
{
    private volatile bool _databaseReady = !createDatabase;

    /// <param name="body">Gzip line protocol, one sample a line.</param>
    /// <param name="samples">Lines in the body.</param>
    public async Task<SendResult> SendAsync(byte[] body, int samples, CancellationToken cancellationToken)
    {
        if (!_databaseReady)
        {
            try
            {
                await http.CreateDatabaseAsync(cancellationToken).ConfigureAwait(false);
                _databaseReady = true;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                return SendResult.Retry($"CREATE DATABASE at {http.Describe} failed: {ex.GetBaseException().Message}");
            }
        }

        var outcome = await http.WriteAsync(body, cancellationToken).ConfigureAwait(false);
        return outcome.Result switch
        {
            WriteResult.Written => SendResult.Done(samples, 0, null),
            // A partial write says how many points it dropped; the others are stored.
            WriteResult.Rejected when outcome.Dropped is { } dropped && dropped <= samples => SendResult.Done(samples - dropped, dropped, outcome.Error),
            WriteResult.Rejected => SendResult.Done(0, samples, outcome.Error),
            WriteResult.TooLarge when samples > 1 => await SendHalvesAsync(body, cancellationToken).ConfigureAwait(false),
            WriteResult.TooLarge => SendResult.Done(0, samples, outcome.Error),
            _ => SendResult.Retry(outcome.Error ?? "write failed"),
        };
    }

    // Lines are independent, so any split is as good as the whole. If the second half must be retried,
    // the whole body is sent again later and the first half's points are overwritten with themselves.
    private async Task<SendResult> SendHalvesAsync(byte[] body, CancellationToken cancellationToken)
    {
        var lines = Encoding.UTF8.GetString(Gzip.Decompress(body)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var half = lines.Length / 2;
        var first = await SendAsync(Compress(lines[..half]), half, cancellationToken).ConfigureAwait(false);
        if (first.MustRetry)
        {
            return first;
        }
        var second = await SendAsync(Compress(lines[half..]), lines.Length - half, cancellationToken).ConfigureAwait(false);
        return second.MustRetry ? second : SendResult.Done(first.Written + second.Written, first.Rejected + second.Rejected, second.Error ?? first.Error);
    }

    private static byte[] Compress(string[] lines) => Gzip.Compress(Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"));
}

/// <summary>Either done (some written, some refused for good) or to be retried with the error that stopped it.</summary>
internal readonly record struct SendResult(bool MustRetry, int Written, int Rejected, string? Error)
{
    public static SendResult Done(int written, int rejected, string? error) => new(false, written, rejected, error);

    public static SendResult Retry(string error) => new(true, 0, 0, error);
}
