namespace Coc.Core.Ingest.LineProtocol;

/// <summary>What one line-protocol body yielded: the samples and rejections, and per-line counts for the answer to the sender.</summary>
public sealed class LineProtocolBatch(ParseResult result)
{
    public ParseResult Result { get; } = result;

    /// <summary>Lines that were neither blank nor comments.</summary>
    public int LinesSeen { get; internal set; }

    /// <summary>Lines refused whole (malformed). A line that only lost a string field is not counted here.</summary>
    public int LinesRefused { get; internal set; }

    /// <summary>InfluxDB-style text of the first refused line, e.g. <c>unable to parse 'cpu value=' (line 2): missing field value</c>.</summary>
    public string? FirstError { get; internal set; }
}
