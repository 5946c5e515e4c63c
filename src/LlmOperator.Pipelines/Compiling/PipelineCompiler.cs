using System.Globalization;
using System.Text.Json.Nodes;
using LlmOperator.Api.Text;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Templates;

namespace LlmOperator.Pipelines.Compiling;

/// <summary>
/// Compiles spec.pipeline once per revision: every CEL rule and Liquid template, every duration, and
/// every steps.NAME reference (only earlier steps; the output may read any). All problems are reported
/// together, each with its path, so one edit fixes them.
/// </summary>
public sealed class PipelineCompiler
{
    private readonly List<string> _errors = [];
    private readonly List<string> _earlier = [];
    private readonly string[] _all;

    private PipelineCompiler(PipelineSpec spec) => _all = [.. spec.Steps.Select(s => s.Name)];

    /// <summary>Compiles a pipeline; throws <see cref="PipelineDefinitionException"/> listing every problem.</summary>
    public static CompiledPipeline Compile(PipelineSpec spec, string path = "spec.pipeline")
    {
        ArgumentNullException.ThrowIfNull(spec);
        var compiler = new PipelineCompiler(spec);
        var steps = new List<CompiledStep>();
        for (var i = 0; i < spec.Steps.Count; i++)
        {
            var step = spec.Steps[i];
            var stepPath = $"{path}.steps[{i}]";
            if (compiler.Action(step, stepPath) is { } action)
            {
                steps.Add(new CompiledStep(step.Name, action, stepPath));
            }

            compiler._earlier.Add(step.Name);
        }

        // The output runs after every step, so it may read any of them; a step reads only those before it.
        var output = spec.Output is null ? null : compiler.Template(spec.Output, $"{path}.output", compiler._all);
        var timeout = compiler.Duration(spec.Timeout, $"{path}.timeout");
        return compiler._errors.Count == 0
            ? new CompiledPipeline(steps, output, timeout, PipelineReferences.Of(spec))
            : throw new PipelineDefinitionException(compiler._errors);
    }

    private StepAction? Action(PipelineStep step, string path)
    {
        if (step.Call is { } call)
        {
            return new CallAction(Call(call, $"{path}.call"));
        }

        if (step.Switch is { } cases)
        {
            var compiled = cases.Select((c, i) => Case(c, $"{path}.switch[{i}]")).ToList();
            return new SwitchAction(compiled);
        }

        if (step.Ensemble is { } ensemble)
        {
            var calls = ensemble.Calls.Select((c, i) => Call(c, $"{path}.ensemble.calls[{i}]")).ToList();
            var judge = ensemble.Judge is null ? null : Call(ensemble.Judge, $"{path}.ensemble.judge");
            return new EnsembleAction(calls, ensemble.Combine, judge);
        }

        _errors.Add($"{path}: sets none of call, switch, ensemble");
        return null;
    }

    private CompiledCase Case(SwitchCase item, string path) => new(
        item.When is null ? null : Rule(item.When, $"{path}.when"),
        item.Call is null ? null : Call(item.Call, $"{path}.call"),
        item.Respond);

    private CompiledCall Call(PipelineCall call, string path)
    {
        var targets = new List<CompiledTarget>
        {
            Target(call.ModelRef.Name, call.PromptRef, call.Messages, call.Parameters, path),
        };
        var fallbacks = call.Fallback ?? [];
        for (var i = 0; i < fallbacks.Count; i++)
        {
            var fallback = fallbacks[i];
            targets.Add(Target(fallback.ModelRef.Name, fallback.PromptRef, fallback.Messages, fallback.Parameters ?? call.Parameters, $"{path}.fallback[{i}]"));
        }

        var vars = new List<CompiledVariable>();
        foreach (var (name, source) in call.Vars ?? [])
        {
            if (Template(source, $"{path}.vars.{name}", _earlier) is { } render)
            {
                vars.Add(new CompiledVariable(name, render));
            }
        }

        var unless = call.Unless is null ? null : Rule(call.Unless, $"{path}.unless");
        return new CompiledCall(targets, vars, unless, Duration(call.Timeout, $"{path}.timeout"), path);
    }

    private CompiledTarget Target(
        string modelRef, PromptReference? prompt, List<PromptMessage>? messages, PromptParameters? parameters, string path)
    {
        PromptTemplate? template = null;
        if (messages is not null)
        {
            foreach (var (message, i) in messages.Select((m, i) => (m, i)))
            {
                References(message.Content, $"{path}.messages[{i}]", _earlier);
            }

            try
            {
                template = PromptTemplate.FromMessages(path, messages);
            }
            catch (TemplateException e)
            {
                _errors.Add(e.Message);
            }
        }

        return new CompiledTarget(modelRef, prompt?.Name, template, OpenAiParameters.From(parameters), path);
    }

    private CelCondition? Rule(string rule, string path)
    {
        References(rule, path, _earlier);
        var condition = CelCondition.TryCompile(rule, path, out var error);
        if (error is not null)
        {
            _errors.Add(error);
        }

        return condition;
    }

    private Func<JsonObject?, string>? Template(string source, string path, IReadOnlyList<string> readable)
    {
        References(source, path, readable);
        try
        {
            return LiquidSandbox.Compile(source, path);
        }
        catch (TemplateException e)
        {
            _errors.Add(e.Message);
            return null;
        }
    }

    private void References(string text, string path, IReadOnlyList<string> readable) =>
        _errors.AddRange(StepReferences.Check(text, path, readable, _all));

    private TimeSpan? Duration(string? text, string path)
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            var duration = GoDuration.Parse(text);
            if (duration > TimeSpan.Zero)
            {
                return duration;
            }

            _errors.Add(string.Create(CultureInfo.InvariantCulture, $"{path}: {text} is not a positive duration"));
        }
        catch (FormatException e)
        {
            _errors.Add($"{path}: {e.Message}");
        }

        return null;
    }
}
