namespace Coc.Core.Alarms;

/// <summary>
/// Why a rule file (or one rule in it) was not applied, in the words an operator fixing the file needs:
/// <c>jambi.json: rule 'sungai-siaga': 'above[1].severity' must be warning or critical</c>.
/// </summary>
/// <param name="Rule">The rule's id, or <c>#3</c> (its index) when it has none; null for the whole file.</param>
/// <param name="Field">The field inside the rule (or the file when <paramref name="Rule"/> is null); null when there is no one place.</param>
public sealed record AlarmRuleError(string File, string? Rule, string? Field, string Message)
{
    public override string ToString()
    {
        var rule = Rule is null ? "" : Rule.StartsWith('#') ? $" rule {Rule}:" : $" rule '{Rule}':";
        var field = Field is null ? "" : $" '{Field}'";
        return $"{File}:{rule}{field} {Message}";
    }
}
