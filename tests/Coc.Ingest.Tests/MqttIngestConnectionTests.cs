using Coc.Ingest.Mqtt;
using Coc.Tests.Shared;
using MQTTnet;

namespace Coc.Ingest.Tests;

public class MqttIngestConnectionTests
{
    [Fact]
    public void ClientId_MachinePlaceholder_BecomesTheMachineName() =>
        Assert.Equal($"coc-ingest-{Environment.MachineName.ToLowerInvariant()}", MqttIngestConnection.ClientId(new MqttOptions { ClientId = "coc-ingest-{machine}" }));

    [Fact]
    public void Filters_SharedSubscriptionGroup_PrefixesEveryFilter() =>
        Assert.Equal(["$share/coc-writers/coc/#", "$share/coc-writers/pupr/sungai/+"],
            MqttIngestConnection.Filters(new MqttOptions { SharedSubscriptionGroup = "coc-writers" }, ["coc/#", "pupr/sungai/+"]));

    [Fact]
    public void Filters_NoGroup_AsGiven() =>
        Assert.Equal(["coc/#", "pupr/sungai/+"], MqttIngestConnection.Filters(new MqttOptions(), ["coc/#", "pupr/sungai/+"]));

    [Fact]
    public void Build_PasswordFileEndingInNewline_SendsThePasswordWithoutIt()
    {
        using var folder = new TempFolder();
        var o = new MqttOptions { EmbeddedBroker = false, Username = "coc", PasswordFile = folder.Write("secret", "s3cret pass\r\n") };

        var built = MqttIngestConnection.Build(o, _ => false);

        var credentials = Assert.IsType<MqttClientCredentials>(built.Credentials);
        Assert.Equal("coc", credentials.GetUserName(built));
        Assert.Equal("s3cret pass"u8.ToArray(), credentials.GetPassword(built));
    }

    [Fact]
    public void Build_PasswordFileRemovedAfterStart_FailsNamingKey()
    {
        using var folder = new TempFolder();
        var o = new MqttOptions { EmbeddedBroker = false, Username = "coc", PasswordFile = Path.Combine(folder.Path, "gone") };

        var error = Assert.Throws<InvalidDataException>(() => MqttIngestConnection.Build(o, _ => false));

        Assert.Equal($"Coc:Mqtt:PasswordFile '{o.PasswordFile}' does not exist", error.Message);
    }
}
