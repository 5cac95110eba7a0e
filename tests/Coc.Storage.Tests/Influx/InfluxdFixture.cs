using Coc.Storage.Influx;
using Coc.Tests.Shared;

namespace Coc.Storage.Tests.Influx;

/// <summary>One real influxd for every test class of the collection; each test uses a database of its own.</summary>
public sealed class InfluxdFixture : IAsyncLifetime
{
    public InfluxServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await InfluxServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>Options for a fresh database that the store creates itself (InfluxDB 1.x); back-off kept short for tests.</summary>
    public InfluxOptions NewDatabase() => new()
    {
        Url = Server.Url,
        Database = "coc_test_" + Guid.NewGuid().ToString("N"),
        CreateDatabase = true,
        TimeoutSeconds = 5,
        MaxBackoffSeconds = 1,
    };
}

[CollectionDefinition(Name)]
public sealed class InfluxdCollection : ICollectionFixture<InfluxdFixture>
{
    public const string Name = "influxd";
}
