using System.Text.Json.Nodes;
using LlmOperator.Api.Json;
using LlmOperator.Evaluation.Client;
using NJsonSchema;

namespace LlmOperator.Evaluation.Assertions;

/// <summary>
/// tool-call: the answer calls a function. With no value, any function; with a name (a string, or {name}), that one; with
/// {arguments: schema} as well, a call whose arguments are JSON matching the schema (an object, or YAML text). not-tool-call
/// passes when no call matches.
/// </summary>
internal sealed class ToolCallAssertion : CompiledAssertion
{
    private readonly string? _name;
    private readonly JsonSchema? _arguments;

    /// <summary>Reads the name and compiles the arguments schema; anything else in the value is a configuration error.</summary>
    public ToolCallAssertion(AssertionSpec spec)
        : base(spec)
    {
        switch (spec.Value)
        {
            case null:
                break;
            case JsonValue when AssertionValues.Scalar(spec.Value) is { Length: > 0 } name:
                _name = name;
                break;
            case JsonObject value:
                if (value.Select(p => p.Key).FirstOrDefault(k => k is not ("name" or "arguments")) is { } unknown)
                {
                    throw new AssertionConfigurationException(
                        $"{spec.Where}: \"{spec.TypeName}\" value has an unknown field \"{unknown}\"; it takes name and arguments (a JSON schema)");
                }

                _name = value["name"] switch
                {
                    null => null,
                    var name when JsonKinds.IsString(name) && name.GetValue<string>().Length > 0 => name.GetValue<string>(),
                    var name => throw new AssertionConfigurationException(
                        $"{spec.Where}: \"{spec.TypeName}\" value.name must be a function name, not {JsonKinds.TypeName(name)}"),
                };
                _arguments = JsonSchemas.FromValue(value["arguments"], spec, "value.arguments");
                break;
            default:
                throw new AssertionConfigurationException(
                    $"{spec.Where}: \"{spec.TypeName}\" value must be a function name or {{name, arguments}}, not {JsonKinds.TypeName(spec.Value)}");
        }
    }

    /// <inheritdoc />
    public override ValueTask<AssertionOutcome> EvaluateAsync(AssertionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var named = input.ToolCalls.Where(c => _name is null || c.Name == _name).ToList();
        string? mismatch = null;
        var match = named.FirstOrDefault(call => Matches(call, ref mismatch));
        var what = (_name is null ? "a function call" : $"a call of {_name}") + (_arguments is null ? "" : " with arguments matching the schema");
        if (match is not null)
        {
            return ValueTask.FromResult(Verdict(!Spec.Inverse, $"Expected no {what[2..]}; the answer made {ToolCallText.Describe(match)}"));
        }

        var called = mismatch ?? $"the answer called {ToolCallText.Describe(input.ToolCalls)}";
        return ValueTask.FromResult(Verdict(Spec.Inverse, $"Expected {what}; {called}"));
    }

    // Whether a call of the right name has arguments matching the schema; why not, for the reason, when it does not.
    private bool Matches(ToolCall call, ref string? mismatch)
    {
        if (_arguments is null)
        {
            return true;
        }

        if (!AssertionValues.TryParse(call.Arguments, out var arguments))
        {
            mismatch = $"{ToolCallText.Describe(call)} has arguments that are not JSON";
            return false;
        }

        if (JsonSchemas.Validate(_arguments, arguments) is { } errors)
        {
            mismatch = $"{ToolCallText.Describe(call)} does not match: {errors}";
            return false;
        }

        return true;
    }
}
