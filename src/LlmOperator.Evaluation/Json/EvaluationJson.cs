using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using k8s;

namespace LlmOperator.Evaluation.Json;

/// <summary>
/// How <c>llmop eval</c> reads the API objects of its gate files and writes the cases it hashes: KubernetesJson's
/// settings (naming policy, converters, null handling) with System.Text.Json metadata generated at build time for those
/// kinds. With the reflection-built metadata KubernetesJson falls back to for our kinds, reading a 1,000-case gate cost
/// about 60 ms of an evaluation Job's start, most of it compiling an accessor per property; the generated metadata is
/// precompiled with the rest of a published llmop (issue 20).
/// </summary>
internal static class EvaluationJson
{
    /// <summary>The options to read and write the kinds of <see cref="EvaluationJsonContext"/> with.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        // AddJsonOptions is KubernetesJson's only way to reach its options; they are copied, never changed.
        JsonSerializerOptions? options = null;
        KubernetesJson.AddJsonOptions(kubernetes => options = new JsonSerializerOptions(kubernetes)
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine(EvaluationJsonContext.Default, kubernetes.TypeInfoResolver),
        });
        options!.MakeReadOnly();
        return options;
    }
}
