using System.Text.Json.Serialization;
using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Evaluation.Json;

/// <summary>The kinds of a gate file and the cases of a dataset, for <see cref="EvaluationJson"/>.</summary>
[JsonSerializable(typeof(EvaluationGate))]
[JsonSerializable(typeof(PromptVersion))]
[JsonSerializable(typeof(ModelDeployment))]
[JsonSerializable(typeof(EvaluationCase))]
[JsonSerializable(typeof(List<EvaluationCase>))]
internal sealed partial class EvaluationJsonContext : JsonSerializerContext;
