namespace Coc.Simulator.Feeds;

/// <summary>
/// Local time in Jambi and the shapes of a day and a year there. WIB is UTC+7 all year
/// (Indonesia has no daylight saving), so a fixed offset is exact.
/// </summary>
internal static class DailyRhythm
{
    public static readonly TimeSpan WibOffset = TimeSpan.FromHours(7);

    public static DateTimeOffset ToWib(DateTimeOffset time) => time.ToOffset(WibOffset);

    /// <summary>Hour of the day in WIB, 0 ≤ h &lt; 24, with fractions.</summary>
    public static double HourOfDay(DateTimeOffset time) => ToWib(time).TimeOfDay.TotalHours;

    public static bool IsWeekend(DateTimeOffset time) => ToWib(time).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    /// <summary>A bell around <paramref name="center"/> (hours) that wraps past midnight; 1 at the centre.</summary>
    public static double Bump(double hour, double center, double width)
    {
        var distance = Math.Abs(hour - center);
        distance = Math.Min(distance, 24 - distance);
        return Math.Exp(-0.5 * distance * distance / (width * width));
    }

    public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>
    /// Road traffic, 0 in the dead of night to 1 at the peaks (07–08 school and office run,
    /// 16–18 going home), with a busy plateau between. Weekend mornings are quieter.
    /// </summary>
    public static double Traffic(DateTimeOffset time)
    {
        var h = HourOfDay(time);
        var weekend = IsWeekend(time);
        var morning = (weekend ? 0.55 : 1.0) * Bump(h, 7.5, 0.75);
        var evening = (weekend ? 0.8 : 0.97) * Bump(h, 17.0, 1.0);
        var plateau = (weekend ? 0.55 : 0.6) * Sigmoid((h - 6.2) / 0.4) * Sigmoid((21.5 - h) / 0.8);
        // Soft union: overlapping parts do not add past 1.
        return 1 - (1 - morning) * (1 - evening) * (1 - plateau);
    }

    /// <summary>
    /// How wet the season is, +1 around mid-January (the Batanghari's high water) to −1 around
    /// mid-July (the dry season, when peat fires cause haze).
    /// </summary>
    public static double Wetness(DateTimeOffset time) =>
        Math.Cos(2 * Math.PI * (ToWib(time).DayOfYear - 15) / 365.25);
}
