using System.Globalization;

namespace Coc.Storage.Embedded;

/// <summary>
/// Names hour segments <c>yyyyMMddHH.seg</c> (UTC hour of the samples inside), so a time range maps
/// to files by name and retention is a file delete.
/// </summary>
internal static class SegmentFiles
{
    private const string Extension = ".seg";
    private const string HourFormat = "yyyyMMddHH";

    public static string PathOf(string folder, long hour) =>
        Path.Combine(folder, TimeMath.ToTimestamp(hour * TimeMath.HourMs).ToString(HourFormat, CultureInfo.InvariantCulture) + Extension);

    /// <summary>Segments in the folder, oldest first; files with other names are left alone.</summary>
    public static List<(long Hour, string Path)> List(string folder)
    {
        var segments = new List<(long Hour, string Path)>();
        foreach (var path in Directory.EnumerateFiles(folder, "*" + Extension))
        {
            if (DateTimeOffset.TryParseExact(Path.GetFileNameWithoutExtension(path), HourFormat, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal, out var start))
            {
                segments.Add((TimeMath.HourOf(start.ToUnixTimeMilliseconds()), path));
            }
        }
        segments.Sort((a, b) => a.Hour.CompareTo(b.Hour));
        return segments;
    }
}
