namespace LlmOperator.Sandbox.Patching;

/// <summary>
/// One entry of a Status's <c>details.causes</c>, for example one conflicting field of an apply. In the Status
/// JSON the type goes in the member <c>reason</c>: <c>{"reason":"FieldManagerConflict","message":"conflict with
/// \"helm\"","field":".spec.replicas"}</c>.
/// </summary>
/// <param name="Type">The cause type, written as <c>reason</c>, for example <c>FieldManagerConflict</c>.</param>
/// <param name="Message">What is wrong with the field, for example <c>conflict with "helm"</c>.</param>
/// <param name="Field">The field in the notation of the API server, for example <c>.spec.replicas</c>.</param>
internal sealed record PatchStatusCause(string Type, string Message, string Field);
