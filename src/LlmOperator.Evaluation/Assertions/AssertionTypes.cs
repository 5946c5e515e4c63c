using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json.Serialization;
using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Evaluation.Assertions;

/// <summary>The promptfoo names of the assertion types, and each not- type's positive form.</summary>
internal static class AssertionTypes
{
    private static readonly FrozenDictionary<AssertionType, string> Names = Enum.GetValues<AssertionType>().ToFrozenDictionary(
        t => t,
        t => typeof(AssertionType).GetField(t.ToString())!.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()!.Name);

    private static readonly FrozenDictionary<string, AssertionType> ByName = Names.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    /// <summary>The name as written in a gate, for example not-contains.</summary>
    public static string Name(AssertionType type) => Names[type];

    /// <summary>The positive form and whether the type is a not- inverse: not-contains gives (contains, true).</summary>
    public static (AssertionType Positive, bool Inverse) Split(AssertionType type)
    {
        var name = Names[type];
        return name.StartsWith("not-", StringComparison.Ordinal) ? (ByName[name[4..]], true) : (type, false);
    }
}
