namespace LlmOperator.Api.Markers;

/// <summary>
/// A CEL rule that the type's schema carries as an <c>x-kubernetes-validations</c> entry: the API
/// server and <c>llmop validate</c> both enforce it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class CelRuleAttribute(string rule, string message) : Attribute
{
    /// <summary>The CEL expression; <c>self</c> is the value, <c>oldSelf</c> the previous value on update.</summary>
    public string Rule { get; } = rule;

    /// <summary>What the user reads when the rule fails.</summary>
    public string Message { get; } = message;

    /// <summary>Optional JSON path, relative to the value, of the field the error points at (for example <c>.external</c>).</summary>
    public string? FieldPath { get; init; }
}
