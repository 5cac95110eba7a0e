using Coc.Ingest.Pull;

namespace Coc.Ingest.Tests.Pull;

public sealed class PullOptionsValidatorTests
{
    private static PullSource Good(string name = "bmkg-cuaca") => PullSources.WaterLevel("https://api.example.go.id/v1/data?key=x", name);

    private static IReadOnlyList<string> Errors(params PullSource[] sources)
    {
        var result = new PullOptionsValidator().Validate(null, new PullOptions { Sources = [.. sources] });
        return result.Succeeded ? [] : [.. result.Failures!];
    }

    [Fact]
    public void Validate_NoSources_Succeeds() => Assert.Empty(Errors());

    [Fact]
    public void Validate_GoodSources_Succeed() => Assert.Empty(Errors(Good(), Good("sungai-2")));

    [Fact]
    public void Validate_BadFieldPath_NamesTheFieldsKey()
    {
        var source = Good();
        source.Fields["pm25"] = "$.data[";

        var error = Assert.Single(Errors(source));

        Assert.StartsWith("Coc:Pull:Sources:0:Fields:pm25 '$.data[' ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MappingErrors_NameTheirKeys()
    {
        var source = Good();
        source.Measurement = "";
        source.Items = "$..x";
        source.Tags["sensor"] = "";
        source.TimestampUnit = "ns";
        source.Fields.Clear();

        var errors = Errors(Good("sungai"), source);

        Assert.Contains("Coc:Pull:Sources:1:Measurement is required", errors);
        Assert.Contains(errors, e => e.StartsWith("Coc:Pull:Sources:1:Items '$..x' ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Coc:Pull:Sources:1:Tags:sensor ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Coc:Pull:Sources:1:Fields needs at least one", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Coc:Pull:Sources:1:TimestampUnit must be 'ms' or 's'", StringComparison.Ordinal));
        Assert.Equal(5, errors.Count);
    }

    [Theory]
    [InlineData("", "Coc:Pull:Sources:0:Name '' must be")]
    [InlineData("BMKG", "Coc:Pull:Sources:0:Name 'BMKG' must be")]
    [InlineData("-bmkg", "Coc:Pull:Sources:0:Name '-bmkg' must be")]
    [InlineData("bmkg_cuaca", "Coc:Pull:Sources:0:Name 'bmkg_cuaca' must be")]
    public void Validate_BadName_NamesTheKey(string name, string expected) =>
        Assert.StartsWith(expected, Assert.Single(Errors(Good(name))), StringComparison.Ordinal);

    [Fact]
    public void Validate_DuplicateNames_Refused() =>
        Assert.Equal("Coc:Pull:Sources: name 'bmkg-cuaca' appears 2 times", Assert.Single(Errors(Good(), Good())));

    [Theory]
    [InlineData("ftp://example.org/data.json", "Coc:Pull:Sources:0:Url 'ftp://example.org/…' must be an absolute http:// or https:// URL")]
    [InlineData("api.example.go.id/data", "Coc:Pull:Sources:0:Url '(not a URL)' must be an absolute http:// or https:// URL")]
    [InlineData("/relative/data.json", "Coc:Pull:Sources:0:Url ")]
    [InlineData("", "Coc:Pull:Sources:0:Url '(not a URL)' must be an absolute http:// or https:// URL")]
    [InlineData("https://user:sandi@example.org/data", "Coc:Pull:Sources:0:Url must not carry credentials")]
    public void Validate_BadUrl_NamesTheKeyWithoutShowingSecrets(string url, string expected)
    {
        var source = Good();
        source.Url = url;

        var error = Assert.Single(Errors(source));

        Assert.StartsWith(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("sandi", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UrlWithQuery_ErrorShowsNoQuery()
    {
        var source = Good();
        source.Url = "ftp://example.org/data?token=rahasia";

        Assert.DoesNotContain("rahasia", Assert.Single(Errors(source)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(PullSource.IntervalSeconds), 0, "Coc:Pull:Sources:0:IntervalSeconds must be 1-86400, got 0")]
    [InlineData(nameof(PullSource.IntervalSeconds), 86_401, "Coc:Pull:Sources:0:IntervalSeconds must be 1-86400, got 86401")]
    [InlineData(nameof(PullSource.TimeoutSeconds), 0, "Coc:Pull:Sources:0:TimeoutSeconds must be 1-3600, got 0")]
    [InlineData(nameof(PullSource.MaxBackoffSeconds), 0, "Coc:Pull:Sources:0:MaxBackoffSeconds must be 1-86400, got 0")]
    [InlineData(nameof(PullSource.MaxBackoffSeconds), 86_401, "Coc:Pull:Sources:0:MaxBackoffSeconds must be 1-86400, got 86401")]
    [InlineData(nameof(PullSource.MaxResponseBytes), 1023, "Coc:Pull:Sources:0:MaxResponseBytes must be 1024-67108864, got 1023")]
    public void Validate_OutOfRange_NamesTheKey(string property, int value, string expected)
    {
        var source = Good();
        typeof(PullSource).GetProperty(property)!.SetValue(source, value);

        Assert.Equal(expected, Assert.Single(Errors(source)));
    }

    [Fact]
    public void Validate_MaxBackoffBelowTheInterval_Allowed()
    {
        // A source polled every 15 minutes keeps the default back-off cap of 10 minutes: failures never poll faster.
        var source = Good();
        source.IntervalSeconds = 900;

        Assert.Empty(Errors(source));
    }

    [Fact]
    public void Validate_TimeoutLongerThanInterval_Allowed()
    {
        var source = Good();
        source.IntervalSeconds = 5;
        source.TimeoutSeconds = 30;

        Assert.Empty(Errors(source));
    }

    [Fact]
    public void Validate_BadHeaders_NameTheKey()
    {
        var source = Good();
        source.Headers["X Api Key"] = "a";
        source.Headers["X-Api-Key"] = "a\r\nX-Injected: 1";

        var errors = Errors(source);

        Assert.Equal(["Coc:Pull:Sources:0:Headers:X Api Key is not a valid HTTP header name",
            "Coc:Pull:Sources:0:Headers:X-Api-Key must be a value without line breaks"], errors);
    }
}
