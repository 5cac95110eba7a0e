namespace Coc.Core.Complaints;

/// <summary>The life of a complaint: new → in_progress → resolved or rejected (the last two are final).</summary>
public enum ComplaintStatus
{
    New,
    InProgress,
    Resolved,
    Rejected,
}

/// <summary>The wire names of the statuses, as complaint systems send them.</summary>
public static class ComplaintStatusNames
{
    public static bool TryParse(string text, out ComplaintStatus status)
    {
        switch (text)
        {
            case "new":
                status = ComplaintStatus.New;
                return true;
            case "in_progress":
                status = ComplaintStatus.InProgress;
                return true;
            case "resolved":
                status = ComplaintStatus.Resolved;
                return true;
            case "rejected":
                status = ComplaintStatus.Rejected;
                return true;
            default:
                status = default;
                return false;
        }
    }

    public static string ToWire(this ComplaintStatus status) => status switch
    {
        ComplaintStatus.New => "new",
        ComplaintStatus.InProgress => "in_progress",
        ComplaintStatus.Resolved => "resolved",
        ComplaintStatus.Rejected => "rejected",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static bool IsOpen(this ComplaintStatus status) => status is ComplaintStatus.New or ComplaintStatus.InProgress;
}
