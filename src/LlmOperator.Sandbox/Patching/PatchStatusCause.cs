namespace LlmOperator.Sandbox.Patching;

/// <summary>One entry of a Status's <c>details.causes</c>, for example one conflicting field of an apply.</summary>
/// <param name="Type">The cause type, for example <c>FieldManagerConflict</c>.</param>
/// <param name="Message">What is wrong with the field, for example <c>conflict with "helm"</c>.</param>
/// <param name="Field">The field in the notation of the API server, for example <c>.spec.replicas</c>.</param>
public sealed record PatchStatusCause(string Type, string Message, string Field);
