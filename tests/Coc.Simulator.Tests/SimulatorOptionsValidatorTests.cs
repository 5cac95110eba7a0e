namespace Coc.Simulator.Tests;

public class SimulatorOptionsValidatorTests
{
    private readonly SimulatorOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        var result = _validator.Validate(null, new SimulatorOptions());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData(nameof(SimulatorOptions.Host), "")]
    [InlineData(nameof(SimulatorOptions.Host), "not a host")]
    [InlineData(nameof(SimulatorOptions.Port), "0")]
    [InlineData(nameof(SimulatorOptions.Port), "65536")]
    [InlineData(nameof(SimulatorOptions.IntervalMs), "99")]
    [InlineData(nameof(SimulatorOptions.IntervalMs), "60001")]
    [InlineData(nameof(SimulatorOptions.Devices), "0")]
    [InlineData(nameof(SimulatorOptions.Devices), "1001")]
    [InlineData(nameof(SimulatorOptions.MessagesPerSecond), "-1")]
    [InlineData(nameof(SimulatorOptions.Username), " ")]
    [InlineData(nameof(SimulatorOptions.Password), "secret")]
    [InlineData(nameof(SimulatorOptions.ClientId), "   ")]
    public void Validate_BadValue_FailsNamingTheOption(string option, string value)
    {
        var options = new SimulatorOptions();
        switch (option)
        {
            case nameof(SimulatorOptions.Host): options.Host = value; break;
            case nameof(SimulatorOptions.Port): options.Port = int.Parse(value); break;
            case nameof(SimulatorOptions.IntervalMs): options.IntervalMs = int.Parse(value); break;
            case nameof(SimulatorOptions.Devices): options.Devices = int.Parse(value); break;
            case nameof(SimulatorOptions.MessagesPerSecond): options.MessagesPerSecond = int.Parse(value); break;
            case nameof(SimulatorOptions.Username): options.Username = value; break;
            case nameof(SimulatorOptions.Password): options.Password = value; break;
            case nameof(SimulatorOptions.ClientId): options.ClientId = value; break;
        }

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith($"Coc:Simulator:{option} ", failure);
    }

    [Fact]
    public void Validate_SeveralBadValues_ReportsEach()
    {
        var result = _validator.Validate(null, new SimulatorOptions { Port = -1, IntervalMs = 5, Devices = 5000 });

        Assert.Equal(3, result.Failures!.Count());
        Assert.Contains("Coc:Simulator:Port", result.FailureMessage);
        Assert.Contains("Coc:Simulator:IntervalMs", result.FailureMessage);
        Assert.Contains("Coc:Simulator:Devices", result.FailureMessage);
    }

    [Fact]
    public void Validate_UsernameAndPassword_Succeeds()
    {
        var result = _validator.Validate(null, new SimulatorOptions { Username = "coc", Password = "secret", Host = "broker.jambikota.go.id" });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void RunnerConstructor_InvalidOptions_ThrowsNamingTheOption()
    {
        var ex = Assert.Throws<ArgumentException>(() => new SimulatorRunner(new SimulatorOptions { Devices = 0 }));

        Assert.Contains("Devices", ex.Message);
    }
}
