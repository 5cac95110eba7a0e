using Coc.Web.Cluster;

namespace Coc.Web.Tests.Cluster;

public sealed class ClusterOptionsValidatorTests
{
    private static readonly ClusterOptionsValidator Validator = new();

    [Fact]
    public void Validate_NoRedis_SingleServerIsValid()
    {
        var options = new ClusterOptions();

        Assert.True(Validator.Validate(null, options).Succeeded);
        Assert.False(options.Enabled);
    }

    [Theory]
    [InlineData("127.0.0.1:6379,password=rahasia,ssl=false", "coc-a", "coc")]
    [InlineData("redis-1:6379,redis-2:6379", "coc-jambi.server_2", "coc-jambi")]
    public void Validate_GoodValues_Valid(string redis, string serverId, string prefix)
    {
        var result = Validator.Validate(null, new ClusterOptions { Redis = redis, ServerId = serverId, ChannelPrefix = prefix });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("Redis", "127.0.0.1:6379,connectTimeout=abc", "Coc:Cluster:Redis")]
    [InlineData("Redis", ",password=x", "Coc:Cluster:Redis names no server")]
    [InlineData("ServerId", "coc a", "Coc:Cluster:ServerId")]
    [InlineData("ServerId", "-coc", "Coc:Cluster:ServerId")]
    [InlineData("ChannelPrefix", "coc:wall", "Coc:Cluster:ChannelPrefix")]
    [InlineData("ChannelPrefix", "", "Coc:Cluster:ChannelPrefix")]
    [InlineData("FanOutQueueBatches", "0", "Coc:Cluster:FanOutQueueBatches must be 1-100000")]
    public void Validate_BadValue_FailsNamingTheKey(string property, string value, string expected)
    {
        var options = new ClusterOptions { Redis = "127.0.0.1:6379", ServerId = "coc-a" };
        switch (property)
        {
            case "Redis": options.Redis = value; break;
            case "ServerId": options.ServerId = value; break;
            case "ChannelPrefix": options.ChannelPrefix = value; break;
            default: options.FanOutQueueBatches = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
        }

        var result = Validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultServerId_TwoStarts_DifferentAndValid()
    {
        var first = new ClusterOptions { Redis = "127.0.0.1:6379" };
        var second = new ClusterOptions { Redis = "127.0.0.1:6379" };
        new ClusterOptionsDefaults().PostConfigure(null, first);
        new ClusterOptionsDefaults().PostConfigure(null, second);

        Assert.NotEqual(first.ServerId, second.ServerId);
        Assert.StartsWith(Environment.MachineName.ToLowerInvariant()[..Math.Min(8, Environment.MachineName.Length)], first.ServerId, StringComparison.Ordinal);
        Assert.True(Validator.Validate(null, first).Succeeded, Validator.Validate(null, first).FailureMessage);
    }
}
