namespace Coc.Storage.Embedded;

internal static class TimeMath
{
    public const long HourMs = 3_600_000;

    /// <summary>Division rounding down, so hours and buckets before 1970 still align to the epoch grid.</summary>
    public static long FloorDiv(long value, long divisor)
    {
        var quotient = value / divisor;
        return value % divisor != 0 && value < 0 ? quotient - 1 : quotient;
    }

    public static long HourOf(long unixMs) => FloorDiv(unixMs, HourMs);

    public static DateTimeOffset ToTimestamp(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds(unixMs);
}
