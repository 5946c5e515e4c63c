using System.Globalization;
using System.Text.Json.Nodes;
using LlmOperator.Pipelines.Compiling;
using LlmOperator.Pipelines.Components;
using LlmOperator.Templates;

namespace LlmOperator.Pipelines.Execution;

/// <summary>
/// Runs a compiled pipeline for one request: steps in order, each call tried target by target (on an
/// error, a timeout or an answer its unless rule refuses), switch cases in order, ensemble calls at
/// once. A request the pipeline cannot answer is a <see cref="PipelineExecutionException"/> naming the
/// step; the caller's cancellation is passed through as it is.
/// </summary>
public sealed class PipelineExecutor
{
    private readonly CompiledPipeline _pipeline;
    private readonly IComponentClient _components;
    private readonly IPromptSource _prompts;
    private readonly TimeProvider _time;

    /// <summary>Creates an executor of <paramref name="pipeline"/> calling <paramref name="components"/>.</summary>
    public PipelineExecutor(CompiledPipeline pipeline, IComponentClient components, IPromptSource prompts, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(components);
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(time);
        _pipeline = pipeline;
        _components = components;
        _prompts = prompts;
        _time = time;
    }

    /// <summary>Answers a request.</summary>
    public async Task<PipelineResult> ExecuteAsync(PipelineRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var deadline = _pipeline.Timeout is { } limit ? new CancellationTokenSource(limit, _time) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var scope = new PipelineScope(request);
        var traces = new List<StepTrace>();
        foreach (var step in _pipeline.Steps)
        {
            try
            {
                var trace = await RunStepAsync(step, scope, linked.Token).ConfigureAwait(false);
                traces.Add(trace);
                scope.Record(step.Name, trace.Output);
            }
            catch (OperationCanceledException e) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                var message = $"step {step.Name}: the pipeline ran out of its timeout of {Say(_pipeline.Timeout)}";
                throw new PipelineExecutionException(message, e) { Steps = traces };
            }
            catch (PipelineExecutionException e)
            {
                throw new PipelineExecutionException($"step {step.Name}: {e.Message}", e) { Steps = traces };
            }
        }

