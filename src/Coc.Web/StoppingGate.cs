namespace Coc.Web;

/// <summary>
/// A replica that is shutting down takes no new requests: 503 with <c>Connection: close</c>. On a graceful stop
/// SignalR closes every circuit's connection at ApplicationStopping, while Kestrel still listens; a wall screen
/// reconnects at once (kiosk.js) and, without this gate, would land on the dying process again and hold its
/// shutdown until the host's timeout. Refused here, the screen retries a second later on a live replica (behind
/// the proxy) or on the restarted server. <c>/health/live</c> turns 503 too, so the proxy drops the replica sooner.
/// </summary>
public static class StoppingGate
{
    public static Func<HttpContext, RequestDelegate, Task> Middleware(CancellationToken stopping) => (context, next) =>
    {
        if (!stopping.IsCancellationRequested)
        {
            return next(context);
        }
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.Connection = "close";
        return Task.CompletedTask;
    };
}
