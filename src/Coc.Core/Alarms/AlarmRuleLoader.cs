using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Coc.Core.Alarms;

/// <summary>
/// Reads every <c>*.json</c> rule file of a folder (each <c>{"rules": [...]}</c>). A file with any error is not
/// applied as a whole: half a file's rules would leave the officer with alarms nobody decided on. Such a file
/// keeps its last good rules when the caller passes them (hot reload), like a broken wall layout.
/// </summary>
public static partial class AlarmRuleLoader
{
    private static readonly JsonSerializerOptions Options = new()
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        // A typo ("abvoe") must be an error, not a rule that silently never fires.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    [GeneratedRegex(@"^\$\.rules\[(\d+)\]\.?(.*)$")]
    private static partial Regex RulePath();

    /// <param name="lastGood">The rules applied before this load; a file that is now broken keeps its share of them.</param>
    public static AlarmRuleLoadResult LoadDirectory(string directory, IReadOnlyList<AlarmRule>? lastGood = null)
    {
        var result = new AlarmRuleLoadResult();
        if (!Directory.Exists(directory))
        {
            result.Errors.Add(new AlarmRuleError(Path.GetFileName(directory), null, null, "alarm rule folder does not exist"));
            return result;
        }
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var broken = new List<string>();
        foreach (var path in Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            // The editors' schema lives beside the rules; it is not a rule file.
            if (path.EndsWith(".schema.json", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var file = Path.GetFileName(path);
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (IOException ex)
            {
                // An editor may be replacing the file right now; the next reload reads it.
                result.Errors.Add(new AlarmRuleError(file, null, null, $"could not be read: {ex.Message}"));
                broken.Add(file);
                continue;
            }
            var (rules, errors) = Parse(text, file);
            foreach (var rule in rules)
            {
                if (ids.TryGetValue(rule.Id, out var other))
                {
                    errors.Add(new AlarmRuleError(file, rule.Id, "id", $"is already used by a rule in {other}"));
                }
            }
            if (errors.Count > 0)
            {
                result.Errors.AddRange(errors);
                broken.Add(file);
                continue;
            }
            foreach (var rule in rules)
            {
                ids[rule.Id] = file;
            }
            result.Rules.AddRange(rules);
        }
        KeepLastGood(result, broken, lastGood, ids);
        return result;
    }

    private static void KeepLastGood(AlarmRuleLoadResult result, List<string> broken, IReadOnlyList<AlarmRule>? lastGood, Dictionary<string, string> ids)
    {
        foreach (var file in broken)
        {
            // A rule id now owned by a good file wins over the broken file's old copy of it.
            var kept = lastGood?.Where(r => r.SourceFile == file && !ids.ContainsKey(r.Id)).ToList() ?? [];
            if (kept.Count == 0)
            {
                continue;
            }
            result.Rules.AddRange(kept);
            result.Errors.Add(new AlarmRuleError(file, null, null,
                $"not applied: its last good {kept.Count} rule(s) stay in force until this file is fixed"));
        }
    }

    /// <summary>Parses one rule file's text. The rules are returned only when the file has no error.</summary>
    public static (List<AlarmRule> Rules, List<AlarmRuleError> Errors) Parse(string json, string fileName)
    {
        var errors = new List<AlarmRuleError>();
        AlarmRuleFileDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize<AlarmRuleFileDto>(json, Options);
        }
        catch (JsonException ex)
        {
            errors.Add(FromJsonException(ex, json, fileName));
            return ([], errors);
        }
        if (dto?.Rules is null)
        {
            errors.Add(new AlarmRuleError(fileName, null, "rules", "is required: {\"rules\": [ ... ]}"));
            return ([], errors);
        }
        var rules = new List<AlarmRule>();
        for (var i = 0; i < dto.Rules.Count; i++)
        {
            if (dto.Rules[i] is not { } ruleDto)
            {
                errors.Add(new AlarmRuleError(fileName, $"#{i}", null, "must be a rule object"));
                continue;
            }
            if (AlarmRuleValidator.Build(ruleDto, i, fileName, errors) is { } rule)
            {
                if (rules.Any(r => r.Id == rule.Id))
                {
                    errors.Add(new AlarmRuleError(fileName, rule.Id, "id", "is used by another rule in this file"));
                    continue;
                }
                rules.Add(rule);
            }
        }
        return errors.Count == 0 ? (rules, errors) : ([], errors);
    }

    /// <summary>The serializer knows the path; the operator wants the rule's id and the field inside it.</summary>
    private static AlarmRuleError FromJsonException(JsonException ex, string json, string fileName)
    {
        var where = ex.LineNumber is { } line ? $" (line {line + 1}, column {ex.BytePositionInLine + 1})" : "";
        var message = ex.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        message = (cut > 0 ? message[..cut] : message) + where;
        if (ex.Path is { } path && RulePath().Match(path) is { Success: true } m)
        {
            var index = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var field = m.Groups[2].Value;
            if (message.Contains("could not be mapped", StringComparison.Ordinal))
            {
                message = "is not a known field" + where;
            }
            return new AlarmRuleError(fileName, RuleName(json, index), field.Length == 0 ? null : field, message);
        }
        return new AlarmRuleError(fileName, null, ex.Path is null or "$" ? null : ex.Path.TrimStart('$', '.'), message);
    }

    /// <summary>The id of rule <paramref name="index"/> when the text still has one to show, else "#index".</summary>
    private static string RuleName(string json, int index)
    {
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (doc.RootElement.TryGetProperty("rules", out var rules) && rules.ValueKind == JsonValueKind.Array
                && index < rules.GetArrayLength() && rules[index].ValueKind == JsonValueKind.Object
                && rules[index].TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(id.GetString()))
            {
                return id.GetString()!;
            }
        }
        catch (JsonException)
        {
            // Not JSON at all: the index is all there is.
        }
        return $"#{index}";
    }
}

public sealed class AlarmRuleLoadResult
{
    public List<AlarmRule> Rules { get; } = [];

    public List<AlarmRuleError> Errors { get; } = [];
}
