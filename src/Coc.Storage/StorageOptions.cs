using Coc.Storage.Influx;

namespace Coc.Storage;

/// <summary>Config section <c>Coc:Storage</c>: where history is kept and for how long.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Coc:Storage";

    public const string EmbeddedBackend = "embedded";

    public const string InfluxBackend = "influxdb";

    /// <summary>Which store keeps history: "embedded" (default) or "influxdb".</summary>
    public string Backend { get; set; } = EmbeddedBackend;

    /// <summary>Folder of the embedded store; a relative path is taken from the content root.</summary>
    public string DataPath { get; set; } = "data/store";

    /// <summary>Days of history kept by the embedded store, 1..3650.</summary>
    public int RetentionDays { get; set; } = 30;

    /// <summary>The InfluxDB backend's settings (<c>Coc:Storage:Influx</c>); read only when <see cref="Backend"/> is "influxdb".</summary>
    public InfluxOptions Influx { get; set; } = new();

    public bool IsInflux => string.Equals(Backend, InfluxBackend, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Anchored at the content root rather than the working directory, so the store does not move
    /// when the service is started from another folder.
    /// </summary>
    public string ResolveDataPath(string contentRootPath) => Path.GetFullPath(DataPath, contentRootPath);
}
