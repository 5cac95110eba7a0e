using System.Text;
using Coc.Core.Alarms;
using Coc.Core.Series;
using Coc.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Coc.Web.Tests.Cluster;

/// <summary>
/// Two servers behind one wall, each with its own alarm engine and journal: a sample entering through A raises the
/// alarm on both (the live fan-out), and an acknowledgement on A reaches B through Redis, so no screen keeps flashing.
/// </summary>
public sealed class ClusterAlarmTests : IClassFixture<TwoServerCluster>
{
    private static readonly SeriesKey Gauge = SeriesKey.Create("water_level", "value", ("sensor", "cluster-gauge"));
    private readonly TwoServerCluster _cluster;

    public ClusterAlarmTests(TwoServerCluster cluster) => _cluster = cluster;

    private static Alarm? Siaga(IAlarmBoard board) => board.Open.SingleOrDefault(a => a.RuleId == "sungai-siaga" && Gauge.Equals(a.Series));

    [Fact]
    public async Task Acknowledge_OnA_BsAlarmAcknowledgedByTheSameUserAndJournaled()
    {
        var boardA = _cluster.A.Services.GetRequiredService<IAlarmBoard>();
        var boardB = _cluster.B.Services.GetRequiredService<IAlarmBoard>();
        using var writer = _cluster.A.CreateClient();
        using var write = await writer.PostAsync("/write?db=sensors", new StringContent("water_level,sensor=cluster-gauge value=13.8\n", Encoding.UTF8, "text/plain"));
        Assert.Equal(System.Net.HttpStatusCode.NoContent, write.StatusCode);
        await Eventually.TrueAsync(() => Siaga(boardA) is not null && Siaga(boardB) is not null, "the alarm raised on A and on B");
        var onA = Siaga(boardA)!;

        Assert.Equal(AcknowledgeResult.Acknowledged, boardA.Acknowledge(onA.Id, onA.Occurrence, "budi", "dicek di lapangan"));

        await Eventually.TrueAsync(() => Siaga(boardB)?.IsAcknowledged == true, "B's alarm acknowledged through Redis");
        var onB = Siaga(boardB)!;
        Assert.Equal(AlarmState.ActiveAcknowledged, onB.State);
        Assert.Equal("budi", onB.AcknowledgedBy);
        Assert.Equal("dicek di lapangan", onB.AcknowledgeComment);
        var journalB = _cluster.B.Services.GetRequiredService<IAlarmJournal>();
        await journalB.FlushAsync(CancellationToken.None);
        var history = await journalB.QueryAsync(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(1), 1000, CancellationToken.None);
        var ack = Assert.Single(history, t => t.After.Id == onB.Id && t.Kind == AlarmTransitionKind.Acknowledged);
        Assert.Equal("budi", ack.By);
        // A hears its own acknowledgement back from Redis: still one acknowledgement there, not two.
        var journalA = _cluster.A.Services.GetRequiredService<IAlarmJournal>();
        await journalA.FlushAsync(CancellationToken.None);
        var historyA = await journalA.QueryAsync(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(1), 1000, CancellationToken.None);
        Assert.Single(historyA, t => t.After.Id == onA.Id && t.Kind == AlarmTransitionKind.Acknowledged);
    }
}
