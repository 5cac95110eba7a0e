using System.Reflection;
using Coc.Ingest.Http;
using Coc.Web.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace Coc.Web.Tests.Http;

public sealed class LineProtocolOptionsTests
{
    [Fact]
    public void Validate_Defaults_Succeed() =>
        Assert.True(new LineProtocolOptionsValidator().Validate(null, new LineProtocolOptions()).Succeeded);

    [Fact]
    public void Validate_OutOfRange_FailsNamingTheOption()
    {
        var result = new LineProtocolOptionsValidator().Validate(null, new LineProtocolOptions { MaxBodyBytes = 10, RetryAfterSeconds = 0 });

        Assert.False(result.Succeeded);
        Assert.Contains("Coc:LineProtocol:MaxBodyBytes must be", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Coc:LineProtocol:RetryAfterSeconds must be", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Sample_EveryOptionDocumentedAndValid()
    {
        var sample = new ConfigurationBuilder().AddJsonFile(Path.Combine(RepoPaths.Root(), "appsettings.sample.json"), optional: false).Build();
        var section = sample.GetSection(LineProtocolOptions.Section);
        var documented = section.GetChildren().Select(c => c.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var missing = typeof(LineProtocolOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && !documented.Contains(p.Name)).Select(p => p.Name).ToList();

        Assert.True(missing.Count == 0, $"{LineProtocolOptions.Section} in appsettings.sample.json lacks: {string.Join(", ", missing)}");
        var bound = new LineProtocolOptions();
        section.Bind(bound);
        var result = new LineProtocolOptionsValidator().Validate(null, bound);
        Assert.True(result.Succeeded, result.FailureMessage);
    }
}
