using Coc.Ingest.Pipeline;

namespace Coc.Ingest.Tests;

public class IngestOptionsValidatorTests
{
    private readonly IngestOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_Succeeds() => Assert.True(_validator.Validate(null, new IngestOptions()).Succeeded);

    [Theory]
    [InlineData(nameof(IngestOptions.QueueCapacity), 9)]
    [InlineData(nameof(IngestOptions.QueueCapacity), 10_000_001)]
    [InlineData(nameof(IngestOptions.StoreQueueCapacity), 0)]
    [InlineData(nameof(IngestOptions.StoreBatchSize), 0)]
    [InlineData(nameof(IngestOptions.StoreBatchSize), 100_001)]
    [InlineData(nameof(IngestOptions.StoreFlushIntervalMs), 9)]
    [InlineData(nameof(IngestOptions.StoreFlushIntervalMs), 60_001)]
    [InlineData(nameof(IngestOptions.LiveWindowPoints), 9)]
    public void Validate_OutOfRange_FailsNamingKey(string option, int value)
    {
        var options = new IngestOptions();
        typeof(IngestOptions).GetProperty(option)!.SetValue(options, value);

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith($"Coc:Ingest:{option} must be ", failure);
        Assert.EndsWith($"got {value}", failure);
    }

    [Fact]
    public void Validate_SeveralOutOfRange_ReportsEach()
    {
        var result = _validator.Validate(null, new IngestOptions { QueueCapacity = 0, StoreBatchSize = 0 });

        Assert.Equal(["Coc:Ingest:QueueCapacity must be 10-10000000, got 0", "Coc:Ingest:StoreBatchSize must be 1-100000, got 0"], result.Failures!);
    }
}
