using Coc.Core.Live;
using Coc.Core.Series;
using Microsoft.AspNetCore.SignalR;

namespace Coc.Web.Hub;

/// <summary>
/// <c>/hubs/live</c> for clients that are not Blazor screens (watchdogs, other dashboards, the benchmark).
/// <c>Subscribe(series)</c> answers with the latest update (or null) and from then on pushes <c>update</c>;
/// every client also gets <c>scene</c> when a wall switches scene.
/// </summary>
public sealed class LiveHub(HubSubscriptions subscriptions, LiveState live) : Hub<ILiveClient>
{
    public async Task<LiveUpdate?> Subscribe(SeriesDto series)
    {
        var key = series.ToKey(out var error) ?? throw new HubException($"Subscribe: {error}");
        if (subscriptions.Add(Context.ConnectionId, key.Id, out var limit))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, HubSubscriptions.GroupOf(key.Id));
        }
        else if (limit is not null)
        {
            throw new HubException($"Subscribe: {limit}");
        }
        return live.Get(key)?.Latest is { } latest ? LiveUpdate.From(key, latest.Timestamp, latest.Value) : null;
    }

    public async Task Unsubscribe(SeriesDto series)
    {
        var key = series.ToKey(out var error) ?? throw new HubException($"Unsubscribe: {error}");
        if (subscriptions.Remove(Context.ConnectionId, key.Id))
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, HubSubscriptions.GroupOf(key.Id));
        }
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        subscriptions.RemoveConnection(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}

public interface ILiveClient
{
    [HubMethodName("update")]
    Task Update(LiveUpdate update);

    /// <summary>A wall switched scene, on whichever server it was switched; every client gets it once.</summary>
    [HubMethodName("scene")]
    Task Scene(SceneUpdate update);
}
