using Microsoft.Extensions.Options;

namespace Coc.Web;

/// <summary>Converts UTC to the wall's time zone (WIB by default) and formats ages.</summary>
public sealed class WallClock(TimeProvider time, IOptions<WallOptions> options)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public TimeProvider Time => time;

    public DateTimeOffset UtcNow => time.GetUtcNow();

    public DateTimeOffset ToLocal(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, _zone);

    /// <summary>"14:05:09 WIB": the wall's one time format, colons whatever the culture, as on the COC's clocks.</summary>
    public string FormatTime(DateTimeOffset utc) =>
        ToLocal(utc).ToString("HH':'mm':'ss", System.Globalization.CultureInfo.InvariantCulture) + " " + ZoneLabel;

    /// <summary>Short zone label shown next to times: WIB for Asia/Jakarta.</summary>
    public string ZoneLabel => _zone.Id is "Asia/Jakarta" or "SE Asia Standard Time" ? "WIB" : _zone.Id;
}
