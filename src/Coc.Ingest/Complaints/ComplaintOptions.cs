using Coc.Core.Complaints;
using Microsoft.Extensions.Options;

namespace Coc.Ingest.Complaints;

/// <summary>Section <c>Coc:Complaints</c>: the live aggregation of complaint events (coc/complaints/{source}).</summary>
public sealed class ComplaintOptions
{
    public const string Section = "Coc:Complaints";

    /// <summary>Most complaints remembered (for deduplication and the backlog). See <see cref="ComplaintAggregator"/> for what happens when full.</summary>
    public int MaxTrackedComplaints { get; set; } = ComplaintAggregator.DefaultMaxTracked;

    /// <summary>Hours a resolved or rejected complaint is remembered after its final event.</summary>
    public int RetainClosedHours { get; set; } = (int)ComplaintAggregator.DefaultRetainClosed.TotalHours;

    /// <summary>Every aggregate is republished this often even when nothing changed: keeps tiles fresh and moves "today" past WIB midnight.</summary>
    public int RefreshIntervalSeconds { get; set; } = 10;
}

public sealed class ComplaintOptionsValidator : IValidateOptions<ComplaintOptions>
{
    public ValidateOptionsResult Validate(string? name, ComplaintOptions o)
    {
        var errors = new List<string>();
        void Range(string key, int value, int min, int max)
        {
            if (value < min || value > max)
            {
                errors.Add($"Coc:Complaints:{key} must be {min}-{max}, got {value}");
            }
        }
        Range(nameof(o.MaxTrackedComplaints), o.MaxTrackedComplaints, 1, 10_000_000);
        Range(nameof(o.RetainClosedHours), o.RetainClosedHours, 1, 24 * 90);
        Range(nameof(o.RefreshIntervalSeconds), o.RefreshIntervalSeconds, 1, 3600);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
