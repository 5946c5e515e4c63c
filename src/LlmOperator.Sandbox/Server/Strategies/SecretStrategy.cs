using System.Text;
using System.Text.Json.Nodes;
using LlmOperator.Api.Json;
using LlmOperator.Manifests.Schema;

namespace LlmOperator.Sandbox.Server.Strategies;

/// <summary>Secrets: stringData is folded into base64 data on write, as the API server does; type defaults to Opaque.</summary>
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
    public override IEnumerable<FieldError> Validate(JsonObject obj, JsonObject? old)
    {
        foreach (var (key, value) in obj["data"] as JsonObject ?? [])
        {
            Span<byte> buffer = new byte[value?.ToString().Length ?? 0];
            if (!JsonKinds.IsString(value) || !Convert.TryFromBase64String(value!.ToString(), buffer, out _))
            {
                yield return new FieldError($"data[{key}]", FieldErrorType.Invalid, "must be base64-encoded", value, showValue: false);
            }
        }
    }

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
