using LlmOperator.Api.V1Alpha1;
using LlmOperator.Templates;

namespace LlmOperator.Controllers.PromptVersions.Planning;

/// <summary>
/// What can be known about a version's templates before any run, with the evaluator's own template
/// compiler: whether they parse, and whether a gate's inline cases give every variable the version
/// requires and render through it. A gate whose dataset is in a ConfigMap is not read here; its run
/// reports the same problems in its verdict.
/// </summary>
internal static class TemplateChecks
{
    /// <summary>The compiled version, or the problem of the template that does not parse.</summary>
    public static (PromptTemplate? Template, string? Problem) Compile(PromptVersionSpec spec)
    {
        try
        {
            return (PromptTemplate.FromPromptVersion(spec), null);
        }
        catch (TemplateException e)
        {
            return (null, e.Message);
        }
    }

    /// <summary>Why the gate cannot judge the version (a reason and a sentence), or null when it can.</summary>
    public static (string Reason, string Message)? Check(PromptVersionSpec spec, PromptTemplate template, EvaluationGate gate)
    {
        var name = gate.Metadata.Name;
        if (gate.Spec.PromptRef is { } promptRef && promptRef.Name != spec.PromptName)
        {
            return ("GatePromptMismatch",
                $"Gate {name} renders its cases through prompt {promptRef.Name}, not {spec.PromptName}; " +
                    "a gate of this prompt names it in promptRef or names no prompt.");
        }

        if (gate.Spec.Dataset?.Cases is not { } cases)
        {
            return null;
        }

        // A case with messages of its own is sent as written: the prompt does not touch it.
        var rendered = cases.Where(c => c.Messages is not { Count: > 0 }).ToList();
        if (rendered.Count == 0)
        {
            return ("GateIgnoresPrompt",
                $"Every case of gate {name} has messages of its own, so none renders through the prompt and the gate cannot judge it; " +
                    "give the cases vars.");
        }

        var required = (spec.Variables ?? []).Where(v => v.Required).Select(v => v.Name).ToList();
        var lacking = rendered
            .Select(c => (Case: c, Missing: required.Where(v => c.Vars?.ContainsKey(v) != true).ToList()))
            .Where(c => c.Missing.Count > 0)
            .ToList();
        if (lacking.Count > 0)
        {
            var (first, missing) = lacking[0];
            return ("MissingVariables",
                $"{lacking.Count} of {rendered.Count} cases of gate {name} lack the required variable{(missing.Count > 1 ? "s" : "")} " +
                    $"{string.Join(", ", missing)} (the first, case \"{first.Id}\").");
        }

        foreach (var evaluationCase in rendered)
        {
            try
            {
                template.Render(evaluationCase.Vars);
            }
            catch (TemplateException e)
            {
                return ("TemplateDoesNotRender", $"Case \"{evaluationCase.Id}\" of gate {name} does not render: {e.Message}.");
            }
        }

        return null;
    }
}
