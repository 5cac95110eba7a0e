using Coc.Tests.Shared;

namespace Coc.Ingest.Tests.Support;

/// <summary>Waits on an ingest host's MQTT client; a timeout says why the client was not connected and what mosquitto logged.</summary>
internal static class MosquittoWaits
{
    public static Task UntilReceivingAsync(this IngestHost app, MosquittoBroker broker) =>
        WithDiagnosticsAsync(app, broker, () => Eventually.TrueAsync(() => app.Client.IsReceiving, "the ingest client to subscribe"));

    public static Task UntilNotReceivingAsync(this IngestHost app, MosquittoBroker broker) =>
        WithDiagnosticsAsync(app, broker, () => Eventually.TrueAsync(() => !app.Client.IsReceiving, "the ingest client to notice it is not connected"));

    /// <summary>Until the client's last error contains <paramref name="text"/>: a connect attempt failed for that reason.</summary>
    public static Task UntilLastErrorContainsAsync(this IngestHost app, MosquittoBroker broker, string text) =>
        WithDiagnosticsAsync(app, broker, () => Eventually.TrueAsync(() => app.Client.LastError?.Contains(text, StringComparison.Ordinal) == true,
            $"the ingest client to report an error containing \"{text}\""));

    private static async Task WithDiagnosticsAsync(IngestHost app, MosquittoBroker broker, Func<Task> wait)
    {
        try
        {
            await wait();
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}\nclient's last error: {app.Client.LastError ?? "(none)"}\nmosquitto's log:\n{broker.Log}", ex);
        }
    }
}
