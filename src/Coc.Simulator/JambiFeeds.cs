namespace Coc.Simulator;

/// <summary>
/// The catalogue of simulated Jambi feeds: device ids and MQTT sensor kinds, so layouts and tests
/// can name them without repeating strings.
/// </summary>
public static class JambiFeeds
{
    public const string WaterLevelKind = "water_level";
    public const string RainfallKind = "rainfall";
    public const string Pm25Kind = "pm25";

    public static IReadOnlyList<string> AtcsIntersections { get; } =
        ["simpang-kawat", "simpang-rimbo", "simpang-pulai", "simpang-bi", "simpang-mayang", "tugu-keris"];

    public static IReadOnlyList<string> WaterLevelGauges { get; } = ["pos-angso-duo", "pos-tanggo-rajo"];

    public static IReadOnlyList<string> RainfallGauges { get; } = ["arr-telanaipura", "arr-kota-baru"];

    /// <summary>E-TLE enforcement cameras (topic <c>coc/etle/{id}</c>).</summary>
    public static IReadOnlyList<string> EtleCameras { get; } = ["etle-simpang-kawat", "etle-simpang-bi", "etle-tugu-keris"];

    public static IReadOnlyList<string> Pm25Stations { get; } = ["ispu-telanaipura", "ispu-kota-baru", "ispu-jambi-timur"];

    /// <summary>SiKesal (citizens' complaint app) and Call Center 112: events on coc/complaints/{source}.</summary>
    public static IReadOnlyList<string> ComplaintSources { get; } = ["sikesal", "cc112"];

    public static IReadOnlyList<string> ComplaintCategories { get; } =
        ["jalan-rusak", "banjir", "sampah", "lampu-jalan", "kemacetan", "air-bersih", "keamanan", "lainnya"];

    /// <summary>The 11 kecamatan (districts) of Kota Jambi.</summary>
    public static IReadOnlyList<string> Kecamatan { get; } =
    [
        "alam-barajo", "danau-sipin", "danau-teluk", "jambi-selatan", "jambi-timur", "jelutung",
        "kota-baru", "paal-merah", "pasar-jambi", "pelayangan", "telanaipura",
    ];

    /// <summary>
    /// Device id of the <paramref name="copy"/>-th clone of a device (1-based): the first copy keeps
    /// the real id, later ones get <c>-2</c>, <c>-3</c>… for load tests.
    /// </summary>
    public static string CloneId(string id, int copy) => copy <= 1 ? id : $"{id}-{copy}";
}
