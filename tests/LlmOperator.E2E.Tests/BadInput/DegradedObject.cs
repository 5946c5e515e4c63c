using System.Text.Json.Nodes;

namespace LlmOperator.E2E.Tests.BadInput;

/// <summary>An object the schema accepts but the operator cannot act on: the condition reason it must get.</summary>
/// <param name="Kind">ModelDeployment or PromptVersion.</param>
/// <param name="Name">Its name.</param>
/// <param name="Manifest">The object.</param>
/// <param name="Reason">The reason of the Degraded condition it must get.</param>
public sealed record DegradedObject(string Kind, string Name, JsonObject Manifest, string Reason);
