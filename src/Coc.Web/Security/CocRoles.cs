namespace Coc.Web.Security;

/// <summary>
/// The roles, each including the ones before it: a duty officer can do what an operator can, and so on.
/// Policies carry the same names; a page or endpoint asks for the least role that may use it.
/// </summary>
public static class CocRoles
{
    /// <summary>Wall and briefing screens, the hub: read only. Screen tokens sign in with this role.</summary>
    public const string Viewer = "viewer";

    /// <summary>The feeds page and the alarm list and history.</summary>
    public const string Operator = "operator";

    /// <summary>Acknowledges alarms and switches scenes.</summary>
    public const string DutyOfficer = "duty-officer";

    /// <summary>Keys, users, layouts.</summary>
    public const string Admin = "admin";

    /// <summary>Lowest first.</summary>
    public static IReadOnlyList<string> All { get; } = [Viewer, Operator, DutyOfficer, Admin];
}
