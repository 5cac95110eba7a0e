using Microsoft.Extensions.Options;

namespace Coc.Web.Cluster;

/// <summary>This server's name in the cluster and this run's random id (see <see cref="LiveBatchOrigin"/>).</summary>
public sealed class ClusterIdentity(IOptions<ClusterOptions> options)
{
    public LiveBatchOrigin Origin { get; } = new(options.Value.ServerId!, Guid.NewGuid());

    public string ServerId => Origin.ServerId;
}
