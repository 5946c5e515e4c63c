using System.Text.Json.Nodes;
using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Evaluation.Assertions;

/// <summary>An assertion's settings once its value is resolved for a case (its own value, or the case's expected).</summary>
/// <param name="Type">The positive type, for example contains for not-contains.</param>
/// <param name="Inverse">Whether it is a not- assertion.</param>
/// <param name="TypeName">The type as written.</param>
/// <param name="Value">The value, rendered with the case's variables.</param>
/// <param name="Threshold">The threshold, if set.</param>
/// <param name="Weight">Its weight in the case's score.</param>
/// <param name="Metric">The named metric it counts towards.</param>
/// <param name="Where">Where it is written, for messages: for example case "a" assert[1].</param>
internal sealed record AssertionSpec(
    AssertionType Type,
    bool Inverse,
    string TypeName,
    JsonNode? Value,
    double? Threshold,
    double Weight,
    string? Metric,
    string Where);
