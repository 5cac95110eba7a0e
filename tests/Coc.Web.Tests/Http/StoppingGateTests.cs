using Microsoft.AspNetCore.Http;

namespace Coc.Web.Tests.Http;

/// <summary>A replica that is shutting down refuses new requests, so reconnecting wall screens go elsewhere.</summary>
public sealed class StoppingGateTests
{
    [Fact]
    public async Task Request_WhileStopping_Answers503AndClosesWithoutReachingTheApp()
    {
        using var stopping = new CancellationTokenSource();
        await stopping.CancelAsync();
        var context = new DefaultHttpContext();
        var reached = false;

        await StoppingGate.Middleware(stopping.Token)(context, _ => { reached = true; return Task.CompletedTask; });

        Assert.False(reached);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("close", context.Response.Headers.Connection.ToString());
    }

    [Fact]
    public async Task Request_WhileRunning_ReachesTheApp()
    {
        var context = new DefaultHttpContext();
        var reached = false;

        await StoppingGate.Middleware(CancellationToken.None)(context, _ => { reached = true; return Task.CompletedTask; });

        Assert.True(reached);
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
    }
}
