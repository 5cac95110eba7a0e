using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace Coc.Core.Layouts;

/// <summary>
/// Turns NJsonSchema's error tree into what an operator can act on: one error per place, the JSON
/// path as the semantic validator writes it (<c>$.scenes[0].tiles[3].titel</c>), and the rule's keyword.
/// </summary>
internal static class LayoutSchemaErrors
{
    /// <summary>Opens the nested errors of array items, property values and one-of branches.</summary>
    public static void Flatten(ValidationError error, List<ValidationError> into)
    {
        switch (error)
        {
            // "series" may be an object or an array: report the branch of the kind the file wrote, not both.
            case ChildSchemaValidationError child when error.Kind is ValidationErrorKind.NotOneOf or ValidationErrorKind.NotAnyOf:
                FlattenMatchingBranch(error, child.Errors.Values, into);
                break;
            case MultiTypeValidationError multi:
                FlattenMatchingBranch(error, multi.Errors.Values, into);
                break;
            case ChildSchemaValidationError child:
                foreach (var inner in child.Errors.Values.SelectMany(e => e))
                {
                    Flatten(inner, into);
                }
                break;
            default:
                into.Add(error);
                break;
        }
    }

    private static void FlattenMatchingBranch(ValidationError error, IEnumerable<ICollection<ValidationError>> branches, List<ValidationError> into)
    {
        var ofThisKind = branches.Where(b => !b.Any(e => IsTypeMismatch(e) && e.Path == error.Path)).ToList();
        if (ofThisKind.Count != 1)
        {
            into.Add(error);
            return;
        }
        foreach (var inner in ofThisKind[0])
        {
            Flatten(inner, into);
        }
    }

    /// <summary>A value of the wrong type (e.g. a null scene) also "misses" its required properties: keep only the type error.</summary>
    public static IEnumerable<ValidationError> WithoutEchoes(List<ValidationError> errors)
    {
        var mismatched = errors.Where(IsTypeMismatch).Select(e => JsonPath(e.Path)).ToHashSet(StringComparer.Ordinal);
        return errors.Where(e => !mismatched.Any(p => IsBelow(JsonPath(e.Path), p)));
    }

    /// <summary>NJsonSchema's <c>#/scenes[0].id</c> as <c>$.scenes[0].id</c>.</summary>
    public static string JsonPath(string? path)
    {
        var rest = (path ?? "#").TrimStart('#').TrimStart('/');
        return rest.Length == 0 ? "$" : rest[0] == '[' ? "$" + rest : "$." + rest;
    }

    /// <summary>True when the JSON path <paramref name="path"/> lies strictly inside <paramref name="ancestor"/>.</summary>
    public static bool IsBelow(string path, string ancestor) =>
        path.Length > ancestor.Length && path.StartsWith(ancestor, StringComparison.Ordinal) && path[ancestor.Length] is '.' or '[';

    public static string Describe(ValidationError e)
    {
        var text = e.Kind switch
        {
            ValidationErrorKind.NoAdditionalPropertiesAllowed => $"property '{e.Property}' is not allowed (additionalProperties){Suggestion(e)}",
            ValidationErrorKind.PropertyRequired => $"property '{e.Property}' is required (required)",
            ValidationErrorKind.NotInEnumeration => $"{Value(e.Token)} is not one of {string.Join(", ", e.Schema.Enumeration)} (enum)",
            ValidationErrorKind.PatternMismatch => $"{Value(e.Token)} does not match {e.Schema.Pattern} (pattern)",
            ValidationErrorKind.StringTooShort => $"must have at least {e.Schema.MinLength} character(s) (minLength)",
            ValidationErrorKind.StringTooLong => $"must have at most {e.Schema.MaxLength} character(s) (maxLength)",
            ValidationErrorKind.NumberTooSmall when e.Schema.ExclusiveMinimum is { } above => $"{Value(e.Token)} is too small: must be more than {Number(above)} (exclusiveMinimum)",
            ValidationErrorKind.NumberTooSmall => $"{Value(e.Token)} is too small: must be at least {Number(e.Schema.Minimum)} (minimum)",
            ValidationErrorKind.NumberTooBig when e.Schema.ExclusiveMaximum is { } below => $"{Value(e.Token)} is too big: must be less than {Number(below)} (exclusiveMaximum)",
            ValidationErrorKind.NumberTooBig => $"{Value(e.Token)} is too big: must be at most {Number(e.Schema.Maximum)} (maximum)",
            ValidationErrorKind.TooFewItems => $"needs at least {e.Schema.MinItems} item(s) (minItems)",
            ValidationErrorKind.NotOneOf or ValidationErrorKind.NotAnyOf => $"is {Kind(e.Token)}, which is none of the allowed forms (oneOf): {FirstSentence(e.Schema.Description)}",
            _ when IsTypeMismatch(e) || e.Kind == ValidationErrorKind.NoTypeValidates => $"must be {TypeName(e.Schema.Type)}, not {Kind(e.Token)} (type)",
            _ => $"breaks the schema rule {e.Kind}",
        };
        return e.HasLineInfo ? $"{text} (line {e.LineNumber}, column {e.LinePosition})" : text;
    }

    private static bool IsTypeMismatch(ValidationError e) => e.Kind is ValidationErrorKind.StringExpected or ValidationErrorKind.NumberExpected
        or ValidationErrorKind.IntegerExpected or ValidationErrorKind.BooleanExpected or ValidationErrorKind.ObjectExpected
        or ValidationErrorKind.ArrayExpected or ValidationErrorKind.NullExpected or ValidationErrorKind.NoTypeValidates;

    /// <summary>The known property closest to a typo, e.g. 'title' for 'titel'.</summary>
    private static string Suggestion(ValidationError e)
    {
        var typo = e.Property ?? "";
        var best = e.Schema.Properties.Keys
            .Select(name => (Name: name, Distance: Distance(typo.ToLowerInvariant(), name.ToLowerInvariant())))
            .Where(c => c.Distance <= Math.Max(1, typo.Length / 3))
            .OrderBy(c => c.Distance)
            .FirstOrDefault();
        return best.Name is null ? "" : $"; did you mean '{best.Name}'?";
    }

    /// <summary>Optimal string alignment distance: a swap of two neighbours ("titel") counts as one edit.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
    }

    private static string Value(JToken? token) => token switch
    {
        JValue { Value: string s } => $"'{s}'",
        null => "null",
        _ => token.ToString(Formatting.None),
    };

    private static string FirstSentence(string? text)
    {
        var end = text?.IndexOf(". ", StringComparison.Ordinal) ?? -1;
        return end > 0 ? text![..(end + 1)] : text ?? "";
    }

    private static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "?";

    private static string Kind(JToken? token) => token?.Type switch
    {
        JTokenType.String => "a string",
        JTokenType.Integer or JTokenType.Float => "a number",
        JTokenType.Boolean => "true/false",
        JTokenType.Object => "an object",
        JTokenType.Array => "an array",
        _ => "null",
    };

    private static string TypeName(JsonObjectType type) => string.Join(" or ", new (JsonObjectType Flag, string Name)[]
    {
        (JsonObjectType.String, "a string"),
        (JsonObjectType.Integer, "an integer"),
        (JsonObjectType.Number, "a number"),
        (JsonObjectType.Boolean, "true/false"),
        (JsonObjectType.Object, "an object"),
        (JsonObjectType.Array, "an array"),
        (JsonObjectType.Null, "null"),
    }.Where(t => type.HasFlag(t.Flag)).Select(t => t.Name));
}
