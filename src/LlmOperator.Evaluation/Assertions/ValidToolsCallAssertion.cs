using System.Text.Json.Nodes;
using LlmOperator.Api.Json;
using LlmOperator.Evaluation.Client;

namespace LlmOperator.Evaluation.Assertions;

/// <summary>
/// is-valid-openai-tools-call, as promptfoo means it: the answer calls at least one function, and every call names a tool
/// the request offered, with arguments that are JSON matching that tool's parameters schema. It takes no value: the
/// tools are those the request sent (the prompt's or the case's parameters.tools).
/// </summary>
internal sealed class ValidToolsCallAssertion : CompiledAssertion
{
    /// <summary>Checks that no value is given.</summary>
    public ValidToolsCallAssertion(AssertionSpec spec)
        : base(spec)
    {
        if (spec.Value is not null)
        {
            throw new AssertionConfigurationException(
                $"{spec.Where}: \"{spec.TypeName}\" takes no value: it checks the calls against the tools the request offered");
        }
    }

    /// <inheritdoc />
    public override ValueTask<AssertionOutcome> EvaluateAsync(AssertionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var tools = input.OfferedTools ?? throw new AssertionException(
            $"{Spec.Where}: the request offered no tools to check the calls against (set parameters.tools on the prompt or the case)");
        var problem = input.ToolCalls.Count == 0
            ? $"Expected the answer to call a tool; it answered: {Shorten(input.Output)}"
            : input.ToolCalls.Select(call => Check(call, tools)).FirstOrDefault(p => p is not null);
        return ValueTask.FromResult(problem is null
            ? Verdict(!Spec.Inverse, "Expected the answer to not be a valid tools call")
            : Verdict(Spec.Inverse, problem));
    }

    // Why a call is not valid, in promptfoo's words, or null when it is.
    private string? Check(ToolCall call, JsonArray tools)
    {
        var function = tools.Select(tool => tool?["function"] as JsonObject)
            .FirstOrDefault(f => f?["name"] is JsonValue name && JsonKinds.IsString(name) && name.GetValue<string>() == call.Name);
        if (function is null)
        {
            return $"Called \"{call.Name}\", but there is no function with that name";
        }

        if (!AssertionValues.TryParse(call.Arguments, out var arguments))
        {
            return $"Call to \"{call.Name}\" has arguments that are not JSON: {ToolCallText.Describe(call)}";
        }

        if (function["parameters"] is not { } parameters)
        {
            return null;
        }

        NJsonSchema.JsonSchema schema;
        try
        {
            schema = JsonSchemas.Compile(parameters);
        }
        catch (InvalidOperationException e)
        {
            throw new AssertionException($"{Spec.Where}: the parameters schema of the offered tool \"{call.Name}\" is invalid: {e.Message}");
        }

        return JsonSchemas.Validate(schema, arguments) is { } errors ? $"Call to \"{call.Name}\" does not match schema: {errors}" : null;
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "...";
}
