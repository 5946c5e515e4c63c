using LlmOperator.Api.Text;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Client;
using LlmOperator.Evaluation.Live.Prometheus;
using LlmOperator.Evaluation.Running;
using LlmOperator.Templates;

namespace LlmOperator.Evaluation.Live;

/// <summary>
/// Resolves a gate's metrics and load for a run before anything is measured: renders each query with the
/// run's context, compiles the conditions, reads the durations and checks that measuring fits in the run's
/// timeout. Every problem is an <see cref="EvaluationConfigurationException"/> that names the metric.
/// </summary>
internal static class LivePlanBuilder
{
    /// <summary>The live plan of a gate, or null when it has neither metrics nor load.</summary>
    public static LivePlan? Build(
        EvaluationGateSpec gate, MetricContext? context, EndpointRequest candidate, ModelClientFactory factory, ClientSettings settings)
    {
        var execution = gate.Execution ?? new ExecutionSettings();
        if (gate.Metrics is not { Count: > 0 } && execution.Load is null)
        {
            return null;
        }

        if (context is null)
        {
            throw new EvaluationConfigurationException(
                "the gate's metrics and load measure a run's revisions as they serve: they run in an EvaluationRun's Job (llmop eval --run), " +
                "not against an endpoint given by hand");
        }

        var timeout = GoDuration.Parse(execution.Timeout);
        var metrics = (gate.Metrics ?? []).Select(m => Compile(m, context, timeout, execution.Timeout)).ToList();
        return new LivePlan(new PrometheusClient(factory.Http), metrics, execution.Load is { } load ? Load(load, context, candidate, factory, settings) : null);
    }

    private static CompiledMetric Compile(GateMetric metric, MetricContext context, TimeSpan runTimeout, string runTimeoutText)
    {
        var where = $"metric {metric.Name}";
        string query;
        try
        {
            query = LiquidSandbox.Compile(metric.Prometheus.Query, $"{where}: prometheus.query")(context.Variables());
        }
        catch (TemplateException e)
        {
            throw new EvaluationConfigurationException(e.Message, e);
        }

        try
        {
            var range = metric.Prometheus.Range is { } r ? (GoDuration.Parse(r.Duration), GoDuration.Parse(r.Step)) : ((TimeSpan, TimeSpan)?)null;
            var compiled = new CompiledMetric(
                metric,
                query,
                metric.SuccessCondition is { } success ? MetricCondition.Compile(success, $"{where}: successCondition") : null,
                metric.FailureCondition is { } failure ? MetricCondition.Compile(failure, $"{where}: failureCondition") : null,
                GoDuration.Parse(metric.InitialDelay),
                GoDuration.Parse(metric.Interval),
                GoDuration.Parse(metric.Prometheus.Timeout),
                range);
            if (compiled.Success is null && compiled.Failure is null)
            {
                throw new FormatException($"{where} needs successCondition, failureCondition or both");
            }

            return compiled.Window < runTimeout ? compiled : throw new FormatException(
                $"{where} measures for {compiled.Window.TotalSeconds:0.###} seconds (initialDelay {metric.InitialDelay}, then {metric.Count} " +
                $"measurements {metric.Interval} apart), which does not fit in execution.timeout {runTimeoutText}");
        }
        catch (FormatException e)
        {
            throw new EvaluationConfigurationException(e.Message.StartsWith(where, StringComparison.Ordinal) ? e.Message : $"{where}: {e.Message}", e);
        }
    }

    private static LoadTarget Load(LoadSettings load, MetricContext context, EndpointRequest candidate, ModelClientFactory factory, ClientSettings settings)
    {
        if (context.MainEndpoint is not { } url || context.ServedModel is not { } model)
        {
            throw new EvaluationConfigurationException(context.Model is null
                ? "execution.load sends the cases to a ModelDeployment's main Service, and this run judges no ModelDeployment"
                : $"execution.load sends the cases to the main Service of ModelDeployment {context.Model}, which has no endpoint yet");
        }

        // No retries: a request that fails is part of what the metrics measure, and a retry would add load the rate does not ask for.
        var loadSettings = settings with { Retry = settings.Retry with { MaxRetries = 0 }, MaxConcurrency = load.MaxInFlight };
        return new LoadTarget(new ModelTarget(factory.Create(new ModelEndpoint(url, model, candidate.ApiKey), loadSettings)), load);
    }
}
