using System.Text;
using System.Text.Json.Nodes;
using LlmOperator.Manifests.Schema;

namespace LlmOperator.Sandbox.Server.Strategies;

/// <summary>Secrets: stringData is folded into base64 data on write, as the API server does; type defaults to Opaque; keys are config keys.</summary>
internal sealed class SecretStrategy : ResourceStrategy
{
    /// <inheritdoc />
    public override void PrepareForCreate(JsonObject obj)
    {
        FoldStringData(obj);
        Default(obj, "type", "Opaque");
    }

    /// <inheritdoc />
    public override void PrepareForUpdate(JsonObject obj, JsonObject old) => PrepareForCreate(obj);

    /// <inheritdoc />
    public override IEnumerable<FieldError> Validate(JsonObject obj, JsonObject? old) => ValueRules.ConfigKeys("data", obj["data"]);

    private static void FoldStringData(JsonObject obj)
    {
        if (obj["stringData"] is not JsonObject stringData)
        {
            return;
        }

        var data = Child(obj, "data");
        foreach (var (key, value) in stringData)
        {
            data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value?.ToString() ?? ""));
        }

        obj.Remove("stringData");
    }
}
