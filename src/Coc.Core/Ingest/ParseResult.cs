using Coc.Core.Series;

namespace Coc.Core.Ingest;

/// <summary>What one message yielded: the good samples and, separately, what was refused.</summary>
public sealed class ParseResult
{
    public ParseResult(string feed) => Feed = feed;

    public string Feed { get; }

    public List<Sample> Samples { get; } = [];

    public List<Rejection> Rejections { get; } = [];
}
