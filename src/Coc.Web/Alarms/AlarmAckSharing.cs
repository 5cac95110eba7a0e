using System.Text.Json;
using Coc.Core.Alarms;
using Coc.Web.Cluster;

namespace Coc.Web.Alarms;

/// <summary>
/// With several servers each runs its own alarm engine on the same samples (the live fan-out gives every
/// server every sample), so each raises the same alarms. An acknowledgement made on one server is shared
/// through the cluster state (map <c>alarm-acks</c>, one key per alarm id, overwritten: bounded by the
/// number of conditions) and applied on the others, so every screen stops flashing, whichever server it is on.
/// </summary>
/// <remarks>
/// Servers raise an alarm at slightly different instants, so the occurrence numbers differ between
/// servers: a remote acknowledgement applies to the open alarm of that id raised within
/// <see cref="SameAlarmWindow"/> of the acknowledged one. A replayed old acknowledgement (after a
/// reconnect) therefore never acknowledges a later alarm of the same condition.
/// </remarks>
public sealed class AlarmAckSharing(IAlarmBoard board, IClusterState cluster, ILogger<AlarmAckSharing> logger) : IHostedService, IDisposable
{
    public const string ClusterMap = "alarm-acks";
    public static readonly TimeSpan SameAlarmWindow = TimeSpan.FromMinutes(1);

    // Set while applying a remote acknowledgement on this thread: the engine reports it back to us
    // synchronously, and it must not be sent out again.
    [ThreadStatic]
    private static bool t_applyingRemote;

    private IDisposable? _boardWatch;
    private IDisposable? _clusterWatch;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _boardWatch = board.Watch(OnTransition);
        _clusterWatch = cluster.Watch(ClusterMap, OnRemote);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    private void OnTransition(AlarmTransition transition)
    {
        if (transition.Kind != AlarmTransitionKind.Acknowledged || t_applyingRemote || transition.By is null)
        {
            return;
        }
        var ack = new SharedAck(transition.After.RaisedAt, transition.By, transition.Comment, transition.At);
        cluster.Set(ClusterMap, transition.After.Id, JsonSerializer.Serialize(ack));
    }

    private void OnRemote(string alarmId, string value)
    {
        SharedAck? ack;
        try
        {
            ack = JsonSerializer.Deserialize<SharedAck>(value);
        }
        catch (JsonException ex)
        {
            logger.LogWarning(ex, "Ignored an unreadable shared acknowledgement for {Alarm}", alarmId);
            return;
        }
        if (ack is null || board.Find(alarmId) is not { IsAcknowledged: false } alarm
            || (alarm.RaisedAt - ack.RaisedAt).Duration() > SameAlarmWindow)
        {
            return;
        }
        t_applyingRemote = true;
        try
        {
            board.Acknowledge(alarmId, alarm.Occurrence, ack.By, ack.Comment);
        }
        finally
        {
            t_applyingRemote = false;
        }
    }

    public void Dispose()
    {
        _boardWatch?.Dispose();
        _clusterWatch?.Dispose();
        _boardWatch = _clusterWatch = null;
    }

    private sealed record SharedAck(DateTimeOffset RaisedAt, string By, string? Comment, DateTimeOffset At);
}
