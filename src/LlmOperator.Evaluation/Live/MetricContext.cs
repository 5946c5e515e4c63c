using System.Text.Json.Nodes;

namespace LlmOperator.Evaluation.Live;

/// <summary>
/// The run a gate's metrics are measured for: what their queries are templated with, and where load goes.
/// Series are found by the labels the chart's PodMonitor gives them (<see cref="ModelLabel"/>,
/// <see cref="RevisionLabel"/>, and the namespace).
/// </summary>
/// <param name="Namespace">The run's namespace.</param>
/// <param name="Run">The run's name.</param>
/// <param name="Model">The ModelDeployment judged, or null when the run judges a PromptVersion.</param>
/// <param name="CandidateRevision">The candidate's revision, when it has one.</param>
/// <param name="BaselineRevision">The baseline's revision, when the run has a baseline endpoint.</param>
/// <param name="MainEndpoint">The OpenAI base URL of the model's main Service, where load goes, when known.</param>
/// <param name="ServedModel">The model name clients send to it.</param>
public sealed record MetricContext(
    string Namespace,
    string Run,
    string? Model,
    string? CandidateRevision,
    string? BaselineRevision,
    string? MainEndpoint = null,
    string? ServedModel = null)
{
    /// <summary>The series label with the ModelDeployment's name (from the pod label llmoperator.io/model).</summary>
    public const string ModelLabel = "llmoperator_model";

    /// <summary>The series label with the revision (from the pod label llmoperator.io/revision).</summary>
    public const string RevisionLabel = "llmoperator_revision";

    /// <summary>
    /// A context with every variable set, for checking a gate before any run: a query that renders with it
    /// names only variables that exist.
    /// </summary>
    public static MetricContext Check(string ns, string gate) => new(ns, $"{gate}-check", "model", "candidate", "baseline");

    /// <summary>
    /// The template variables: namespace, run, model, and candidate and baseline with their revision and
    /// selector (the PromQL label matchers of their series). Those the run does not have are absent, so that
    /// a query naming one does not render, rather than match nothing.
    /// </summary>
    public JsonObject Variables()
    {
        var variables = new JsonObject { ["namespace"] = Namespace, ["run"] = Run };
        if (Model is not null)
        {
            variables["model"] = Model;
        }

        if (CandidateRevision is not null)
        {
            variables["candidate"] = Revision(CandidateRevision);
        }

        if (BaselineRevision is not null)
        {
            variables["baseline"] = Revision(BaselineRevision);
        }

        return variables;
    }

    private JsonObject Revision(string revision)
    {
        var model = Model is null ? "" : $",{ModelLabel}=\"{Escape(Model)}\"";
        return new JsonObject
        {
            ["revision"] = revision,
            ["selector"] = $"namespace=\"{Escape(Namespace)}\"{model},{RevisionLabel}=\"{Escape(revision)}\"",
        };
    }

    // Names and revisions are DNS labels and hashes; the escape keeps a matcher valid whatever they hold.
    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
