using Microsoft.Extensions.Options;

namespace Coc.Web.Alarms;

/// <summary>Section <c>Coc:Alarms</c>: where alarm rules come from and where alarm history is kept.</summary>
public sealed class AlarmOptions
{
    public const string Section = "Coc:Alarms";

    /// <summary>Folder of alarm rule files (<c>*.json</c>, hot-reloaded). Empty: the nearest <c>alarm-rules</c> folder at or above the content root.</summary>
    public string RulesPath { get; set; } = "";

    /// <summary>SQLite file of the alarm journal (transitions and the open alarms a restart takes back), relative to the content root.</summary>
    public string DatabasePath { get; set; } = "data/alarms.db";

    /// <summary>Most (rule, series) pairs the engine tracks; samples needing more are refused and counted.</summary>
    public int MaxInstances { get; set; } = 10_000;

    /// <summary>How often silence and <c>forSeconds</c> conditions are checked.</summary>
    public int TickMilliseconds { get; set; } = 1000;
}

public sealed class AlarmOptionsValidator : IValidateOptions<AlarmOptions>
{
    public ValidateOptionsResult Validate(string? name, AlarmOptions o)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(o.DatabasePath))
        {
            errors.Add("Coc:Alarms:DatabasePath is required (e.g. data/alarms.db)");
        }
        else if (o.DatabasePath.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            errors.Add($"Coc:Alarms:DatabasePath '{o.DatabasePath}' is not a valid path");
        }
        if (o.RulesPath.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            errors.Add($"Coc:Alarms:RulesPath '{o.RulesPath}' is not a valid path");
        }
        if (o.MaxInstances is < 1 or > 1_000_000)
        {
            errors.Add($"Coc:Alarms:MaxInstances must be 1-1000000, got {o.MaxInstances}");
        }
        if (o.TickMilliseconds is < 100 or > 60_000)
        {
            errors.Add($"Coc:Alarms:TickMilliseconds must be 100-60000, got {o.TickMilliseconds}");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
