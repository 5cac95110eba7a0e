namespace Coc.Core.Ingest.LineProtocol;

/// <summary>The unit of a line's timestamp (InfluxDB's <c>precision</c> parameter).</summary>
public enum LineProtocolPrecision
{
    Nanoseconds,
    Microseconds,
    Milliseconds,
    Seconds,
    Minutes,
    Hours,
}

public static class LineProtocolPrecisions
{
    /// <summary>The names InfluxDB 1.x accepts: n/ns, u/us/µ, ms, s, m, h; none means nanoseconds.</summary>
    public static bool TryParse(string? text, out LineProtocolPrecision precision)
    {
        precision = LineProtocolPrecision.Nanoseconds;
        switch (text)
        {
            case null or "" or "n" or "ns":
                return true;
            case "u" or "us" or "µ":
                precision = LineProtocolPrecision.Microseconds;
                return true;
            case "ms":
                precision = LineProtocolPrecision.Milliseconds;
                return true;
            case "s":
                precision = LineProtocolPrecision.Seconds;
                return true;
            case "m":
                precision = LineProtocolPrecision.Minutes;
                return true;
            case "h":
                precision = LineProtocolPrecision.Hours;
                return true;
            default:
                return false;
        }
    }

    public static long NanosecondsPerUnit(this LineProtocolPrecision precision) => precision switch
    {
        LineProtocolPrecision.Nanoseconds => 1,
        LineProtocolPrecision.Microseconds => 1_000,
        LineProtocolPrecision.Milliseconds => 1_000_000,
        LineProtocolPrecision.Seconds => 1_000_000_000,
        LineProtocolPrecision.Minutes => 60_000_000_000,
        LineProtocolPrecision.Hours => 3_600_000_000_000,
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, null),
    };
}
