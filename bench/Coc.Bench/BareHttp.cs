using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Coc.Bench;

/// <summary>
/// The peer of the HTTP doors, run as <c>Coc.Bench bare-http PORT</c> in a child process: a minimal ASP.NET
/// Core app (Kestrel on 127.0.0.1:PORT, HTTP/1.1) whose <c>POST /write</c> and <c>POST /api/ingest/{feed}</c>
/// read the whole body and answer 204, and nothing else: no parsing, no queue, no store, no logging. It
/// runs until its standard input closes, so it also ends when the bench does.
/// </summary>
public static class BareHttp
{
    public const string Mode = "bare-http";
    public const string ReadyLine = "bare-http ready";

    public static async Task<int> RunAsync(string portText)
    {
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65_535)
        {
            await Console.Error.WriteLineAsync($"usage: Coc.Bench {Mode} PORT (1-65535), got '{portText}'");
            return 2;
        }
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        await using var app = builder.Build();
        // Both doors' routes, so each bench sends to the same path as against Coc (routing is part of HTTP's cost).
        app.MapPost("/write", ReadAndAnswer204Async);
        app.MapPost("/api/ingest/{feed}", ReadAndAnswer204Async);
        await app.StartAsync();
        Console.WriteLine(ReadyLine);
        // Blocks until the parent closes the pipe (or dies); nothing is ever written to it.
        await Console.In.ReadToEndAsync();
        await app.StopAsync();
        return 0;
    }

    private static async Task ReadAndAnswer204Async(HttpContext context)
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            var body = context.Request.Body;
            while (await body.ReadAsync(buffer, context.RequestAborted) > 0)
            {
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }
}
