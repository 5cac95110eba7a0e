namespace Coc.Storage;

/// <summary>Config section <c>Coc:Storage</c>: where history is kept and for how long.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Coc:Storage";

    public const string EmbeddedBackend = "embedded";

    /// <summary>Which store keeps history. Only "embedded" exists today.</summary>
    public string Backend { get; set; } = EmbeddedBackend;

    /// <summary>Folder of the embedded store; a relative path is taken from the content root.</summary>
    public string DataPath { get; set; } = "data/store";

    /// <summary>Days of history kept by the embedded store, 1..3650.</summary>
    public int RetentionDays { get; set; } = 30;

    /// <summary>
    /// Anchored at the content root rather than the working directory, so the store does not move
    /// when the service is started from another folder.
    /// </summary>
    public string ResolveDataPath(string contentRootPath) => Path.GetFullPath(DataPath, contentRootPath);
}
