using Coc.Core.Alarms;

namespace Coc.Web.Tests.Alarms;

/// <summary>Rules for component tests, written in the rule-file format operators use.</summary>
internal static class TestAlarmRules
{
    /// <summary>The river's Siaga levels as alarm-rules/jambi.json has them, for any gauge.</summary>
    public const string RiverJson = """
        {
          "rules": [
            {
              "id": "sungai-siaga",
              "series": { "measurement": "water_level", "field": "value", "tags": { "sensor": "*" } },
              "above": [
                { "value": 12.5, "severity": "warning", "label": "Siaga 2" },
                { "value": 13.5, "severity": "critical", "label": "Siaga 1" }
              ],
              "hysteresis": 0.05,
              "names": { "pos-angso-duo": "Pos Angso Duo" },
              "message": "Sungai Batanghari di {name} {value} m: {label}",
              "messageEn": "Batanghari river at {name} {value} m: {label}"
            }
          ]
        }
        """;

    public static IReadOnlyList<AlarmRule> River()
    {
        var (rules, errors) = AlarmRuleLoader.Parse(RiverJson, "test.json");
        Assert.Empty(errors);
        return rules;
    }
}
