namespace Coc.Storage.Influx;

/// <summary>
/// Config section <c>Coc:Storage:Influx</c>: the InfluxDB server history goes to when
/// <c>Coc:Storage:Backend</c> is "influxdb". Only the v1 HTTP API is used (<c>/write</c>, <c>/query</c>),
/// which InfluxDB 1.x, 2.x (v1 compatibility with a DBRP mapping) and 3.x all serve.
/// </summary>
public sealed class InfluxOptions
{
    public const string SectionName = StorageOptions.SectionName + ":Influx";

    /// <summary>Base URL of the server, http or https, e.g. http://127.0.0.1:8086.</summary>
    public string Url { get; set; } = "http://127.0.0.1:8086";

    /// <summary>The v1 database (on 2.x the database half of a DBRP mapping; on 3.x the database).</summary>
    public string Database { get; set; } = "coc";

    /// <summary>Retention policy for writes and queries; empty means the database's default.</summary>
    public string? RetentionPolicy { get; set; }

    /// <summary>The retention policy to name, or null for the default (a JSON null may bind as "").</summary>
    public string? RetentionPolicyOrDefault => string.IsNullOrWhiteSpace(RetentionPolicy) ? null : RetentionPolicy;

    /// <summary>InfluxDB 1.x user (sent as Basic auth with <see cref="Password"/>).</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>InfluxDB 2.x/3.x token (sent as <c>Authorization: Token ...</c>); exclusive with a username.</summary>
    public string? Token { get; set; }

    /// <summary>Longest one HTTP request may take, 1..300.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Most samples in one <c>/write</c> request; larger batches are split, 1..100000.</summary>
    public int BatchSize { get; set; } = 5000;

    /// <summary>The wait between retries doubles from half a second up to this, 1..3600.</summary>
    public int MaxBackoffSeconds { get; set; } = 30;

    /// <summary>Folder of the outage spool; a relative path is taken from the content root.</summary>
    public string SpoolPath { get; set; } = "data/influx-spool";

    /// <summary>Most bytes the spool may hold on disk (compressed line protocol), 1 MiB..1 TiB.</summary>
    public long SpoolMaxBytes { get; set; } = 1L << 30;

    /// <summary>Send <c>CREATE DATABASE</c> before the first write (InfluxDB 1.x only; 2.x/3.x refuse it).</summary>
    public bool CreateDatabase { get; set; }

    /// <summary>Anchored at the content root, like the embedded store's folder.</summary>
    public string ResolveSpoolPath(string contentRootPath) => Path.GetFullPath(SpoolPath, contentRootPath);
}
