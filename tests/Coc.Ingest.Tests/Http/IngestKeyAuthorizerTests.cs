using System.Text;
using Coc.Core.Security;
using Coc.Ingest.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Coc.Ingest.Tests.Http;

public sealed class IngestKeyAuthorizerTests
{
    private const string AtcsKey = "kunci-atcs-3f9a";
    private const string AllKey = "kunci-semua-77c1";

    private static IngestKeyAuthorizer Authorizer(bool requireKey = true) => new(Options.Create(new IngestKeyOptions
    {
        RequireKey = requireKey,
        Keys =
        [
            new IngestKey { Name = "atcs-vendor", KeyHash = SecretHash.Hash(AtcsKey, 1_000), Feeds = ["atcs"] },
            new IngestKey { Name = "telegraf", KeyHash = SecretHash.Hash(AllKey, 1_000), Feeds = ["*"] },
        ],
    }), NullLogger<IngestKeyAuthorizer>.Instance);

    private static HttpContext Request(Action<HttpRequest> setup)
    {
        var context = new DefaultHttpContext();
        setup(context.Request);
        return context;
    }

    public static TheoryData<string> WaysToSendTheAtcsKey => new() { "token", "bearer", "basic", "x-api-key", "query" };

    private static HttpContext WithKey(string how, string key) => Request(r =>
    {
        switch (how)
        {
            case "token": r.Headers.Authorization = "Token " + key; break;
            case "bearer": r.Headers.Authorization = "Bearer " + key; break;
            case "basic": r.Headers.Authorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("atcs-vendor:" + key)); break;
            case "x-api-key": r.Headers["X-Api-Key"] = key; break;
            case "query": r.QueryString = new QueryString("?db=atcs&u=atcs-vendor&p=" + Uri.EscapeDataString(key)); break;
        }
    });

    [Theory]
    [MemberData(nameof(WaysToSendTheAtcsKey))]
    public async Task IsAllowed_KeyForItsOwnFeed_AllowedHoweverItIsSent(string how)
    {
        Assert.True(await Authorizer().IsAllowedAsync(WithKey(how, AtcsKey), "atcs"));
    }

    [Theory]
    [MemberData(nameof(WaysToSendTheAtcsKey))]
    public async Task IsAllowed_KeyForAnotherFeed_Refused(string how)
    {
        Assert.False(await Authorizer().IsAllowedAsync(WithKey(how, AtcsKey), "sensors"));
    }

    [Fact]
    public async Task IsAllowed_WildcardKey_WritesAnyFeed()
    {
        var authorizer = Authorizer();

        Assert.True(await authorizer.IsAllowedAsync(WithKey("token", AllKey), "sensors"));
        Assert.True(await authorizer.IsAllowedAsync(WithKey("token", AllKey), "etle"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("kunci-palsu")]
    [InlineData("")]
    public async Task IsAllowed_NoOrUnknownKey_Refused(string? key)
    {
        var context = key is null ? Request(_ => { }) : WithKey("token", key);

        Assert.False(await Authorizer().IsAllowedAsync(context, "atcs"));
    }

    [Fact]
    public async Task IsAllowed_BrokenBasicHeader_RefusedNotThrown()
    {
        var context = Request(r => r.Headers.Authorization = "Basic ***not-base64***");

        Assert.False(await Authorizer().IsAllowedAsync(context, "atcs"));
    }

    [Fact]
    public async Task IsAllowed_KeysNotRequired_AllowsAnyone()
    {
        Assert.True(await Authorizer(requireKey: false).IsAllowedAsync(Request(_ => { }), "atcs"));
    }

    [Fact]
    public void Validate_KeyWithoutHashOrFeeds_ErrorsNameTheOption()
    {
        var result = new IngestKeyOptionsValidator().Validate(null, new IngestKeyOptions
        {
            Keys = [new IngestKey { Name = "x", KeyHash = "plain-key", Feeds = [] }],
        });

        Assert.True(result.Failed);
        Assert.Contains("Coc:IngestKeys:Keys:0:KeyHash", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Coc:IngestKeys:Keys:0:Feeds", result.FailureMessage, StringComparison.Ordinal);
    }
}
