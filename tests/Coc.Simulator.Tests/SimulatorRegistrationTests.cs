using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Coc.Simulator.Tests;

public class SimulatorRegistrationTests
{
    [Fact]
    public void AddCocSimulator_CalledTwice_OneHostedServiceSameAsSingleton()
    {
        var builder = Builder(new() { ["Coc:Simulator:Enabled"] = "false" });

        builder.AddCocSimulator().AddCocSimulator();
        using var host = builder.Build();

        var hosted = Assert.Single(host.Services.GetServices<IHostedService>().OfType<SimulatorHostedService>());
        Assert.Same(host.Services.GetRequiredService<SimulatorHostedService>(), hosted);
        Assert.Null(hosted.Runner);
    }

    [Fact]
    public void AddCocSimulator_Configuration_BindsEveryOption()
    {
        var builder = Builder(new()
        {
            ["Coc:Simulator:Enabled"] = "false",
            ["Coc:Simulator:Host"] = "broker.local",
            ["Coc:Simulator:Port"] = "1884",
            ["Coc:Simulator:Username"] = "coc",
            ["Coc:Simulator:Password"] = "secret",
            ["Coc:Simulator:IntervalMs"] = "500",
            ["Coc:Simulator:Devices"] = "3",
            ["Coc:Simulator:Seed"] = "42",
        });

        builder.AddCocSimulator();
        using var host = builder.Build();
        var options = host.Services.GetRequiredService<IOptions<SimulatorOptions>>().Value;

        Assert.Equal((false, "broker.local", 1884, "coc", "secret"), (options.Enabled, options.Host, options.Port, options.Username, options.Password));
        Assert.Equal((500, 3, 42), (options.IntervalMs, options.Devices, options.Seed));
    }

    [Fact]
    public async Task StartAsync_InvalidOptions_FailsNamingTheOption()
    {
        var builder = Builder(new() { ["Coc:Simulator:Port"] = "0" });
        builder.AddCocSimulator();
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Coc:Simulator:Port", ex.Message);
    }

    [Fact]
    public async Task StartAsync_Enabled_PublishesToTheBrokerUntilStopped()
    {
        await using var broker = await TestBroker.StartAsync();
        var builder = Builder(new()
        {
            ["Coc:Simulator:Port"] = broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Coc:Simulator:IntervalMs"] = "100",
        });
        builder.AddCocSimulator();
        using var host = builder.Build();

        await host.StartAsync();
        await broker.WaitUntilAsync(received => received.Any(m => m.Topic == "coc/sensors/pm25/ispu-jambi-timur"));
        await host.StopAsync();

        var runner = host.Services.GetRequiredService<SimulatorHostedService>().Runner;
        Assert.NotNull(runner);
        Assert.True(runner.Published > 0);
        Assert.False(runner.IsConnected);
    }

    private static HostApplicationBuilder Builder(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        return builder;
    }
}
