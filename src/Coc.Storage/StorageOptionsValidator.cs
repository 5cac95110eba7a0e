using Coc.Storage.Influx;
using Microsoft.Extensions.Options;

namespace Coc.Storage;

/// <summary>Fails start-up with every problem named, rather than at the first write.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!string.Equals(options.Backend, StorageOptions.EmbeddedBackend, StringComparison.OrdinalIgnoreCase) && !options.IsInflux)
        {
            errors.Add($"{StorageOptions.SectionName}:Backend is '{options.Backend}'; it must be '{StorageOptions.EmbeddedBackend}' or '{StorageOptions.InfluxBackend}'.");
        }
        if (string.IsNullOrWhiteSpace(options.DataPath))
        {
            errors.Add($"{StorageOptions.SectionName}:DataPath must name a folder.");
        }
        if (options.RetentionDays is < 1 or > 3650)
        {
            errors.Add($"{StorageOptions.SectionName}:RetentionDays is {options.RetentionDays}; it must be between 1 and 3650.");
        }
        if (options.IsInflux)
        {
            InfluxOptionsValidator.Check(options.Influx, errors);
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
