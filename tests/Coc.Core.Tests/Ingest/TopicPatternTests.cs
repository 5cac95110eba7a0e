using Coc.Core.Ingest.Mapping;

namespace Coc.Core.Tests.Ingest;

public class TopicPatternTests
{
    [Theory]
    [InlineData("dlh/{kecamatan}/udara/{station}", "dlh/+/udara/+")]
    [InlineData("vendor/+/{id}/#", "vendor/+/+/#")]
    [InlineData("#", "#")]
    [InlineData("pos/duga-air", "pos/duga-air")]
    public void Parse_Pattern_FilterReplacesNamesWithPlus(string text, string filter)
    {
        Assert.Equal(filter, TopicPattern.Parse(text).Filter);
    }

    [Fact]
    public void TryMatch_NamedSegments_ReturnsTheirValues()
    {
        var pattern = TopicPattern.Parse("dlh/{kecamatan}/udara/{station}");

        Assert.True(pattern.TryMatch("dlh/telanaipura/udara/st-03", out var values));

        Assert.Equal(["kecamatan", "station"], pattern.SegmentNames);
        Assert.Equal("telanaipura", values["kecamatan"]);
        Assert.Equal("st-03", values["station"]);
        Assert.Equal(2, values.Count);
    }

    [Theory]
    [InlineData("dlh/telanaipura/udara")]           // too short
    [InlineData("dlh/telanaipura/udara/st-03/x")]   // too long without '#'
    [InlineData("dlh/telanaipura/air/st-03")]       // literal differs
    [InlineData("DLH/telanaipura/udara/st-03")]     // topics are case-sensitive
    [InlineData("dlh//udara/st-03")]                // an empty level names no one
    public void TryMatch_OtherTopics_NoMatch(string topic)
    {
        Assert.False(TopicPattern.Parse("dlh/{kecamatan}/udara/{station}").TryMatch(topic, out _));
    }

    [Fact]
    public void TryMatch_TrailingHash_MatchesDeeperTopicsAndThePrefixItself()
    {
        var pattern = TopicPattern.Parse("vendor/{id}/#");

        Assert.True(pattern.TryMatch("vendor/a1/x/y", out var deep));
        Assert.True(pattern.TryMatch("vendor/a1", out _));
        Assert.Equal("a1", deep["id"]);
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("a/{x}/b/{x}", "names segment 'x' twice")]
    [InlineData("a/#/b", "level 2 '#'")]
    [InlineData("a/b+/c", "level 2 'b+'")]
    [InlineData("a//c", "level 2 ''")]
    [InlineData("a/{x y}", "may not contain")]
    public void TryParse_BadPattern_ErrorSaysWhatIsWrong(string text, string expected)
    {
        Assert.False(TopicPattern.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
