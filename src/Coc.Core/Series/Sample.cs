namespace Coc.Core.Series;

/// <summary>One numeric value of one series at one instant (UTC).</summary>
public readonly record struct Sample(SeriesKey Series, DateTimeOffset Timestamp, double Value);
