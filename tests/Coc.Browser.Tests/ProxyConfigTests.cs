using Coc.Tests.Shared;

namespace Coc.Browser.Tests;

/// <summary>deploy/haproxy.cfg as Debian's haproxy checks it (<c>haproxy -c</c>): valid with its environment, refused without.</summary>
public sealed class ProxyConfigTests
{
    [Fact]
    public async Task Check_WithBindAndReplicaAddressesInEnvironment_IsValid()
    {
        var environment = HaproxyServer.ConfigEnvironment("127.0.0.1:8080", "127.0.0.1:5081", "127.0.0.1:5082");

        var (exitCode, output) = await HaproxyServer.CheckAsync(FailoverTests.ConfigPath(), environment);

        Assert.True(exitCode == 0, output);
        Assert.Contains("Configuration file is valid", output);
    }

    [Fact]
    public async Task Check_ReplicaAddressMissing_IsRefusedRatherThanStartingWithoutIt()
    {
        var environment = HaproxyServer.ConfigEnvironment("127.0.0.1:8080", "127.0.0.1:5081", "");

        var (exitCode, output) = await HaproxyServer.CheckAsync(FailoverTests.ConfigPath(), environment);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("'server' expects <name> and <addr>", output);
    }
}
