namespace Coc.Storage.Tests;

public sealed class StorageOptionsValidatorTests
{
    private readonly StorageOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        Assert.True(_validator.Validate(null, new StorageOptions()).Succeeded);
    }

    [Fact]
    public void Validate_UnknownBackend_FailsNamingTheSupportedOne()
    {
        var result = _validator.Validate(null, new StorageOptions { Backend = "influxdb" });

        Assert.True(result.Failed);
        Assert.Contains("'influxdb'", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("only 'embedded'", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3651)]
    public void Validate_RetentionOutOfRange_Fails(int days)
    {
        var result = _validator.Validate(null, new StorageOptions { RetentionDays = days });

        Assert.Contains("RetentionDays", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EmptyDataPath_Fails()
    {
        Assert.True(_validator.Validate(null, new StorageOptions { DataPath = " " }).Failed);
    }
}
