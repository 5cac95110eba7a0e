using Coc.Core.Series;

namespace Coc.Ingest.Pipeline;

/// <summary>
/// Hands every batch this server took in to the other servers of a cluster, so their walls see it
/// too. The ingest pump calls it once per store batch, right after the batch reached the live state.
/// Lives here so Coc.Ingest does not depend on any transport; the web host supplies one.
/// </summary>
public interface ILiveFanOut
{
    /// <summary>Must not block or throw: the pump's loop is the wall's hot path.</summary>
    void Publish(IReadOnlyList<Sample> samples);
}

/// <summary>A single server: nobody else to tell.</summary>
public sealed class NoLiveFanOut : ILiveFanOut
{
    public void Publish(IReadOnlyList<Sample> samples)
    {
    }
}
