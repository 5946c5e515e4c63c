using System.Diagnostics;
using System.Diagnostics.Metrics;
using LlmOperator.Evaluation.Client;

namespace LlmOperator.Evaluation.Telemetry;

/// <summary>
/// The evaluation's spans and metrics: a span per run, per case and per model call (with the
/// OpenTelemetry GenAI semantic conventions), and metrics for latency, tokens, errors and scores.
/// </summary>
public sealed class EvaluationTelemetry : IDisposable
{
    /// <summary>The name of the ActivitySource and the Meter.</summary>
    public const string Name = "LlmOperator.Evaluation";

    private readonly Meter _meter;
    private readonly Histogram<double> _operationDuration;
    private readonly Histogram<long> _tokenUsage;
    private readonly Histogram<double> _timeToFirstToken;
    private readonly Counter<long> _errors;
    private readonly Histogram<double> _caseScore;
    private readonly Counter<long> _cases;

    /// <summary>Creates the instruments, from the host's meter factory when there is one.</summary>
    public EvaluationTelemetry(IMeterFactory? meterFactory = null)
    {
        var version = typeof(EvaluationTelemetry).Assembly.GetName().Version?.ToString();
        Source = new ActivitySource(Name, version);
        _meter = meterFactory?.Create(Name, version) ?? new Meter(Name, version);
        _operationDuration = _meter.CreateHistogram<double>("gen_ai.client.operation.duration", "s", "Duration of model calls.");
        _tokenUsage = _meter.CreateHistogram<long>("gen_ai.client.token.usage", "{token}", "Tokens used by model calls.");
        _timeToFirstToken = _meter.CreateHistogram<double>("llmop.evaluation.time_to_first_token", "s", "Time to the first streamed token.");
        _errors = _meter.CreateCounter<long>("llmop.evaluation.errors", "{error}", "Model calls and cases that ended in an error.");
        _caseScore = _meter.CreateHistogram<double>("llmop.evaluation.case.score", "1", "Weighted score of each evaluated case.");
        _cases = _meter.CreateCounter<long>("llmop.evaluation.cases", "{case}", "Evaluated cases by outcome.");
    }

    /// <summary>The source of the evaluation's spans.</summary>
    public ActivitySource Source { get; }

    /// <summary>Starts the span of a whole run.</summary>
    public Activity? StartRun(string run, int cases, string candidateModel)
    {
        var activity = Source.StartActivity("evaluation.run " + run);
        activity?.SetTag("llmop.evaluation.run", run);
        activity?.SetTag("llmop.evaluation.cases", cases);
        activity?.SetTag("gen_ai.request.model", candidateModel);
        return activity;
    }

    /// <summary>Starts the span of one case on one endpoint.</summary>
    public Activity? StartCase(string caseId, string role, int repeat)
    {
        var activity = Source.StartActivity("evaluation.case " + caseId);
        activity?.SetTag("llmop.evaluation.case", caseId);
        activity?.SetTag("llmop.evaluation.role", role);
        activity?.SetTag("llmop.evaluation.repeat", repeat);
        return activity;
    }

    /// <summary>Records a finished case on its span and in the metrics.</summary>
    public void RecordCase(Activity? activity, string role, string outcome, double? score, string? error)
    {
        activity?.SetTag("llmop.evaluation.outcome", outcome);
        if (score is { } s)
        {
            activity?.SetTag("llmop.evaluation.score", s);
            _caseScore.Record(s, new KeyValuePair<string, object?>("llmop.evaluation.role", role));
        }

        var tags = new TagList { { "llmop.evaluation.role", role }, { "llmop.evaluation.outcome", outcome } };
        _cases.Add(1, tags);
        if (error is not null)
        {
            activity?.SetStatus(ActivityStatusCode.Error, error);
            _errors.Add(1, new TagList { { "llmop.evaluation.role", role }, { "error.type", "case" } });
        }
    }

    /// <summary>Starts a model call's span: "chat gpt-4o" or "embeddings text-embedding-3-small", kind Client.</summary>
    public Activity? StartModelCall(string operation, ModelEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var activity = Source.StartActivity($"{operation} {endpoint.Model}", ActivityKind.Client);
        if (activity is not null)
        {
            activity.SetTag("gen_ai.operation.name", operation);
            activity.SetTag("gen_ai.provider.name", "openai");
            activity.SetTag("gen_ai.request.model", endpoint.Model);
            activity.SetTag("server.address", endpoint.BaseUrl.Host);
            activity.SetTag("server.port", endpoint.BaseUrl.Port);
        }

        return activity;
    }

    /// <summary>Records a model call's outcome on its span and in the metrics.</summary>
    public void RecordModelCall(Activity? activity, string operation, ModelEndpoint endpoint, TimeSpan duration, ChatCompletion? completion, string? errorType)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var tags = new TagList
        {
            { "gen_ai.operation.name", operation },
            { "gen_ai.provider.name", "openai" },
            { "gen_ai.request.model", endpoint.Model },
            { "server.address", endpoint.BaseUrl.Host },
        };
        if (errorType is not null)
        {
            tags.Add("error.type", errorType);
            activity?.SetTag("error.type", errorType);
            activity?.SetStatus(ActivityStatusCode.Error, errorType);
            _errors.Add(1, tags);
        }

        if (completion is not null)
        {
            activity?.SetTag("gen_ai.response.model", completion.Model);
            if (completion.FinishReason is { } finish)
            {
                activity?.SetTag("gen_ai.response.finish_reasons", new[] { finish });
            }

            activity?.SetTag("llmop.request.attempts", completion.Attempts);
            RecordTokens(activity, tags, "input", "gen_ai.usage.input_tokens", completion.Usage.PromptTokens);
            RecordTokens(activity, tags, "output", "gen_ai.usage.output_tokens", completion.Usage.CompletionTokens);
            if (completion.TimeToFirstToken is { } ttft)
            {
                _timeToFirstToken.Record(ttft.TotalSeconds, tags);
            }
        }

        _operationDuration.Record(duration.TotalSeconds, tags);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Source.Dispose();
        _meter.Dispose();
    }

    private void RecordTokens(Activity? activity, TagList tags, string type, string attribute, long? tokens)
    {
        if (tokens is not { } count)
        {
            return;
        }

        activity?.SetTag(attribute, count);
        var withType = tags;
        withType.Add("gen_ai.token.type", type);
        _tokenUsage.Record(count, withType);
    }
}
