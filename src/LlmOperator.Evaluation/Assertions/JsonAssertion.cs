using System.Text.Json.Nodes;
using LlmOperator.Api.V1Alpha1;
using NJsonSchema;

namespace LlmOperator.Evaluation.Assertions;

/// <summary>
/// is-json (the whole answer is JSON) and contains-json (some JSON object is written in it), each
/// optionally matching a JSON schema given as an object or as YAML/JSON text.
/// </summary>
internal sealed class JsonAssertion : CompiledAssertion
{
    private readonly JsonSchema? _schema;

    /// <summary>Compiles the schema, if there is one; an invalid schema is a configuration error.</summary>
    public JsonAssertion(AssertionSpec spec)
        : base(spec)
    {
        _schema = JsonSchemas.FromValue(spec.Value, spec, "value");
    }

    /// <inheritdoc />
    public override ValueTask<AssertionOutcome> EvaluateAsync(AssertionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return ValueTask.FromResult(Spec.Type == AssertionType.IsJson ? IsJson(input.Output) : ContainsJson(input.Output));
    }

    private AssertionOutcome IsJson(string output)
    {
        if (!AssertionValues.TryParse(output, out var parsed))
        {
            return Verdict(Spec.Inverse, "Expected output to be valid JSON");
        }

        if (_schema is null)
        {
            return Verdict(!Spec.Inverse, "Expected output to not be valid JSON");
        }

        var errors = Validate(parsed);
        return errors is null
            ? Verdict(!Spec.Inverse, "Output is JSON that conforms to the provided schema")
            : Verdict(Spec.Inverse, $"JSON does not conform to the provided schema. Errors: {errors}");
    }

    private AssertionOutcome ContainsJson(string output)
    {
        var objects = AssertionValues.ExtractJsonObjects(output);
        if (objects.Count == 0)
        {
            return Verdict(Spec.Inverse, "Expected output to contain valid JSON");
        }

        if (_schema is null)
        {
            return Verdict(!Spec.Inverse, "Expected output to not contain valid JSON");
        }

        string? lastErrors = null;
        foreach (var obj in objects)
        {
            lastErrors = Validate(obj);
            if (lastErrors is null)
            {
                return Verdict(!Spec.Inverse, "Output contains JSON conforming to the provided schema");
            }
        }

        return Verdict(Spec.Inverse, $"JSON does not conform to the provided schema. Errors: {lastErrors}");
    }

    private string? Validate(JsonNode? value) => JsonSchemas.Validate(_schema!, value);
}
