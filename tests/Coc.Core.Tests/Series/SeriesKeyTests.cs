using Coc.Core.Series;

namespace Coc.Core.Tests.Series;

public class SeriesKeyTests
{
    [Fact]
    public void Equals_SameTagsInDifferentOrder_EqualWithSameIdAndHash()
    {
        var a = SeriesKey.Create("air_quality", "pm25", ("sensor", "aq-07"), ("district", "telanaipura"));
        var b = SeriesKey.Create("air_quality", "pm25", ("district", "telanaipura"), ("sensor", "aq-07"));

        Assert.Equal(a, b);
        Assert.True(a.Equals((object)b));
        Assert.Equal(a.Id, b.Id);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void Equals_DictionaryAndCreate_Equal()
    {
        var fromDictionary = new SeriesKey("atcs", "vehicles", new Dictionary<string, string> { ["intersection"] = "simpang-kawat" });

        Assert.Equal(SeriesKey.Create("atcs", "vehicles", ("intersection", "simpang-kawat")), fromDictionary);
    }

    [Theory]
    [InlineData("atcs", "queue_m", "intersection", "simpang-kawat")]
    [InlineData("etle", "vehicles", "intersection", "simpang-kawat")]
    [InlineData("atcs", "vehicles", "intersection", "simpang-rimbo")]
    [InlineData("atcs", "vehicles", "camera", "simpang-kawat")]
    [InlineData("ATCS", "vehicles", "intersection", "simpang-kawat")]
    public void Equals_AnyPartDiffers_NotEqual(string measurement, string field, string tagKey, string tagValue)
    {
        var reference = SeriesKey.Create("atcs", "vehicles", ("intersection", "simpang-kawat"));

        var other = SeriesKey.Create(measurement, field, (tagKey, tagValue));

        Assert.NotEqual(reference, other);
        Assert.NotEqual(reference.Id, other.Id);
    }

    [Fact]
    public void Equals_ExtraTag_NotEqual()
    {
        Assert.NotEqual(
            SeriesKey.Create("atcs", "vehicles", ("intersection", "a")),
            SeriesKey.Create("atcs", "vehicles", ("intersection", "a"), ("lane", "1")));
    }

    [Fact]
    public void Equals_Null_False()
    {
        Assert.False(SeriesKey.Create("m", "f").Equals(null));
        Assert.False(SeriesKey.Create("m", "f").Equals("m#f"));
    }

    [Fact]
    public void Id_Tags_CanonicalSortedForm()
    {
        var key = SeriesKey.Create("atcs", "vehicles", ("lane", "2"), ("intersection", "simpang-kawat"));

        Assert.Equal("atcs,intersection=simpang-kawat,lane=2#vehicles", key.Id);
        Assert.Equal(key.Id, key.ToString());
        Assert.Equal(["intersection", "lane"], key.Tags.Keys);
    }

    [Fact]
    public void Id_NoTags_MeasurementAndField()
    {
        Assert.Equal("rainfall#mm", new SeriesKey("rainfall", "mm").Id);
        Assert.Empty(new SeriesKey("rainfall", "mm", new Dictionary<string, string>()).Tags);
    }

    [Fact]
    public void Id_TagValueWithSeparators_DiffersFromSeparateTags()
    {
        var oneTag = SeriesKey.Create("m", "f", ("a", "b,c=d"));
        var twoTags = SeriesKey.Create("m", "f", ("a", "b"), ("c", "d"));

        Assert.NotEqual(oneTag.Id, twoTags.Id);
        Assert.NotEqual(oneTag, twoTags);
        Assert.Equal(@"m,a=b\,c\=d#f", oneTag.Id);
    }

    [Fact]
    public void Id_CommaInTagKeyVersusValue_Unambiguous()
    {
        var commaInKey = SeriesKey.Create("m", "f", ("a,b", "c"));
        var commaInValue = SeriesKey.Create("m", "f", ("a", "b,c"));

        Assert.NotEqual(commaInKey.Id, commaInValue.Id);
    }

    [Fact]
    public void Id_HashInMeasurementVersusField_Unambiguous()
    {
        var hashInMeasurement = new SeriesKey("a#b", "c");
        var hashInField = new SeriesKey("a", "b#c");

        Assert.NotEqual(hashInMeasurement.Id, hashInField.Id);
    }

    [Fact]
    public void Id_BackslashBeforeSeparator_Unambiguous()
    {
        // "b\" followed by a real separator must not read the same as an escaped separator inside one value.
        var backslashThenTag = SeriesKey.Create("m", "f", ("a", @"b\"), ("c", "d"));
        var escapedInValue = SeriesKey.Create("m", "f", ("a", @"b\,c=d"));

        Assert.NotEqual(backslashThenTag.Id, escapedInValue.Id);
    }

    [Fact]
    public void Ctor_SourceDictionaryChangedAfterwards_KeyUnchanged()
    {
        var tags = new Dictionary<string, string> { ["sensor"] = "s1" };
        var key = new SeriesKey("water_level", "value", tags);

        tags["sensor"] = "s2";
        tags["extra"] = "x";

        Assert.Equal("water_level,sensor=s1#value", key.Id);
        Assert.Single(key.Tags);
    }

    [Fact]
    public void Ctor_NullMeasurement_ArgumentNullException()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => new SeriesKey(null!, "value"));
        Assert.Equal("measurement", ex.ParamName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Ctor_BlankMeasurement_ArgumentException(string measurement)
    {
        var ex = Assert.Throws<ArgumentException>(() => new SeriesKey(measurement, "value"));
        Assert.Equal("measurement", ex.ParamName);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("\t")]
    public void Ctor_BlankField_ArgumentException(string? field)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => new SeriesKey("water_level", field!));
        Assert.Equal("field", ex.ParamName);
    }

    [Fact]
    public void Ctor_NullTagValue_ArgumentException()
    {
        var tags = new Dictionary<string, string> { ["sensor"] = null! };

        var ex = Assert.Throws<ArgumentException>(() => new SeriesKey("water_level", "value", tags));
        Assert.Equal("tags", ex.ParamName);
    }

    [Fact]
    public void Create_DuplicateTagKey_ArgumentException()
    {
        Assert.Throws<ArgumentException>(() => SeriesKey.Create("m", "f", ("a", "1"), ("a", "2")));
    }

    [Fact]
    public void GetHashCode_EqualKeys_UsableAsDictionaryKey()
    {
        var map = new Dictionary<SeriesKey, int> { [SeriesKey.Create("m", "f", ("x", "1"), ("y", "2"))] = 42 };

        Assert.Equal(42, map[SeriesKey.Create("m", "f", ("y", "2"), ("x", "1"))]);
    }
}
