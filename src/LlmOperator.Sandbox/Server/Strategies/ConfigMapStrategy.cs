using System.Text.Json.Nodes;
using LlmOperator.Manifests.Schema;

namespace LlmOperator.Sandbox.Server.Strategies;

/// <summary>ConfigMaps: the keys of data and binaryData are config keys, and no key is in both.</summary>
internal sealed class ConfigMapStrategy : ResourceStrategy
{
    /// <inheritdoc />
    public override IEnumerable<FieldError> Validate(JsonObject obj, JsonObject? old)
    {
        var data = obj["data"] as JsonObject ?? [];
        var binary = obj["binaryData"] as JsonObject ?? [];
        return ValueRules.ConfigKeys("data", data)
            .Concat(ValueRules.ConfigKeys("binaryData", binary))
            .Concat(binary.Where(b => data.ContainsKey(b.Key)).Select(b =>
                new FieldError($"data[{b.Key}]", FieldErrorType.Invalid, "duplicate of key present in binaryData", JsonValue.Create(b.Key), true)));
    }
}
