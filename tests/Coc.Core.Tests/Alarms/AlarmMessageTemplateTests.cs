using System.Globalization;
using Coc.Core.Alarms;

namespace Coc.Core.Tests.Alarms;

public class AlarmMessageTemplateTests
{
    [Fact]
    public void Format_Indonesian_CommaDecimalsAndNames()
    {
        var template = AlarmMessageTemplate.TryParse("{name}: {label} {value} m (batas {threshold} m)", out _)!;

        var text = template.Format(new AlarmMessageValues("Pos Angso Duo", 13.624, "Siaga 1", 13.5, null, null, null), CultureInfo.GetCultureInfo("id-ID"));

        Assert.Equal("Pos Angso Duo: Siaga 1 13,62 m (batas 13,5 m)", text);
    }

    [Fact]
    public void Format_MissingValue_Dash()
    {
        var template = AlarmMessageTemplate.TryParse("{feed} {value}", out _)!;

        Assert.Equal("atcs –", template.Format(new AlarmMessageValues(null, null, null, null, null, "atcs", null), CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("{value", "'{' without '}'")]
    [InlineData("value}", "'}' without '{'")]
    [InlineData("{Value}", "unknown placeholder '{Value}'")]
    public void TryParse_Broken_Error(string text, string expected)
    {
        Assert.Null(AlarmMessageTemplate.TryParse(text, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
