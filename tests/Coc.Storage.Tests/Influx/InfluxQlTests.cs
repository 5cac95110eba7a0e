using Coc.Core.Series;
using Coc.Storage.Influx;

namespace Coc.Storage.Tests.Influx;

public sealed class InfluxQlTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 10, 8, 0, 0, TimeSpan.Zero);
    private static readonly SeriesKey Vehicles = SeriesKey.Create("atcs", "vehicles", ("lane", "north"), ("intersection", "simpang-kawat"));

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("with \"quote\"", "\"with \\\"quote\\\"\"")]
    [InlineData("back\\slash", "\"back\\\\slash\"")]
    [InlineData("line\nbreak", "\"line\\nbreak\"")]
    public void Ident_EscapesQuoteBackslashAndLineBreak(string name, string expected)
    {
        Assert.Equal(expected, InfluxQl.Ident(name));
    }

    [Fact]
    public void Literal_QuoteInValue_CannotEndTheString()
    {
        Assert.Equal(@"'x\' OR \'1\'=\'1'", InfluxQl.Literal("x' OR '1'='1"));
    }

    [Fact]
    public void Raw_EveryTagCompared_TimeAsRfc3339_GroupedByEveryTag()
    {
        var q = new InfluxQl(null).Raw(Vehicles, T0, T0.AddMinutes(1));

        Assert.Equal("SELECT \"vehicles\" FROM \"atcs\" WHERE time >= '2025-03-10T08:00:00.000Z' AND time < '2025-03-10T08:01:00.000Z'" +
            " AND \"intersection\" = 'simpang-kawat' AND \"lane\" = 'north' GROUP BY *", q);
    }

    [Fact]
    public void Buckets_WithRetentionPolicy_QualifiesMeasurementAndGroupsByMilliseconds()
    {
        var q = new InfluxQl("a year").Buckets(SeriesKey.Create("m", "f"), T0, T0.AddHours(24), 60_000);

        Assert.Equal("SELECT mean(\"f\"), min(\"f\"), max(\"f\"), count(\"f\") FROM \"a year\".\"m\" WHERE time >= '2025-03-10T08:00:00.000Z'" +
            " AND time < '2025-03-11T08:00:00.000Z' GROUP BY time(60000ms), * fill(none)", q);
    }

    [Fact]
    public void Latest_NoTags_NoWhere()
    {
        Assert.Equal("SELECT last(\"f\") FROM \"m\" GROUP BY *", new InfluxQl(null).Latest(SeriesKey.Create("m", "f")));
    }
}
