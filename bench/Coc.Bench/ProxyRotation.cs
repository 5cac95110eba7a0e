namespace Coc.Bench;

/// <summary>
/// Whether haproxy routes to a replica again, seen from outside as a browser would: a request carrying that
/// replica's COCSERVER cookie is served by it (no new cookie comes back) once the proxy's health checks have
/// taken it back into rotation; until then the proxy redispatches it and sets the other replica's cookie.
/// </summary>
public sealed class ProxyRotation(Uri proxy) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
    {
        BaseAddress = proxy,
        Timeout = TimeSpan.FromSeconds(5),
    };

    public async Task WaitInRotationAsync(string replica, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await ServedByAsync(replica, cancellationToken))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new BenchException($"haproxy did not route to {replica} again within {timeout.TotalSeconds:0} s");
            }
            await Task.Delay(100, cancellationToken); // polling the condition, not waiting in its place
        }
    }

    private async Task<bool> ServedByAsync(string replica, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Add("Cookie", "COCSERVER=" + replica);
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            var reassigned = response.Headers.TryGetValues("Set-Cookie", out var cookies)
                && cookies.Any(c => c.StartsWith("COCSERVER=", StringComparison.Ordinal) && !c.StartsWith($"COCSERVER={replica};", StringComparison.Ordinal));
            return response.IsSuccessStatusCode && !reassigned;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public void Dispose() => _http.Dispose();
}
