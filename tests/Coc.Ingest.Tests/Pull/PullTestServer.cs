using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Coc.Ingest.Tests.Pull;

/// <summary>
/// A real Kestrel server on a loopback port that answers each GET with whatever the test set last:
/// JSON, a status, a body larger than announced, or no answer until the client gives up.
/// </summary>
internal sealed class PullTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private Func<HttpContext, CancellationToken, Task> _handler = (c, _) => WriteJsonAsync(c, "{}");
    private int _requests;

    private PullTestServer(WebApplication app) => _app = app;

    public static async Task<PullTestServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new PullTestServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        return server;
    }

    /// <summary>The server's base address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl => _app.Urls.Single();

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Headers of the newest request (copied: Kestrel reuses its own after the request).</summary>
    public IReadOnlyDictionary<string, string> LastHeaders { get; private set; } = new Dictionary<string, string>();

    /// <summary>Path and query of the newest request.</summary>
    public string LastPathAndQuery { get; private set; } = "";

    public void Respond(Func<HttpContext, CancellationToken, Task> handler) => Volatile.Write(ref _handler, handler);

    public void RespondJson(string json) => Respond((c, _) => WriteJsonAsync(c, json));

    public void RespondStatus(int status, string body = "") => Respond(async (c, _) =>
    {
        c.Response.StatusCode = status;
        await c.Response.WriteAsync(body);
    });

    /// <summary>Never answers: holds the request until the client aborts it or the server stops.</summary>
    public void RespondNever() => Respond(async (c, stopping) =>
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(c.RequestAborted, stopping);
        try
        {
            await Task.Delay(Timeout.Infinite, either.Token);
        }
        catch (OperationCanceledException)
        {
        }
    });

    public static async Task WriteJsonAsync(HttpContext context, string json)
    {
        context.Response.ContentType = "application/json";
        var bytes = Encoding.UTF8.GetBytes(json);
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes);
    }

    private async Task HandleAsync(HttpContext context)
    {
        LastHeaders = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        LastPathAndQuery = context.Request.Path + context.Request.QueryString;
        Interlocked.Increment(ref _requests);
        await Volatile.Read(ref _handler)(context, _stopping.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}
