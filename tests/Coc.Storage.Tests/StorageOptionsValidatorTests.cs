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
    public void Validate_UnknownBackend_FailsNamingTheSupportedOnes()
    {
        var result = _validator.Validate(null, new StorageOptions { Backend = "cassandra" });

        Assert.True(result.Failed);
        Assert.Contains("'cassandra'", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("'embedded' or 'influxdb'", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_InfluxBackendWithDefaults_Succeeds()
    {
        Assert.True(_validator.Validate(null, new StorageOptions { Backend = "InfluxDB" }).Succeeded);
    }

    [Fact]
    public void Validate_EmbeddedBackendWithBrokenInfluxSection_Succeeds()
    {
        var options = new StorageOptions { Influx = { Url = "ftp://x", TimeoutSeconds = 0 } };

        Assert.True(_validator.Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("Url", "x", "Coc:Storage:Influx:Url must be an absolute http or https URL, got 'x'")]
    [InlineData("Url", "ftp://influx:8086", "Coc:Storage:Influx:Url must be an absolute http or https URL")]
    [InlineData("Url", "http://admin:secret@influx:8086", "Coc:Storage:Influx:Url must not carry credentials")]
    [InlineData("Url", "http://influx:8086/?db=x", "Coc:Storage:Influx:Url must be the server's base URL without a query")]
    [InlineData("Database", " ", "Coc:Storage:Influx:Database must name a database")]
    [InlineData("RetentionPolicy", "a\tb", "Coc:Storage:Influx:RetentionPolicy must be empty or name a retention policy")]
    [InlineData("TimeoutSeconds", "0", "Coc:Storage:Influx:TimeoutSeconds must be 1-300, got 0")]
    [InlineData("BatchSize", "100001", "Coc:Storage:Influx:BatchSize must be 1-100000, got 100001")]
    [InlineData("MaxBackoffSeconds", "0", "Coc:Storage:Influx:MaxBackoffSeconds must be 1-3600, got 0")]
    [InlineData("SpoolPath", "", "Coc:Storage:Influx:SpoolPath must name a folder")]
    [InlineData("SpoolMaxBytes", "1000", "Coc:Storage:Influx:SpoolMaxBytes must be 1048576-1099511627776 (1 MiB-1 TiB), got 1000")]
    [InlineData("Username", "admin", "Coc:Storage:Influx:Username and Coc:Storage:Influx:Password go together; only Username is set")]
    [InlineData("Password", "secret", "Coc:Storage:Influx:Username and Coc:Storage:Influx:Password go together; only Password is set")]
    public void Validate_InfluxKeyOutOfRange_FailsNamingTheKey(string key, string value, string expected)
    {
        var influx = new Coc.Storage.Influx.InfluxOptions();
        var property = typeof(Coc.Storage.Influx.InfluxOptions).GetProperty(key)!;
        property.SetValue(influx, Convert.ChangeType(value, Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType, System.Globalization.CultureInfo.InvariantCulture));

        var result = _validator.Validate(null, new StorageOptions { Backend = "influxdb", Influx = influx });

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TokenAndUsernameBoth_FailsNamingBoth()
    {
        var options = new StorageOptions { Backend = "influxdb", Influx = { Token = "t", Username = "u", Password = "p" } };

        Assert.Contains("Coc:Storage:Influx:Token and Coc:Storage:Influx:Username are both set", _validator.Validate(null, options).FailureMessage, StringComparison.Ordinal);
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
