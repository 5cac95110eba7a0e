using Microsoft.Extensions.Options;

namespace Coc.Ingest.Pipeline;

/// <summary>Section <c>Coc:Ingest</c>: the bounds of every queue between a feed and the store.</summary>
public sealed class IngestOptions
{
    public const string Section = "Coc:Ingest";

    /// <summary>
    /// Samples waiting for the pump (an empty queue still takes one larger batch). When full, senders
    /// wait (MQTT back-pressure, HTTP 503 after a timeout): nothing is dropped.
    /// </summary>
    public int QueueCapacity { get; set; } = 100_000;

    /// <summary>
    /// Samples waiting for the store (an empty queue still takes one larger batch). When full the
    /// oldest batches are dropped and counted: the wall must not stall on a slow disk.
    /// </summary>
    public int StoreQueueCapacity { get; set; } = 1_000_000;

    /// <summary>Samples per store write.</summary>
    public int StoreBatchSize { get; set; } = 5_000;

    /// <summary>Longest a sample waits before a partial batch is written.</summary>
    public int StoreFlushIntervalMs { get; set; } = 250;

    /// <summary>Points kept per series in live memory for charts (a 1 s feed: one hour).</summary>
    public int LiveWindowPoints { get; set; } = 3_600;

    /// <summary>Most series tracked live; samples of further new series are stored but not shown live, and counted on /health.</summary>
    public int LiveMaxSeries { get; set; } = 100_000;
}

public sealed class IngestOptionsValidator : IValidateOptions<IngestOptions>
{
    public ValidateOptionsResult Validate(string? name, IngestOptions o)
    {
        var errors = new List<string>();
        void Range(string key, int value, int min, int max)
        {
            if (value < min || value > max)
            {
                errors.Add($"Coc:Ingest:{key} must be {min}-{max}, got {value}");
            }
        }
        Range(nameof(o.QueueCapacity), o.QueueCapacity, 10, 10_000_000);
        Range(nameof(o.StoreQueueCapacity), o.StoreQueueCapacity, 1, 100_000_000);
        Range(nameof(o.StoreBatchSize), o.StoreBatchSize, 1, 100_000);
        Range(nameof(o.StoreFlushIntervalMs), o.StoreFlushIntervalMs, 10, 60_000);
        Range(nameof(o.LiveWindowPoints), o.LiveWindowPoints, 10, 100_000);
        Range(nameof(o.LiveMaxSeries), o.LiveMaxSeries, 1, 10_000_000);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
