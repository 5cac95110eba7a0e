namespace Coc.Core.Complaints;

/// <summary>One validated complaint event from a complaint system (SiKesal, Call Center 112).</summary>
public readonly record struct ComplaintEvent(string Source, string Id, DateTimeOffset Timestamp, ComplaintStatus Status, string Category, string District);
