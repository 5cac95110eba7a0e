using Coc.Web.Scenes;
using Microsoft.AspNetCore.SignalR;

namespace Coc.Web.Hub;

/// <summary>
/// Tells every /hubs/live client when a wall switches scene. Only switches made on this server: with
/// several servers the message goes through the backplane to every server's clients, so it must leave
/// from one server, the one where the officer switched (see <see cref="HubBroadcaster"/>).
/// </summary>
public sealed class SceneHubAnnouncer(WallSceneState scenes, IHubContext<LiveHub, ILiveClient> hub, ILogger<SceneHubAnnouncer> logger) : IHostedService
{
    private IDisposable? _watch;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _watch = scenes.WatchLocalSwitches((wall, scene) => _ = AnnounceAsync(wall, scene));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _watch?.Dispose();
        return Task.CompletedTask;
    }

    // Not awaited by the switch: a slow or absent Redis must not hold the officer's tap.
    private async Task AnnounceAsync(string wall, string scene)
    {
        try
        {
            await hub.Clients.All.Scene(new SceneUpdate(wall, scene));
        }
        catch (Exception ex)
        {
            logger.LogWarning("Telling hub clients that wall {Wall} switched to {Scene} failed: {Error}", wall, scene, ex.Message);
        }
    }
}
