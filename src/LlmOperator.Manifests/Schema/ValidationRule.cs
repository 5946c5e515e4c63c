namespace LlmOperator.Manifests.Schema;

/// <summary>One x-kubernetes-validations entry: a CEL rule and what to say when it fails.</summary>
/// <param name="Rule">The CEL expression over <c>self</c> (and <c>oldSelf</c> for transition rules).</param>
/// <param name="Message">The message shown on failure; defaults to naming the rule.</param>
/// <param name="FieldPath">A path relative to the value that the error points at.</param>
/// <param name="Reason">FieldValueInvalid, FieldValueForbidden, FieldValueRequired or FieldValueDuplicate.</param>
public sealed record ValidationRule(string Rule, string? Message, string? FieldPath, string? Reason);
