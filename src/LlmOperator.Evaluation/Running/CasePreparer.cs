using System.Text.Json.Nodes;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Assertions;
using LlmOperator.Templates;

namespace LlmOperator.Evaluation.Running;

/// <summary>
/// Prepares every case before any model is called. A mistake in the gate (an invalid regex, a value an
/// assertion cannot use, an unknown provider) stops the run with every such mistake listed; a case whose
/// prompt does not render is an error of that case only.
/// </summary>
internal sealed class CasePreparer(AssertionCompiler compiler)
{
    /// <summary>How many distinct gate mistakes a message lists.</summary>
    public const int MaxListedProblems = 5;

    /// <summary>Prepares the plan's cases, in dataset order.</summary>
    public async Task<IReadOnlyList<PreparedCase>> PrepareAsync(EvaluationPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var problems = new List<string>();
        var prepared = new List<PreparedCase>(plan.Dataset.Cases.Count);
        foreach (var evaluationCase in plan.Dataset.Cases)
        {
            string? caseError = null;
            var assertions = new List<CompiledAssertion>();
            var all = (plan.Gate.DefaultAssert ?? []).Select((a, i) => (Assertion: a, Where: $"defaultAssert[{i}]"))
                .Concat((evaluationCase.Assert ?? []).Select((a, i) => (Assertion: a, Where: $"case \"{evaluationCase.Id}\" assert[{i}]")));
            foreach (var (assertion, where) in all)
            {
                try
                {
                    assertions.Add(await compiler
                        .CompileAsync(assertion, evaluationCase.Expected, evaluationCase.Vars, where, cancellationToken)
                        .ConfigureAwait(false));
                }
                catch (AssertionConfigurationException e)
                {
                    if (!problems.Contains(e.Message))
                    {
                        problems.Add(e.Message);
                    }
                }
                catch (TemplateException e)
                {
                    caseError ??= e.Message;
                }
            }

            var rendered = plan.Endpoints
                .Select(endpoint => caseError is null
                    ? Render(evaluationCase, endpoint)
                    : (Prompt: (RenderedPrompt?)null, Error: (string?)caseError))
                .ToList();
            prepared.Add(new PreparedCase(evaluationCase, assertions, [.. rendered.Select(r => r.Prompt)], [.. rendered.Select(r => r.Error)]));
        }

        if (problems.Count > 0)
        {
            var listed = string.Join("; ", problems.Take(MaxListedProblems));
            var more = problems.Count > MaxListedProblems ? $"; and {problems.Count - MaxListedProblems} more" : "";
            throw new EvaluationConfigurationException($"the gate's assertions cannot be evaluated: {listed}{more}");
        }

        return prepared;
    }

    // The case's own parameters (its tools, for example) replace the prompt's one by one, on every endpoint alike.
    private static (RenderedPrompt? Prompt, string? Error) Render(EvaluationCase evaluationCase, EndpointPlan endpoint)
    {
        var own = OpenAiParameters.From(evaluationCase.Parameters);
        try
        {
            if (evaluationCase.Messages is { Count: > 0 } messages)
            {
                var parameters = OpenAiParameters.Merge(endpoint.Prompt?.StaticParameters, own);
                var template = PromptTemplate.FromMessages($"case \"{evaluationCase.Id}\" messages", messages, parameters);
                return (template.Render(null), null);
            }

            return endpoint.Prompt is { } prompt
                ? (WithParameters(prompt.Render(evaluationCase.Vars), own), null)
                : (null, $"case \"{evaluationCase.Id}\" has no messages and the gate has no promptRef to render its vars");
        }
        catch (TemplateException e)
        {
            return (null, $"case \"{evaluationCase.Id}\": {e.Message}");
        }
    }

    private static RenderedPrompt WithParameters(RenderedPrompt prompt, JsonObject? own) =>
        own is null ? prompt : prompt with { Parameters = OpenAiParameters.Merge(prompt.Parameters, own) };
}
