using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Coc.Storage;

/// <summary>
/// Healthy while the store's folder accepts a write (the embedded store's data, or the InfluxDB spool),
/// so a full disk or a read-only mount shows on the health endpoint before history silently stops.
/// </summary>
internal sealed class StoreHealthCheck(IOptions<StorageOptions> options, IHostEnvironment environment) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var folder = options.Value.IsInflux
            ? options.Value.Influx.ResolveSpoolPath(environment.ContentRootPath)
            : options.Value.ResolveDataPath(environment.ContentRootPath);
        var probe = Path.Combine(folder, $".health-{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(folder);
            await File.WriteAllBytesAsync(probe, [1], cancellationToken).ConfigureAwait(false);
            File.Delete(probe);
            return HealthCheckResult.Healthy($"Store folder {folder} is writable.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"Store folder {folder} is not writable.", ex);
        }
    }
}
