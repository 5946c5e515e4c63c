using System.Text.Json.Nodes;
using LlmOperator.Api.Text;
using LlmOperator.Evaluation.Assertions;
using LlmOperator.Evaluation.Client;
using LlmOperator.Evaluation.Live;
using LlmOperator.Evaluation.Telemetry;
using LlmOperator.Evaluation.Verdicts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LlmOperator.Evaluation.Running;

/// <summary>
/// Runs a plan: prepares every case, sends each case and repeat to the candidate and the baseline at
/// the gate's concurrency (in a seeded order, the same on both), judges the answers, meanwhile measures the
/// gate's Prometheus metrics (with its load), and decides the verdict of both. A run that outlives the gate's
/// timeout ends in Error with what it had.
/// </summary>
public sealed partial class EvaluationRunner(
    IOptions<EvaluationOptions> options,
    EvaluationTelemetry telemetry,
    TimeProvider time,
    ILogger<EvaluationRunner> logger)
{
    private readonly EvaluationOptions _options = options.Value;

    /// <summary>Runs the plan. Throws <see cref="EvaluationConfigurationException"/> when the gate cannot be run.</summary>
    public async Task<EvaluationReport> RunAsync(EvaluationPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var startedAt = time.GetUtcNow();
        using var activity = telemetry.StartRun(plan.Name, plan.Dataset.Cases.Count, plan.Candidate.Target.Model);
        var compiler = new AssertionCompiler(plan.Providers, new EmbeddingCache(), _options.RegexTimeout);
        var prepared = await new CasePreparer(compiler).PrepareAsync(plan, cancellationToken).ConfigureAwait(false);
        var execution = plan.Execution;
        var runTimeout = GoDuration.Parse(execution.Timeout);
        LogStarting(logger, plan.Name, prepared.Count, execution.Repeats, plan.Endpoints.Count, execution.Concurrency);

        var slots = plan.Endpoints.Select(_ => new AttemptResult?[prepared.Count, execution.Repeats]).ToList();
        var order = Order(prepared.Count, execution.Repeats, plan.Seed);
        using var timeout = new CancellationTokenSource(runTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var live = plan.Live is { } livePlan
            ? new MetricAnalysis(livePlan.Prometheus, time).RunAsync(
                livePlan, LoadCases(prepared), $"the run's timeout of {execution.Timeout} was reached", linked.Token)
            : null;
        string? timedOut = null;
        try
        {
            await Task.WhenAll(plan.Endpoints.Select((endpoint, i) =>
                RunEndpointAsync(endpoint, i, prepared, order, slots[i], execution.Concurrency, linked.Token))).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var done = slots.Sum(s => s.Cast<AttemptResult?>().Count(a => a is not null));
            timedOut = $"the run did not finish within its timeout of {execution.Timeout}: " +
                $"{done} of {slots.Count * prepared.Count * execution.Repeats} answers were done";
        }

        var liveResults = live is null ? null : await live.ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (liveResults?.Load is { } load)
        {
            LogLoad(logger, plan.Name, load.Sent, plan.Live!.Load!.Target.Url, load.Failed, load.Skipped);
        }

        var results = plan.Endpoints.Select((endpoint, i) => Collect(endpoint, i, prepared, slots[i])).ToList();
        var policy = GatePolicy.From(plan.Gate, plan.Seed) with { Resamples = _options.BootstrapResamples };
        var baseline = results.Count > 1 ? results[1] : plan.Release;
        var datasetVerdict = !plan.HasDataset ? null
            : timedOut is null ? VerdictCalculator.Decide(results[0], baseline, policy, plan.Baseline?.Description ?? plan.Release?.Model)
            : VerdictCalculator.Error(timedOut, results[0], baseline, policy.Comparison.Confidence);
        var verdict = MetricVerdicts.Combine(datasetVerdict, liveResults?.Metrics ?? []);
        activity?.SetTag("llmop.evaluation.phase", verdict.Phase.ToString());
        activity?.SetTag("llmop.evaluation.pass_rate", verdict.Summary.PassRate);
        LogFinished(logger, plan.Name, verdict.Reason);
        return new EvaluationReport(
            plan.Name, plan.GateName, plan.Dataset.Sha256, startedAt, time.GetUtcNow(), results[0], baseline, verdict, execution.DryRun);
    }

    private async Task RunEndpointAsync(
        EndpointPlan endpoint,
        int index,
        IReadOnlyList<PreparedCase> cases,
        (int Case, int Repeat)[] order,
        AttemptResult?[,] slots,
        int concurrency,
        CancellationToken cancellationToken)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(order, parallel, async (item, token) =>
        {
            slots[item.Case, item.Repeat] = await RunAttemptAsync(endpoint, index, cases[item.Case], item.Repeat + 1, token).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    private async Task<AttemptResult> RunAttemptAsync(EndpointPlan endpoint, int index, PreparedCase prepared, int repeat, CancellationToken cancellationToken)
    {
        using var activity = telemetry.StartCase(prepared.Case.Id, endpoint.Role, repeat);
        var result = await JudgeAsync(endpoint, index, prepared, repeat, cancellationToken).ConfigureAwait(false);
        var outcome = result.Error is not null ? "error" : result.Passed ? "passed" : "failed";
        telemetry.RecordCase(activity, endpoint.Role, outcome, result.Score?.Score, result.Error);
        return result;
    }

    private static async Task<AttemptResult> JudgeAsync(
        EndpointPlan endpoint,
        int index,
        PreparedCase prepared,
        int repeat,
        CancellationToken cancellationToken)
    {
        if (prepared.Errors[index] is { } error)
        {
            return AttemptResult.Failure(repeat, error);
        }

        var prompt = prepared.Prompts[index]!;
        ChatCompletion completion;
        try
        {
            completion = await endpoint.Target.AnswerAsync(prompt, prepared.Case.Vars, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelCallException e)
        {
            return AttemptResult.Failure(repeat, e.Message, requests: e.Attempts);
        }

        var latency = completion.Latency.TotalMilliseconds;
        var output = completion.Output;
        var input = new AssertionInput(output, completion.Latency, completion.Usage.Cost, completion.ToolCalls, prompt.Parameters?["tools"] as JsonArray);
        var outcomes = new List<AssertionOutcome>(prepared.Assertions.Count);
        try
        {
            foreach (var assertion in prepared.Assertions)
            {
                outcomes.Add(await assertion.EvaluateAsync(input, cancellationToken).ConfigureAwait(false));
            }
        }
        catch (AssertionException e)
        {
            return AttemptResult.Failure(repeat, e.Message, output, completion.Attempts, latency);
        }

        return new AttemptResult(repeat, output, CaseScore.From(outcomes), outcomes, latency, completion.TimeToFirstToken?.TotalMilliseconds,
            completion.Usage.PromptTokens, completion.Usage.CompletionTokens, completion.Usage.Cost, completion.Attempts, null);
    }

    private static EndpointResults Collect(EndpointPlan endpoint, int index, IReadOnlyList<PreparedCase> cases, AttemptResult?[,] slots)
    {
        var results = new List<CaseResult>(cases.Count);
        for (var c = 0; c < cases.Count; c++)
        {
            var attempts = Enumerable.Range(0, slots.GetLength(1)).Select(r => slots[c, r]).ToList();
            if (attempts.All(a => a is not null))
            {
                var evaluationCase = cases[c].Case;
                var input = CaseInput.Of(evaluationCase, cases[c].Prompts[index]);
                results.Add(new CaseResult(evaluationCase.Id, evaluationCase.Critical == true, evaluationCase.Tags ?? [], attempts!, input));
            }
        }

        return new EndpointResults(endpoint.Role, endpoint.Target.Url, endpoint.Target.Model, results);
    }

    // The load replays the cases as the candidate sees them; a case that does not render for it is left out.
    private static List<LoadCase> LoadCases(IReadOnlyList<PreparedCase> prepared) =>
        [.. prepared.Where(p => p.Prompts[0] is not null).Select(p => new LoadCase(p.Prompts[0]!, p.Case.Vars))];

    // Every (case, repeat) once, shuffled by the seed so that a run can be reproduced.
    private static (int Case, int Repeat)[] Order(int cases, int repeats, long seed)
    {
        var order = new (int, int)[cases * repeats];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = (i / repeats, i % repeats);
        }

        new Random(unchecked((int)(seed ^ (seed >> 32)))).Shuffle(order);
        return order;
    }

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Evaluation {Run}: {Cases} cases x {Repeats} repeats on {Endpoints} endpoint(s), {Concurrency} at a time")]
    private static partial void LogStarting(ILogger logger, string run, int cases, int repeats, int endpoints, int concurrency);

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Evaluation {Run}: load sent {Sent} requests to {Url}; {Failed} failed, {Skipped} skipped at the in-flight limit")]
    private static partial void LogLoad(ILogger logger, string run, int sent, string url, int failed, int skipped);

    [LoggerMessage(Level = LogLevel.Information, Message = "Evaluation {Run}: {Verdict}")]
    private static partial void LogFinished(ILogger logger, string run, string verdict);
}
