using Bunit;
using Coc.Core.Alarms;
using Coc.Core.Series;
using Coc.Web.Components.Alarms;
using Coc.Web.Security;
using Coc.Web.Tests.Tiles;

namespace Coc.Web.Tests.Alarms;

/// <summary>The tablets' and /alarms' list: who may acknowledge, and what an acknowledgement records.</summary>
public sealed class AlarmListTests : TileTestContext
{
    private static readonly SeriesKey AngsoDuo = SeriesKey.Create("water_level", "value", ("sensor", "pos-angso-duo"));

    public AlarmListTests() => Alarms.SetRules(TestAlarmRules.River());

    private IRenderedComponent<AlarmList> RenderAs(string user, params string[] policies)
    {
        var auth = Context.AddAuthorization();
        auth.SetAuthorized(user);
        auth.SetPolicies(policies);
        return Context.Render<AlarmList>();
    }

    [Fact]
    public void Acknowledge_AsDutyOfficerWithComment_RecordsWhoAndComment()
    {
        var cut = RenderAs("siti", CocRoles.Viewer, CocRoles.Operator, CocRoles.DutyOfficer);
        Publish(AngsoDuo, 13.7);
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".alarm-row")));

        cut.Find(".alarm-ack-comment").Change("BPBD sudah di lokasi");
        cut.Find("form.alarm-ack").Submit();

        var alarm = Assert.Single(Alarms.Open);
        Assert.Equal(AlarmState.ActiveAcknowledged, alarm.State);
        Assert.Equal("siti", alarm.AcknowledgedBy);
        Assert.Equal("BPBD sudah di lokasi", alarm.AcknowledgeComment);
        var ack = Assert.Single(Journal.Transitions, t => t.Kind == AlarmTransitionKind.Acknowledged);
        Assert.Equal("siti", ack.By);
        cut.WaitForAssertion(() => Assert.Equal("ack", cut.Find(".alarm-row").GetAttribute("data-state")));
        Assert.Empty(cut.FindAll("form.alarm-ack"));
        Assert.Equal("Acknowledged", cut.Find("[data-ack-result]").GetAttribute("data-ack-result"));
    }

    [Fact]
    public void Render_AsOperator_ListsButOffersNoAcknowledge()
    {
        var cut = RenderAs("andi", CocRoles.Viewer, CocRoles.Operator);

        Publish(AngsoDuo, 13.7);

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".alarm-row")));
        Assert.Empty(cut.FindAll("form.alarm-ack"));
    }

    [Fact]
    public void Acknowledge_ClearedAlarm_ClosesAndLeavesTheList()
    {
        var cut = RenderAs("siti", CocRoles.Viewer, CocRoles.Operator, CocRoles.DutyOfficer);
        Publish(AngsoDuo, 13.7);
        Publish(AngsoDuo, 11.0);
        cut.WaitForAssertion(() => Assert.Equal("cleared", cut.Find(".alarm-row").GetAttribute("data-state")));

        cut.Find("form.alarm-ack").Submit();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".alarm-row")));
        Assert.Empty(Alarms.Open);
        Assert.Equal(AlarmState.Closed, Journal.Transitions[^1].After.State);
    }

    [Fact]
    public void Acknowledge_AlarmReturnedAsNewOccurrenceMeanwhile_RefusedWithReason()
    {
        var cut = RenderAs("siti", CocRoles.Viewer, CocRoles.Operator, CocRoles.DutyOfficer);
        Publish(AngsoDuo, 13.7);
        var first = Assert.Single(Alarms.Open);
        Alarms.Acknowledge(first.Id, first.Occurrence, "budi", null);
        Publish(AngsoDuo, 11.0);
        Time.Advance(TimeSpan.FromMinutes(5));
        Publish(AngsoDuo, 13.8);
        var second = Assert.Single(Alarms.Open);
        Assert.NotEqual(first.Occurrence, second.Occurrence);

        var result = Alarms.Acknowledge(second.Id, first.Occurrence, "siti", null);

        Assert.Equal(AcknowledgeResult.OccurrenceChanged, result);
        Assert.Equal(AlarmState.ActiveUnacknowledged, Assert.Single(Alarms.Open).State);
        cut.WaitForAssertion(() => Assert.Equal("unack", cut.Find(".alarm-row").GetAttribute("data-state")));
    }

    [Fact]
    public void Render_MoreOpenAlarmsThanRows_DrawsTheWorstAndCountsTheRest()
    {
        var cut = RenderAs("andi", CocRoles.Viewer, CocRoles.Operator);

        for (var g = 0; g <= AlarmList.MaxRows; g++)
        {
            Publish(SeriesKey.Create("water_level", "value", ("sensor", $"pos-{g:D3}")), g == 42 ? 13.9 : 12.7);
        }

        cut.WaitForAssertion(() => Assert.Equal(AlarmList.MaxRows, cut.FindAll(".alarm-row").Count));
        Assert.Equal("critical", cut.FindAll(".alarm-row")[0].GetAttribute("data-severity"));
        Assert.Equal("1", cut.Find("[data-more]").GetAttribute("data-more"));
        Assert.Equal((AlarmList.MaxRows + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), cut.Find(".alarm-board").GetAttribute("data-open-count"));
    }
}
