using Bunit;
using Coc.Core.Layouts;
using Coc.Web.Components.Tiles;

namespace Coc.Web.Tests.Tiles;

public sealed class KpiThresholdLabelTests : TileTestContext
{
    private static readonly TileSeries River = Series("water_level", "value", "pos-angso-duo");

    private static TileDefinition RiverKpi(bool labelled = true)
    {
        var tile = Tile(TileTypes.Kpi, River);
        tile.Thresholds =
        [
            new Threshold { From = 0, Level = "ok", Label = labelled ? "Normal" : null },
            new Threshold { From = 11.5, Level = "info", Label = labelled ? "Siaga 3" : null },
            new Threshold { From = 12.5, Level = "warning", Label = labelled ? "Siaga 2" : null },
            new Threshold { From = 13.5, Level = "critical", Label = labelled ? "Siaga 1" : null },
        ];
        return tile;
    }

    [Fact]
    public void Render_ValueInALabelledBand_ShowsTheLabelWithTheColour()
    {
        var cut = Context.Render<KpiTile>(p => p.Add(t => t.Tile, RiverKpi()));

        Publish(Key(River), 12.7);

        cut.WaitForAssertion(() => Assert.Equal("Siaga 2", cut.Find(".kpi-level-label").TextContent));
        Assert.Contains("level-warning", cut.Find("[data-tile-id]").ClassList);
        Assert.Contains("has-level-label", cut.Find(".kpi").ClassList);
    }

    [Fact]
    public void Render_ValueRisesIntoTheNextBand_LabelFollows()
    {
        var cut = Context.Render<KpiTile>(p => p.Add(t => t.Tile, RiverKpi()));
        Publish(Key(River), 12.7);
        cut.WaitForAssertion(() => Assert.Equal("Siaga 2", cut.Find(".kpi-level-label").TextContent));

        Time.Advance(RenderInterval);
        Publish(Key(River), 13.7);

        cut.WaitForAssertion(() => Assert.Equal("Siaga 1", cut.Find(".kpi-level-label").TextContent));
    }

    [Fact]
    public void Render_ThresholdsWithoutLabels_NoLabelElement()
    {
        var cut = Context.Render<KpiTile>(p => p.Add(t => t.Tile, RiverKpi(labelled: false)));

        Publish(Key(River), 12.7);

        cut.WaitForAssertion(() => Assert.Contains("level-warning", cut.Find("[data-tile-id]").ClassList));
        Assert.Empty(cut.FindAll(".kpi-level-label"));
        Assert.DoesNotContain("has-level-label", cut.Find(".kpi").ClassList);
    }

    [Fact]
    public void Render_NoData_NoLabel()
    {
        var cut = Context.Render<KpiTile>(p => p.Add(t => t.Tile, RiverKpi()));

        Assert.Empty(cut.FindAll(".kpi-level-label"));
    }
}
