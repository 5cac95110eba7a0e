namespace Coc.Core.Live;

/// <summary>A value with its sample time and the server time it arrived at.</summary>
public readonly record struct LivePoint(DateTimeOffset Timestamp, double Value, DateTimeOffset ReceivedAt);
