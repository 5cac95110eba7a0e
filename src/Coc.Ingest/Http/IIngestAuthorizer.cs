using Microsoft.AspNetCore.Http;

namespace Coc.Ingest.Http;

/// <summary>
/// Decides whether an HTTP ingest request may write to a feed. The default is
/// <see cref="IngestKeyAuthorizer"/> (per-feed keys); register another before <c>AddCocIngest</c> to replace it.
/// </summary>
public interface IIngestAuthorizer
{
    ValueTask<bool> IsAllowedAsync(HttpContext context, string feed);
}
