using Coc.Core.Series;
using Coc.Web.Hub;
using Coc.Web.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;

namespace Coc.Web.Tests.Cluster;

/// <summary>A /hubs/live client of one server, as a watchdog or another dashboard would be, recording everything it is sent.</summary>
internal sealed class HubFollower : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly List<double> _values = [];
    private readonly List<string> _scenes = [];
    private readonly List<(double Value, TaskCompletionSource<long> Arrived)> _awaited = [];

    private HubFollower(ClusterAppFactory server)
    {
        _connection = new HubConnectionBuilder()
            .WithUrl(server.BaseUrl + "/hubs/live", o => o.AccessTokenProvider = () => Task.FromResult<string?>(CocAppFactory.ScreenToken))
            .Build();
        _connection.On<LiveUpdate>("update", u =>
        {
            var now = System.Diagnostics.Stopwatch.GetTimestamp();
            lock (_values)
            {
                _values.AddRange(u.Fields.Values);
                foreach (var (value, arrived) in _awaited)
                {
                    if (u.Fields.Values.Contains(value))
                    {
                        arrived.TrySetResult(now);
                    }
                }
            }
        });
        _connection.On<SceneUpdate>("scene", s =>
        {
            lock (_scenes)
            {
                _scenes.Add($"{s.Wall}:{s.Scene}");
            }
        });
    }

    public static async Task<HubFollower> ConnectAsync(ClusterAppFactory server, params SeriesKey[] follow)
    {
        var follower = new HubFollower(server);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await follower._connection.StartAsync(timeout.Token);
        foreach (var series in follow)
        {
            await follower._connection.InvokeAsync<LiveUpdate?>("Subscribe", SeriesDto.From(series), timeout.Token);
        }
        return follower;
    }

    /// <summary>Every value of every <c>update</c>, in arrival order.</summary>
    public double[] Values
    {
        get
        {
            lock (_values)
            {
                return [.. _values];
            }
        }
    }

    /// <summary>Completes with the <see cref="System.Diagnostics.Stopwatch"/> timestamp at which an update with this value arrives; ask before it is sent.</summary>
    public Task<long> ArrivalOf(double value)
    {
        var arrived = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_values)
        {
            _awaited.Add((value, arrived));
        }
        return arrived.Task;
    }

    /// <summary>Every <c>scene</c> message as "wall:scene", in arrival order.</summary>
    public string[] Scenes
    {
        get
        {
            lock (_scenes)
            {
                return [.. _scenes];
            }
        }
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
