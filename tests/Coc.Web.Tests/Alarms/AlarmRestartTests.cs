using System.Text;
using Coc.Core.Alarms;
using Coc.Core.Series;
using Coc.Tests.Shared;
using Coc.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Coc.Web.Tests.Alarms;

/// <summary>
/// The alarm lifecycle through the whole app and its real SQLite journal: a sample over Siaga 1 raises the
/// shipped rule's alarm, a duty officer acknowledges it, the server restarts, and the alarm and its history
/// are still there, with no second alarm raised for the same condition.
/// </summary>
public sealed class AlarmRestartTests : IDisposable
{
    private static readonly SeriesKey AngsoDuo = SeriesKey.Create("water_level", "value", ("sensor", "pos-angso-duo"));
    private readonly TempFolder _data = new();

    private sealed class App(string data) : CocAppFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
        [
            new("Coc:Storage:DataPath", Path.Combine(data, "store")),
            new("Coc:Alarms:DatabasePath", Path.Combine(data, "alarms.db")),
        ];
    }

    private static async Task WriteLevelAsync(CocAppFactory app, double metres)
    {
        using var client = app.CreateClient();
        var body = FormattableString.Invariant($"water_level,sensor=pos-angso-duo value={metres}\n");
        using var response = await client.PostAsync("/write?db=sensors", new StringContent(body, Encoding.UTF8, "text/plain"));
        Assert.Equal(System.Net.HttpStatusCode.NoContent, response.StatusCode);
    }

    private static Alarm? RiverAlarm(IAlarmBoard board) => board.Open.SingleOrDefault(a => a.RuleId == "sungai-siaga" && AngsoDuo.Equals(a.Series));

    [Fact]
    public async Task Restart_AcknowledgedSiaga1Alarm_StateAndHistorySurviveWithoutDuplicate()
    {
        Alarm before;
        await using (var first = new App(_data.Path))
        {
            var board = first.Services.GetRequiredService<IAlarmBoard>();
            await WriteLevelAsync(first, 13.7);
            var engine = first.Services.GetRequiredService<AlarmEngine>();
            var live = first.Services.GetRequiredService<Coc.Core.Live.LiveState>();
            await Eventually.TrueAsync(() => RiverAlarm(board) is not null,
                $"Siaga 1 alarm raised (rules {engine.Rules.Count}, live {live.Get(AngsoDuo)?.Latest?.Value}, open {board.Open.Count})");
            var raised = RiverAlarm(board)!;
            Assert.Equal(AlarmSeverity.Critical, raised.Severity);
            Assert.Equal(AlarmState.ActiveUnacknowledged, raised.State);

            Assert.Equal(AcknowledgeResult.Acknowledged, board.Acknowledge(raised.Id, raised.Occurrence, "budi", "tim BPBD ke Angso Duo"));
            before = RiverAlarm(board)!;
        }

        await using var second = new App(_data.Path);
        var restored = RiverAlarm(second.Services.GetRequiredService<IAlarmBoard>());
        Assert.NotNull(restored);
        Assert.Equal(before.Id, restored.Id);
        Assert.Equal(before.Occurrence, restored.Occurrence);
        Assert.Equal(AlarmState.ActiveAcknowledged, restored.State);
        Assert.Equal("budi", restored.AcknowledgedBy);
        Assert.Equal("tim BPBD ke Angso Duo", restored.AcknowledgeComment);

        // The condition still holds after the restart: the same alarm, not a second one.
        await WriteLevelAsync(second, 13.8);
        var journal = second.Services.GetRequiredService<IAlarmJournal>();
        await Eventually.TrueAsync(() => second.Services.GetRequiredService<Coc.Core.Live.LiveState>().Get(AngsoDuo)?.Latest?.Value == 13.8, "second sample applied");
        await journal.FlushAsync(CancellationToken.None);
        var history = await journal.QueryAsync(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(1), 100, CancellationToken.None);
        var mine = history.Where(t => t.After.Id == before.Id).Reverse().Select(t => (t.Kind, t.By)).ToArray();
        Assert.Equal([(AlarmTransitionKind.Raised, (string?)null), (AlarmTransitionKind.Acknowledged, "budi")], mine);
        Assert.Equal(AlarmState.ActiveAcknowledged, RiverAlarm(second.Services.GetRequiredService<IAlarmBoard>())!.State);
    }

    public void Dispose() => _data.Dispose();
}
