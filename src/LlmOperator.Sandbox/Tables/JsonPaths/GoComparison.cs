using System.Text.Json.Nodes;
using LlmOperator.Api.Json;

namespace LlmOperator.Sandbox.Tables.JsonPaths;

/// <summary>
/// The comparisons of a filter, with Go text/template's rules (which client-go's jsonpath uses):
/// only booleans, integers, floats and strings compare, both sides must be of the same kind (an
/// int64 never equals a float64), and anything else is an error rather than false.
/// </summary>
internal static class GoComparison
{
    private const string BadType = "invalid type for comparison";
    private const string Incompatible = "incompatible types for comparison";

    /// <summary>Applies a filter operator; Error is set when the values cannot be compared.</summary>
    public static (bool Holds, string? Error) Compare(string op, JsonNode? left, JsonNode? right) => op switch
    {
        "==" => Equal(left, right),
        "!=" => Not(Equal(left, right)),
        "<" => Less(left, right),
        "<=" => LessOrEqual(left, right),
        ">" => Not(LessOrEqual(left, right)),
        ">=" => Not(Less(left, right)),
        _ => (false, $"unrecognized filter operator {op}"),
    };

    private static (bool Holds, string? Error) Not((bool Holds, string? Error) result) =>
        result.Error is null ? (!result.Holds, null) : (false, result.Error);

    private static (bool Holds, string? Error) LessOrEqual(JsonNode? left, JsonNode? right)
    {
        var less = Less(left, right);
        return less.Holds || less.Error is not null ? less : Equal(left, right);
    }

    private static (bool Holds, string? Error) Equal(JsonNode? left, JsonNode? right)
    {
        var kind = CommonKind(left, right);
        if (kind.Error is not null)
        {
            return (false, kind.Error);
        }

        return (kind.Kind switch
        {
            GoKind.Bool => left!.GetValue<bool>() == right!.GetValue<bool>(),
            GoKind.String => left!.GetValue<string>() == right!.GetValue<string>(),
            GoKind.Int => GoValues.IntValue(left) == GoValues.IntValue(right),
            _ => JsonKinds.ToDouble(left!) == JsonKinds.ToDouble(right!),
        }, null);
    }

    private static (bool Holds, string? Error) Less(JsonNode? left, JsonNode? right)
    {
        var kind = CommonKind(left, right);
        if (kind.Error is not null || kind.Kind == GoKind.Bool)
        {
            return (false, kind.Error ?? BadType);
        }

        return (kind.Kind switch
        {
            GoKind.String => string.CompareOrdinal(left!.GetValue<string>(), right!.GetValue<string>()) < 0,
            GoKind.Int => GoValues.IntValue(left) < GoValues.IntValue(right),
            _ => JsonKinds.ToDouble(left!) < JsonKinds.ToDouble(right!),
        }, null);
    }

    private static (GoKind Kind, string? Error) CommonKind(JsonNode? left, JsonNode? right)
    {
        var leftKind = GoValues.KindOf(left);
        var rightKind = GoValues.KindOf(right);
        if (!IsBasic(leftKind) || !IsBasic(rightKind))
        {
            return (leftKind, BadType);
        }

        return leftKind == rightKind ? (leftKind, null) : (leftKind, Incompatible);
    }

    private static bool IsBasic(GoKind kind) => kind is GoKind.Bool or GoKind.Int or GoKind.Float or GoKind.String;
}
