namespace LlmOperator.Sandbox.Api.Protobuf;

/// <summary>The field numbers of one protobuf message, keyed by the KubernetesClient model that has its shape.</summary>
/// <param name="Model">The model's class name in k8s.Models (V1DeploymentSpec).</param>
/// <param name="Message">The protobuf message's full name (k8s.io.api.apps.v1.DeploymentSpec).</param>
/// <param name="Fields">Its fields, in field number order.</param>
internal sealed record MessageNumbers(string Model, string Message, IReadOnlyList<FieldNumber> Fields);
