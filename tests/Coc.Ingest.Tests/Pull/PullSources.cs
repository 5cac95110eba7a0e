using Coc.Ingest.Pull;

namespace Coc.Ingest.Tests.Pull;

/// <summary>Sources shaped like a water-level API: <c>{"data": [{"station", "level", "ts"}]}</c>.</summary>
internal static class PullSources
{
    public static PullSource WaterLevel(string url, string name = "sungai", int intervalSeconds = 60, int timeoutSeconds = 10,
        int maxBackoffSeconds = 600, int maxResponseBytes = 1024 * 1024) => new()
    {
        Name = name,
        Url = url,
        IntervalSeconds = intervalSeconds,
        TimeoutSeconds = timeoutSeconds,
        MaxBackoffSeconds = maxBackoffSeconds,
        MaxResponseBytes = maxResponseBytes,
        Measurement = "water_level",
        Items = "$.data",
        Tags = new() { ["sensor"] = "station" },
        Fields = new() { ["value"] = "level" },
        Timestamp = "ts",
    };

    public const string TwoStations = """
        {"data": [
          {"station": "pos-angso-duo", "level": 12.4, "ts": "2026-11-23T02:59:00Z"},
          {"station": "pos-tanjung-solok", "level": "9.75", "ts": "2026-11-23T02:58:00Z"}
        ]}
        """;
}
