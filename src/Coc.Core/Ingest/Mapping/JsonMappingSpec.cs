namespace Coc.Core.Ingest.Mapping;

/// <summary>
/// How to read samples out of a JSON document a device or system sends in its own shape, as
/// configured (strings, so it binds from appsettings). Compiled and checked by <see cref="JsonRecordMapping"/>.
/// </summary>
public class JsonMappingSpec
{
    /// <summary>Measurement of every sample; may name topic segments, e.g. <c>{kind}</c>.</summary>
    public string Measurement { get; set; } = "";

    /// <summary>Path to an array of records (e.g. <c>$.data.stations</c>); empty: the document is one record.</summary>
    public string? Items { get; set; }

    /// <summary>Tag name → path inside a record whose text or number names the device.</summary>
    public Dictionary<string, string> Tags { get; set; } = [];

    /// <summary>Field name → path inside a record to a number (or a boolean, or a number written as text).</summary>
    public Dictionary<string, string> Fields { get; set; } = [];

    /// <summary>
    /// Path inside a record to its time: RFC 3339 text or an epoch number. Empty: the time of receipt.
    /// When set, a record without a time there is refused rather than stamped "now".
    /// </summary>
    public string? Timestamp { get; set; }

    /// <summary>Unit of a numeric timestamp: <c>ms</c> (default) or <c>s</c>.</summary>
    public string TimestampUnit { get; set; } = "ms";
}
