using System.IO.Compression;
using System.Net;
using System.Text;
using Coc.Ingest.Http;
using Coc.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Coc.Web.Tests.Http;

/// <summary>The app with a 4 KiB body limit and an authorizer that keeps feed "locked" shut.</summary>
public sealed class LimitedWriteAppFactory : CocAppFactory
{
    public const int MaxBodyBytes = 4096;

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
        [new("Coc:LineProtocol:MaxBodyBytes", MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IIngestAuthorizer, LockedFeedAuthorizer>());
    }

    private sealed class LockedFeedAuthorizer : IIngestAuthorizer
    {
        public ValueTask<bool> IsAllowedAsync(HttpContext context, string feed) => ValueTask.FromResult(feed != "locked");
    }
}

public sealed class WriteLimitsTests : IClassFixture<LimitedWriteAppFactory>
{
    private readonly LimitedWriteAppFactory _app;

    public WriteLimitsTests(LimitedWriteAppFactory app) => _app = app;

    private static string Body(int bytes)
    {
        var sb = new StringBuilder();
        for (var i = 0; sb.Length < bytes; i++)
        {
            sb.Append("water_level,sensor=limit-").Append(i % 10).Append(" value=").Append(i).Append('\n');
        }
        return sb.ToString();
    }

    private static byte[] Gzip(string text)
    {
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }
        return packed.ToArray();
    }

    [Fact]
    public async Task Write_BodyUnderLimit_204()
    {
        using var client = _app.CreateClient();

        var response = await client.PostAsync("/write?db=sensors", new StringContent(Body(LimitedWriteAppFactory.MaxBodyBytes - 200)));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task Write_BodyOverLimit_413()
    {
        using var client = _app.CreateClient();

        var response = await client.PostAsync("/write?db=sensors", new StringContent(Body(LimitedWriteAppFactory.MaxBodyBytes + 1)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Write_BodyOverLimitWithoutContentLength_413()
    {
        using var client = _app.CreateClient();
        var bytes = Encoding.UTF8.GetBytes(Body(LimitedWriteAppFactory.MaxBodyBytes * 3));
        using var content = new StreamContent(new MemoryStream(bytes));
        content.Headers.ContentLength = null;

        var response = await client.PostAsync("/write?db=sensors", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Write_GzipBombSmallOnTheWire_413()
    {
        using var client = _app.CreateClient();
        var bomb = Gzip(new string('#', 1024 * 1024));
        Assert.True(bomb.Length < LimitedWriteAppFactory.MaxBodyBytes, "the compressed body is under the limit");
        using var content = new ByteArrayContent(bomb);
        content.Headers.ContentEncoding.Add("gzip");

        var response = await client.PostAsync("/write?db=sensors", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Write_FeedRefusedByAuthorizer_401()
    {
        using var client = _app.CreateClient();

        var response = await client.PostAsync("/write?db=locked", new StringContent("m v=1"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("authorization failed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