        var output = _pipeline.Output is { } render ? Render(render, scope.ForTemplate()) : scope.LastOutput ?? "";
        return new PipelineResult(output, traces);
    }

    private async Task<StepTrace> RunStepAsync(CompiledStep step, PipelineScope scope, CancellationToken cancellationToken)
    {
        using var activity = PipelineTelemetry.StartStep(step);
        var started = _time.GetTimestamp();
        var calls = new List<CallTrace>();
        try
        {
            string output;
            int? chosen = null;
            switch (step.Action)
            {
                case CallAction action:
                    output = await CallAsync(action.Call, scope, calls, null, cancellationToken).ConfigureAwait(false);
                    break;
                case SwitchAction action:
                    (output, chosen) = await SwitchAsync(action, step, scope, calls, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    output = await EnsembleAsync((EnsembleAction)step.Action, step, scope, calls, cancellationToken).ConfigureAwait(false);
                    break;
            }

            var trace = new StepTrace(step.Name, output, _time.GetElapsedTime(started), calls, chosen);
            PipelineTelemetry.Finish(activity, trace);
            return trace;
        }
        catch (Exception e) when (e is PipelineExecutionException or OperationCanceledException)
        {
            PipelineTelemetry.Fail(activity, e);
            throw;
        }
    }

    private async Task<(string Output, int Case)> SwitchAsync(
        SwitchAction action, CompiledStep step, PipelineScope scope, List<CallTrace> calls, CancellationToken cancellationToken)
    {
        for (var i = 0; i < action.Cases.Count; i++)
        {
            var item = action.Cases[i];
            if (item.When is not null && !item.When.Holds(scope.ForRule()))
            {
                continue;
            }

            var output = item.Call is null ? item.Respond ?? "" : await CallAsync(item.Call, scope, calls, null, cancellationToken).ConfigureAwait(false);
            return (output, i);
        }

        throw new PipelineExecutionException($"no case of {step.Path}.switch holds, and none is without when");
    }

    private async Task<string> EnsembleAsync(
        EnsembleAction action, CompiledStep step, PipelineScope scope, List<CallTrace> calls, CancellationToken cancellationToken)
    {
        using var losers = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var traces = action.Calls.Select(_ => new List<CallTrace>()).ToArray();
        var running = action.Calls.Select((call, i) => AnswerOrNullAsync(call, traces[i], losers.Token)).ToList();
        var answers = new (string? Answer, string? Error)[running.Count];
        string? first = null;
        if (action.Combine == Api.V1Alpha1.EnsembleCombine.First)
        {
            var pending = running.ToList();
            while (pending.Count > 0)
            {
                var done = await Task.WhenAny(pending).ConfigureAwait(false);
                pending.Remove(done);
                var answer = answers[running.IndexOf(done)] = await done.ConfigureAwait(false);
                if (first is null && answer.Answer is not null)
                {
                    first = answer.Answer;
                    await losers.CancelAsync().ConfigureAwait(false);
                }
            }
        }
        else
        {
            answers = await Task.WhenAll(running).ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        calls.AddRange(traces.SelectMany(t => t));
        var given = answers.Where(a => a.Answer is not null).Select(a => a.Answer!).ToList();
        if (given.Count == 0)
        {
            throw new PipelineExecutionException($"no call of {step.Path}.ensemble answered: {string.Join("; ", answers.Select(a => a.Error))}");
        }

        return action.Combine switch
        {
            Api.V1Alpha1.EnsembleCombine.Vote => EnsembleVote.Winner(given),
            Api.V1Alpha1.EnsembleCombine.Judge => await JudgeAsync(action.Judge!, given, scope, calls, cancellationToken).ConfigureAwait(false),
            _ => first!,
        };

        async Task<(string? Answer, string? Error)> AnswerOrNullAsync(CompiledCall call, List<CallTrace> trace, CancellationToken token)
        {
            try
            {
                return (await CallAsync(call, scope, trace, null, token).ConfigureAwait(false), null);
            }
            catch (PipelineExecutionException e)
            {
                return (null, e.Message);
            }
            catch (OperationCanceledException) when (losers.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                trace.Add(new CallTrace(call.Targets[0].ModelRef, CallOutcome.Cancelled, TimeSpan.Zero, "another call answered first"));
                return (null, "another call answered first");
            }
        }
    }

    private async Task<string> JudgeAsync(
        CompiledCall judge, List<string> answers, PipelineScope scope, List<CallTrace> calls, CancellationToken cancellationToken)
    {
        var numbered = string.Join("\n", answers.Select((a, i) => string.Create(CultureInfo.InvariantCulture, $"{i + 1}. {a}")));
        var extra = new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["answers"] = numbered,
            ["candidates"] = new JsonArray([.. answers.Select(a => (JsonNode?)JsonValue.Create(a))]),
        };
        var judgement = await CallAsync(judge, scope, calls, extra, cancellationToken).ConfigureAwait(false);
        return JudgeChoice.Pick(judgement, answers.Count) is { } picked
            ? answers[picked]
            : throw new PipelineExecutionException(string.Create(
                CultureInfo.InvariantCulture,
                $"{judge.Path}: the judge answered \"{Shorten(judgement)}\", not a number from 1 to {answers.Count}"));
    }

    private async Task<string> CallAsync(
        CompiledCall call, PipelineScope scope, List<CallTrace> calls, IEnumerable<KeyValuePair<string, JsonNode?>>? extra, CancellationToken cancellationToken)
    {
        var shared = scope.ForTemplate(extra);
        var variables = (JsonObject)shared.DeepClone();
        foreach (var variable in call.Vars)
        {
            variables[variable.Name] = Render(variable.Render, shared);
        }

        var inherited = new RenderedPrompt(scope.Messages, null);
        var failures = new List<string>();
        foreach (var target in call.Targets)
        {
            var prompt = await PromptAsync(target, variables, inherited, cancellationToken).ConfigureAwait(false);
            if (target == call.Targets[0])
            {
                inherited = prompt;
            }

            var started = _time.GetTimestamp();
            using var attempt = call.Timeout is { } limit ? new CancellationTokenSource(limit, _time) : null;
            using var linked = attempt is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attempt.Token);
            string? refusal;
            CallOutcome outcome;
            try
            {
                var request = new ComponentCall(target.ModelRef, prompt.Messages, prompt.Parameters);
                var answer = await _components.CompleteAsync(request, linked?.Token ?? cancellationToken).ConfigureAwait(false);
                if (call.Unless is null || !call.Unless.Holds(scope.ForRule(answer)))
                {
                    calls.Add(new CallTrace(target.ModelRef, CallOutcome.Answered, _time.GetElapsedTime(started)));
                    return answer;
                }

                (outcome, refusal) = (CallOutcome.Refused, $"its answer meets unless ({call.Unless.Rule})");
            }
            catch (OperationCanceledException) when (attempt?.IsCancellationRequested == true && !cancellationToken.IsCancellationRequested)
            {
                (outcome, refusal) = (CallOutcome.TimedOut, $"no answer within {Say(call.Timeout)}");
            }
            catch (ComponentCallException e)
            {
                (outcome, refusal) = (CallOutcome.Failed, e.Message);
            }

            calls.Add(new CallTrace(target.ModelRef, outcome, _time.GetElapsedTime(started), refusal));
            failures.Add($"{target.ModelRef}: {refusal}");
        }

        throw new PipelineExecutionException($"{call.Path}: no call answered ({string.Join("; ", failures)})");
    }

    // A target's messages: its prompt's active version, its own messages, or those of the call before it.
    private async Task<RenderedPrompt> PromptAsync(CompiledTarget target, JsonObject variables, RenderedPrompt inherited, CancellationToken cancellationToken)
    {
        if (target.PromptName is { } name)
        {
            var template = await ActivePromptAsync(name, target.Path, cancellationToken).ConfigureAwait(false);
            var rendered = Render(template, variables, target.Path);
            return rendered with { Parameters = Overlay(rendered.Parameters, target.Parameters) };
        }

        return target.Messages is { } messages
            ? Render(messages, variables, null) with { Parameters = target.Parameters }
            : inherited with { Parameters = Overlay(inherited.Parameters, target.Parameters) };
    }

    private async Task<PromptTemplate> ActivePromptAsync(string name, string usedAt, CancellationToken cancellationToken)
    {
        try
        {
            return await _prompts.GetAsync(name, cancellationToken).ConfigureAwait(false)
                ?? throw new PipelineExecutionException($"{usedAt}: prompt {name} has no active version");
        }
        catch (TemplateException e)
        {
            throw new PipelineExecutionException($"{usedAt}: {e.Message}", e);
        }
    }

    // A prompt's errors name the prompt; the target's path says where it is used. Inline messages name their path already.
    private static RenderedPrompt Render(PromptTemplate template, JsonObject variables, string? usedAt)
    {
        try
        {
            return template.Render(variables);
        }
        catch (TemplateException e)
        {
            throw new PipelineExecutionException(usedAt is null ? e.Message : $"{usedAt}: {e.Message}", e);
        }
    }

    private static JsonObject? Overlay(JsonObject? under, JsonObject? over)
    {
        if (under is null || over is null)
        {
            return over ?? under;
        }

        var merged = (JsonObject)under.DeepClone();
        foreach (var (name, value) in over)
        {
            merged[name] = value?.DeepClone();
        }

        return merged;
    }

    // The template was compiled with its path, so its errors name it.
    private static string Render(Func<JsonObject?, string> template, JsonObject variables)
    {
        try
        {
            return template(variables);
        }
        catch (TemplateException e)
        {
            throw new PipelineExecutionException(e.Message, e);
        }
    }

    private static string Say(TimeSpan? duration) => string.Create(CultureInfo.InvariantCulture, $"{duration.GetValueOrDefault().TotalSeconds:0.###}s");

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
