namespace Coc.Storage.Embedded;

/// <summary>A point as stored: milliseconds keep the record at a fixed 20 bytes.</summary>
internal readonly record struct RawPoint(long UnixMs, double Value);
